import type { SyntaxNode, Tree } from '@lezer/common';
import { LineIndex, ParseError } from '@mcp/core-response';
import { parser } from './grammar/parser';

/** One parsed Python file; every tool of the category works on this, never on raw text. */
export interface PyModule {
  text: string;
  tree: Tree;
  top: SyntaxNode;
  lines: LineIndex;
  /** The path as given in `files`; undefined for a single `content`. */
  path?: string;
}

/**
 * Parses Python 3 source. Lezer recovers from syntax errors by inserting error nodes; a
 * tool must not analyze a half-understood file, so the first error node becomes a
 * ParseError at its line and column (TOOLS.md "Bad input").
 */
export function parsePython(text: string, path?: string): PyModule {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  let errorAt = -1;
  let legacyPrint = -1;
  tree.iterate({
    enter(n) {
      if (errorAt >= 0) return false;
      if (n.type.isError) {
        errorAt = n.from;
        return false;
      }
      // The grammar still accepts Python 2's print statement; Python 3 does not.
      if (n.name === 'PrintStatement' && legacyPrint < 0) legacyPrint = n.from;
      return undefined;
    },
  });
  if (errorAt < 0 && legacyPrint >= 0) {
    const { line, column } = lines.position(legacyPrint);
    throw new ParseError("Missing parentheses in call to 'print'", line, column, path);
  }
  if (errorAt >= 0) {
    const { line, column } = lines.position(errorAt);
    throw new ParseError(describeError(text, errorAt), line, column, path);
  }
  return { text, tree, top: tree.topNode, lines, path };
}

function describeError(text: string, at: number): string {
  const rest = text.slice(at);
  if (/^\s*$/.test(rest)) return 'invalid syntax: unexpected end of file';
  const token = /^(\w+|\S)/.exec(rest.replace(/^[ \t]+/, ''));
  if (!token) return 'invalid syntax: unexpected line break';
  return `invalid syntax: unexpected '${token[1]}'`;
}

/** Parses several files, failing on the first that does not parse (TOOLS.md "Errors"). */
export function parseFiles(files: { path: string; content: string }[]): PyModule[] {
  return files.map((f) => parsePython(f.content, f.path));
}

export const isPythonPath = (path: string) => /\.pyi?$/.test(path);
