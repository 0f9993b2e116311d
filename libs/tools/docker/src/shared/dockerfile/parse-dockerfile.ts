import { ParseError } from '@mcp/core-response';
import { parseShell, type ParsedShell } from './shell';
import { parseImageRef, type ImageRef } from './image-ref';

/**
 * A Dockerfile parser that reads the file the way BuildKit's frontend does: parser directives
 * (`# escape=`), line continuations with comment and blank lines inside them dropped, heredocs
 * (`<<EOF`, `<<-EOF`, quoted delimiters), exec (JSON) versus shell form, `--flags`, and stages
 * with `ARG` interpolation in `FROM`.
 *
 * Why not dockerfile-ast alone: it re-tokenizes every instruction for each accessor and needs
 * ~2.5 s per MiB here (the tools must stay under 1 s), and it keeps comment lines that sit
 * inside continuations in the argument text. The spec checks this parser against dockerfile-ast
 * on the fixtures (same instructions, lines, flags, image parts).
 */

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Instructions that BuildKit refuses without arguments ("<X> requires at least one argument"). */
const NEED_ARGS = new Set([
  'ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'MAINTAINER', 'ONBUILD', 'SHELL',
  'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'HEALTHCHECK', 'RUN',
]);

/** Instructions whose leading `--name[=value]` words are flags (BuildKit parses flags for these). */
const FLAG_INSTRUCTIONS = new Set(['ADD', 'COPY', 'FROM', 'RUN', 'HEALTHCHECK']);
const HEREDOC_INSTRUCTIONS = new Set(['ADD', 'COPY', 'RUN']);

export interface Flag {
  name: string;
  value: string | null;
}

export interface Heredoc {
  name: string;
  /** The body between the opening line and the delimiter (tabs stripped for `<<-`). */
  content: string;
  /** 1-based line of the first body line. */
  line: number;
}

export interface Instruction {
  /** Upper-cased keyword. */
  keyword: string;
  /** Keyword as written (for messages and rewrites). */
  written: string;
  /** 1-based line and column of the keyword; endLine is the last line (continuations, heredocs). */
  line: number;
  column: number;
  endLine: number;
  /** Arguments after the keyword with continuations joined and flags removed. */
  args: string;
  /** Arguments including flags, as joined text. */
  rawArgs: string;
  flags: Flag[];
  /** Exec form: the JSON array; null for shell form. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** The 0-based index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
  /** For ONBUILD: the trigger instruction. */
  trigger?: Instruction;
  /** The original source lines of the instruction (for rewrites). */
  source: string;
}

export interface Stage {
  index: number;
  /** The FROM instruction. */
  from: Instruction;
  /** Image as written after `--flags` (may hold `${ARG}`). */
  imageText: string;
  /** The image after substituting global ARG defaults; unresolved variables stay as written. */
  image: ImageRef;
  /** True when every variable in the image text had a value. */
  resolved: boolean;
  /** Lower-cased stage name (`AS name`), BuildKit compares them case-insensitively. */
  alias: string | null;
  platform: string | null;
  /** Index of the earlier stage this one builds on (`FROM <alias>`), else null. */
  parent: number | null;
  instructions: Instruction[];
}

export interface Comment {
  /** 1-based line. */
  line: number;
  /** Text after the `#`. */
  text: string;
}

export interface Dockerfile {
  text: string;
  /** Comment lines between instructions (not those inside continuations). */
  comments: Comment[];
  escape: string;
  directives: Record<string, string>;
  instructions: Instruction[];
  /** ARGs before the first FROM: usable in FROM lines only, unless redeclared in a stage. */
  globalArgs: Map<string, string | null>;
  stages: Stage[];
}

const shellCache = new WeakMap<Instruction, ParsedShell>();

/**
 * The shell script a RUN executes, parsed once and shared by every rule. Exec form is joined
 * with spaces, as hadolint does; a RUN that is only a heredoc runs the heredoc body.
 */
export function shellOf(instruction: Instruction): ParsedShell {
  let parsed = shellCache.get(instruction);
  if (!parsed) {
    parsed = parseShell(scriptOf(instruction));
    shellCache.set(instruction, parsed);
  }
  return parsed;
}

