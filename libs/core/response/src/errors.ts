/**
 * Thrown by a tool when its input does not parse. The registry turns it into an `isError`
 * result whose text is `<source>: line L, column C: <message>` (TOOLS.md "Errors").
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number,
    /** A file path, or the argument name (`manifest`, `before`, `schema`); omitted for `content`. */
    readonly source?: string,
  ) {
    super(message);
  }

  /** The same error attributed to another source, for multi-file tools. */
  in(source: string | undefined): ParseError {
    return new ParseError(this.message, this.line, this.column, source);
  }

  override toString(): string {
    const where = `line ${this.line}${this.column !== undefined ? `, column ${this.column}` : ''}`;
    return `${this.source ? `${this.source}: ` : ''}${where}: ${this.message}`;
  }
}

/** Input the tool understood but refuses: too large, wrong kind of document, bad combination. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A network service the tool depends on could not be reached or answered with an error. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly service: string,
    detail: string,
  ) {
    super(`${service} could not be queried: ${detail}`);
  }
}

/** Converts a 0-based offset in `text` into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Precomputed line starts for many offset -> position lookups on one text (O(log n) each). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
