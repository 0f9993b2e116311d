import { scriptOf, type Instruction } from '../shared/dockerfile/parse-dockerfile';
import { parseShell, type ParsedShell } from '../shared/dockerfile/shell';

/**
 * A RUN as the rewriter edits it: its flags and its script split into the segments of a
 * top-level `&&` chain. Scripts that are not plain text (exec form, heredocs) are `fixed`:
 * they are reported but not rewritten.
 */
export interface RunModel {
  origin: Instruction;
  flags: string[];
  segments: string[];
  fixed: boolean;
  /** For `RUN <<EOF` scripts: the delimiter; segments are then the script's lines. */
  heredoc?: string;
}

export function modelOf(ins: Instruction): RunModel {
  const flags = ins.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
  const onlyHeredoc = ins.heredocs.length === 1 && /^<<-?["']?[A-Za-z0-9_]+["']?$/.test(ins.args.trim());
  if (onlyHeredoc) {
    // A heredoc script is edited line by line (logical lines: continuations joined).
    const lines = scriptOf(ins).replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return { origin: ins, flags, segments: lines, fixed: false, heredoc: ins.heredocs[0].name };
  }
  const fixed = ins.json !== null || ins.heredocs.length > 0;
  return { origin: ins, flags, segments: fixed ? [scriptOf(ins)] : splitAndChain(ins.args), fixed };
}

/**
 * Splits `a && b && c` at top-level `&&` (outside quotes, `$(...)`, backticks and braces),
 * collapsing runs of whitespace outside quotes (continuation indentation).
 */
export function splitAndChain(script: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < script.length) cur += script[++i];
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      cur += c + script[++i];
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      cur += c;
    } else if (c === '(' || c === '{') {
      depth++;
      cur += c;
    } else if ((c === ')' || c === '}') && depth > 0) {
      depth--;
      cur += c;
    } else if (c === '&' && script[i + 1] === '&' && depth === 0) {
      parts.push(cur);
      cur = '';
      i++;
    } else if (/\s/.test(c)) {
      if (!cur.endsWith(' ')) cur += ' ';
    } else cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const parsed = new Map<string, ParsedShell>();

/** Segment scripts repeat (the same `apt-get update` in many RUNs): parse each text once. */
export function shellOfSegment(segment: string): ParsedShell {
  let p = parsed.get(segment);
  if (!p) {
    p = parseShell(segment);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(segment, p);
  }
  return p;
}

export function renderRun(model: RunModel): string {
  const head = ['RUN', ...model.flags].join(' ');
  if (model.fixed) return model.origin.source;
  if (model.heredoc) return `${head} <<${model.heredoc}\n${model.segments.join('\n')}\n${model.heredoc}`;
  if (model.segments.length <= 1) return `${head} ${model.segments[0] ?? 'true'}`;
  return `${head} ${model.segments.join(' \\\n    && ')}`;
}