export function scriptOf(instruction: Instruction): string {
  if (instruction.json) return instruction.json.join(' ');
  const args = instruction.args.trim();
  if (instruction.heredocs.length > 0 && /^<<-?["']?[A-Za-z0-9_]+["']?$/.test(args)) {
    return instruction.heredocs[0].content;
  }
  if (instruction.heredocs.length === 0) return instruction.args;
  // `RUN cmd <<EOF`: the heredoc is the command's stdin; keep it in the script as a shell heredoc.
  return [instruction.args, ...instruction.heredocs.flatMap((h) => [h.content, h.name])].join('\n');
}

interface RawLine {
  text: string;
  start: number;
}

function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lines.push({ text: line, start });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

export function parseDockerfile(text: string): Dockerfile {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(src);
  const directives: Record<string, string> = {};
  let i = 0;
  // Parser directives: only at the very top, before any other line (BuildKit stops at the first
  // non-directive, including a blank line).
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].text.trim());
    if (!m || !lines[i].text.trim().startsWith('#')) break;
    const key = m[1].toLowerCase();
    if (key in directives) break;
    directives[key] = m[2];
  }
  const escape = directives.escape ?? '\\';
  if (escape !== '\\' && escape !== '`') {
    throw new ParseError(`invalid escape directive "${escape}": must be \` or \\`, 1, 1);
  }
  const instructions: Instruction[] = [];
  const comments: Comment[] = [];
  let stage = -1;
  while (i < lines.length) {
    const raw = lines[i].text;
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (trimmed !== '') comments.push({ line: i + 1, text: trimmed.slice(1) });
      i++;
      continue;
    }
    const startLine = i + 1;
    const column = raw.length - trimmed.length + 1;
    // Join continuation lines: a line ending in the escape character (optionally followed by
    // whitespace) continues; comment and blank lines inside are dropped.
    let joined = '';
    let current = trimmed;
    let last = i;
    for (;;) {
      const m = continuation(current, escape);
      if (m === null) {
        joined += current;
        break;
      }
      joined += m;
      let j = last + 1;
      while (j < lines.length) {
        const t = lines[j].text.trimStart();
        if (t.startsWith('#') || t === '') {
          j++;
          continue;
        }
        break;
      }
      if (j >= lines.length) break;
      last = j;
      current = lines[j].text;
    }
    const kw = /^([A-Za-z]+)(?=\s|$)/.exec(joined);
    if (!kw) {
      const word = /^\S+/.exec(joined)?.[0] ?? joined;
      throw new ParseError(`unknown instruction: ${word}`, startLine, column);
    }
    const written = kw[1];
    const keyword = written.toUpperCase();
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      throw new ParseError(`unknown instruction: ${written}`, startLine, column);
    }
    const rest = joined.slice(written.length).trim();
    if (keyword === 'FROM') stage++;
    const instruction = buildInstruction(keyword, written, rest, startLine, column, stage, escape);
    // Heredoc bodies follow the instruction's last line.
    let end = last;
    if (HEREDOC_INSTRUCTIONS.has(keyword) && !instruction.json) {
      for (const spec of heredocSpecs(rest)) {
        const bodyStart = end + 1;
        let k = bodyStart;
        const body: string[] = [];
        for (; k < lines.length; k++) {
          const l = spec.strip ? lines[k].text.replace(/^\t+/, '') : lines[k].text;
          if (l === spec.name) break;
          body.push(l);
        }
        if (k >= lines.length) {
          throw new ParseError(`unterminated heredoc: no line "${spec.name}" closes <<${spec.name}`, startLine, column);
        }
        instruction.heredocs.push({ name: spec.name, content: body.join('\n'), line: bodyStart + 1 });
        end = k;
      }
    }
    instruction.endLine = end + 1;
    instruction.source = src.slice(lines[i].start, (lines[end + 1]?.start ?? src.length + 1) - 1);
    if (NEED_ARGS.has(keyword) && rest === '') {
      throw new ParseError(`${keyword} requires at least one argument`, startLine, column + written.length);
    }
    if (keyword === 'ONBUILD') instruction.trigger = parseTrigger(instruction, rest, startLine, column, stage, escape);
    instructions.push(instruction);
    i = end + 1;
  }
  return { ...assemble(src, escape, directives, instructions), comments };
}

/** Returns the line without its trailing escape when it continues, else null. */
function continuation(line: string, escape: string): string | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return null;
  // An escaped escape (`\\` at the end) is a literal backslash, not a continuation.
  let n = 0;
  while (end - 1 - n >= 0 && line[end - 1 - n] === escape) n++;
  if (n % 2 === 0) return null;
  return line.slice(0, end - 1);
}

function heredocSpecs(args: string): { name: string; strip: boolean }[] {
  const specs: { name: string; strip: boolean }[] = [];
  const re = /(^|\s)<<(-?)(["']?)([A-Za-z0-9_.]+)\3/g;
  for (let m = re.exec(args); m; m = re.exec(args)) specs.push({ name: m[4], strip: m[2] === '-' });
  return specs;
}

function buildInstruction(
  keyword: string,
  written: string,
  rest: string,
  line: number,
  column: number,
  stage: number,
  escape: string,
): Instruction {
  const flags: Flag[] = [];
  let args = rest;
  if (FLAG_INSTRUCTIONS.has(keyword)) {
    for (;;) {
      const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=((?:"[^"]*"|'[^']*'|\S)*))?(\s+|$)/.exec(args);
      if (!m) break;
      flags.push({ name: m[1], value: m[2] === undefined ? null : m[2] });
      args = args.slice(m[0].length);
    }
  }
  let json: string[] | null = null;
  if (['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'SHELL', 'VOLUME'].includes(keyword) && args.startsWith('[')) {
    json = parseJsonArray(args, escape);
  }
  return {
    keyword,
    written,
    line,
    column,
    endLine: line,
    args,
    rawArgs: rest,
    flags,
    json,
    heredocs: [],
    stage,
    source: '',
  };
}

function parseJsonArray(args: string, escape: string): string[] | null {
  try {
    // BuildKit accepts JSON only as the whole argument text; with a backtick escape a
    // backslash inside JSON is still JSON's own escape.
    void escape;
    const value: unknown = JSON.parse(args);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: shell form, as BuildKit falls back to.
  }
  return null;
}

function parseTrigger(
  onbuild: Instruction,
  rest: string,
  line: number,
  column: number,
  stage: number,
  escape: string,
): Instruction {
  const kw = /^([A-Za-z]+)(?=\s|$)/.exec(rest);
  const word = kw?.[1] ?? (/^\S+/.exec(rest)?.[0] ?? rest);
  const keyword = word.toUpperCase();
  const col = column + onbuild.written.length + 1;
  if (!kw || !KNOWN_INSTRUCTIONS.has(keyword)) throw new ParseError(`unknown instruction: ${word}`, line, col);
  const trigger = buildInstruction(keyword, word, rest.slice(word.length).trim(), line, col, stage, escape);
  trigger.endLine = onbuild.endLine;
  trigger.source = onbuild.source;
  return trigger;
}

function assemble(text: string, escape: string, directives: Record<string, string>, instructions: Instruction[]): Omit<Dockerfile, 'comments'> {
  const globalArgs = new Map<string, string | null>();
  const stages: Stage[] = [];
  const aliases = new Map<string, number>();
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && ins.stage === -1) {
      for (const [name, value] of argPairs(ins.args)) globalArgs.set(name, value);
    }
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+[Aa][Ss]\s+(\S+))?\s*$/.exec(ins.args);
      if (!m) throw new ParseError(`FROM requires either one argument, or three: FROM <source> [AS <name>]`, ins.line, ins.column);
      const imageText = m[1];
      const { value, resolved } = expand(imageText, globalArgs);
      const alias = m[2] ? m[2].toLowerCase() : null;
      const parentIdx = aliases.get(value.toLowerCase());
      const stage: Stage = {
        index: stages.length,
        from: ins,
        imageText,
        image: parseImageRef(value),
        resolved,
        alias,
        platform: ins.flags.find((f) => f.name === 'platform')?.value ?? null,
        parent: parentIdx ?? null,
        instructions: [],
      };
      stages.push(stage);
      if (alias) aliases.set(alias, stage.index);
    } else if (ins.stage >= 0) {
      stages[ins.stage].instructions.push(ins);
    }
  }
  return { text, escape, directives, instructions, globalArgs, stages };
}

/** `ARG A=1 B` -> [["A","1"],["B",null]] (values unquoted). */
export function argPairs(args: string): [string, string | null][] {
  return splitWords(args).map((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? [w, null] : [w.slice(0, eq), unquote(w.slice(eq + 1))];
  });
}

const envCache = new Map<string, [string, string][]>();

/** `ENV A=1 B="x y"` or legacy `ENV A 1` -> pairs (memoized: rules ask for the same ENV often). */
export function envPairs(args: string): [string, string][] {
  let pairs = envCache.get(args);
  if (!pairs) {
    pairs = computeEnvPairs(args);
    if (envCache.size > 2000) envCache.clear();
    envCache.set(args, pairs);
  }
  return pairs;
}

function computeEnvPairs(args: string): [string, string][] {
  const words = splitWords(args);
  if (words.length > 0 && !words[0].includes('=')) {
    const name = words[0];
    return [[name, unquote(args.trim().slice(name.length).trim())]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? [w, ''] : [w.slice(0, eq), unquote(w.slice(eq + 1))];
  });
}

/** Splits on unquoted whitespace, keeping quotes in the words. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

export function unquote(value: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < value.length) out += value[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < value.length) out += value[++i];
    else out += c;
  }
  return out;
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` from `vars`, as BuildKit
 * does in FROM. `resolved` is false when a variable had no value.
 */
export function expand(text: string, vars: Map<string, string | null>): { value: string; resolved: boolean } {
  let resolved = true;
  const value = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, op, word, bare) => {
    const name = braced ?? bare;
    const v = vars.get(name);
    const set = v !== undefined && v !== null;
    if (op === ':-' || op === '-') return set && (op === '-' || v !== '') ? v : word;
    if (op === ':+' || op === '+') return set ? word : '';
    if (!set) {
      resolved = false;
      return whole;
    }
    return v;
  });
  return { value, resolved };
}
