/**
 * A small POSIX/bash command parser for RUN scripts, modelled on what hadolint takes from
 * ShellCheck's AST (Hadolint/Shell.hs): the list of simple commands in pre-order (including
 * those inside `$(...)`, backticks, subshells, `if`/`for`/`while`/`case` bodies), each with its
 * name and arguments (variables simplified to `${NAME}`), the flags derived from the arguments,
 * and whether the script has a pipe (`|` or `|&`, not `||`).
 *
 * It does not evaluate anything; it only needs to be right about word boundaries, quotes,
 * command separators, redirections and heredocs.
 */

export interface CmdPart {
  arg: string;
  id: number;
}

export interface Command {
  /** The literal command name (after `command`/`builtin`/`exec`/`busybox` prefixes). */
  name: string;
  /** Every word after the first, with its word id. */
  args: CmdPart[];
  /** Flags as hadolint derives them: `--name=v` -> name, `-abc` -> a, b, c (ids of their word). */
  flags: CmdPart[];
  /** Commands joined by `|` share this number; any other separator starts a new pipeline. */
  pipeline: number;
}

export interface ParsedShell {
  original: string;
  commands: Command[];
  hasPipes: boolean;
}

interface Word {
  text: string;
  /** No expansion and no quote removal changed it: usable as a command name or keyword. */
  literal: boolean;
  quoted: boolean;
}

interface Pending {
  words: Word[];
  ids: number[];
  pipeline: number;
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const PREFIX_KEYWORDS = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'time']);

class ShellParser {
  private pos = 0;
  private nextId = 1;
  readonly commands: (Command | null)[] = [];
  hasPipes = false;
  private heredocs: { delim: string; strip: boolean }[] = [];
  private pipelines = 0;

  constructor(private readonly s: string) {}

  /** Parses until the end, or until `terminator` (`)` or `` ` ``) which is consumed. */
  parseList(terminator: string | null, caseItem = false): 'end' | 'term' | 'caseEnd' | 'esac' {
    let cmd: Pending | null = null;
    let slot = -1;
    let pipeline = ++this.pipelines;
    const nextPipeline = () => {
      pipeline = ++this.pipelines;
    };
    const finish = () => {
      if (cmd) this.commands[slot] = toCommand(cmd);
      cmd = null;
    };
    const start = () => {
      if (!cmd) {
        cmd = { words: [], ids: [], pipeline };
        slot = this.commands.length;
        this.commands.push(null);
      }
      return cmd;
    };
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '#' && (this.pos === 0 || META.has(s[this.pos - 1]))) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\n') {
        this.pos++;
        finish();
        nextPipeline();
        this.skipHeredocBodies();
        continue;
      }
      if (terminator && c === terminator) {
        this.pos++;
        finish();
        return 'term';
      }
      if (c === ';') {
        if (caseItem && (s.startsWith(';;', this.pos) || s.startsWith(';&', this.pos))) {
          this.pos += s.startsWith(';;&', this.pos) ? 3 : 2;
          finish();
          return 'caseEnd';
        }
        this.pos++;
        finish();
        nextPipeline();
        continue;
      }
      if (c === '&') {
        if (s[this.pos + 1] === '>') {
          this.redirect(start(), s[this.pos + 2] === '>' ? 3 : 2);
          continue;
        }
        this.pos += s[this.pos + 1] === '&' ? 2 : 1;
        finish();
        nextPipeline();
        continue;
      }
      if (c === '|') {
        if (s[this.pos + 1] === '|') {
          this.pos += 2;
          finish();
          nextPipeline();
        } else {
          this.hasPipes = true;
          this.pos += s[this.pos + 1] === '&' ? 2 : 1;
          finish();
        }
        continue;
      }
      if (c === '(') {
        const current = cmd as Pending | null;
        if (current && current.words.length === 1 && /^\(\s*\)/.test(s.slice(this.pos, this.pos + 8))) {
          // `name() { ...; }`: a function definition, not a call of `name`.
          this.pos = s.indexOf(')', this.pos) + 1;
          cmd = null;
          this.commands[slot] = null;
          continue;
        }
        if (s[this.pos + 1] === '(') {
          // `(( arithmetic ))`
          this.skipBalanced('(', ')');
          continue;
        }
        this.pos++;
        finish();
        this.parseList(')');
        continue;
      }
      if (c === ')') {
        // A stray `)` (case pattern or unbalanced input): skip it.
        this.pos++;
        finish();
        continue;
      }
      if (c === '<' || c === '>' || (/[0-9]/.test(c) && this.isFdRedirect())) {
        this.redirect(start(), 0);
        continue;
      }
      const word = this.readWord(terminator);
      if (!word) {
        this.pos++;
        continue;
      }
      const current = cmd as Pending | null;
      if (!current || current.words.length === 0) {
        if (word.literal && !word.quoted) {
          if (PREFIX_KEYWORDS.has(word.text)) {
            finish();
            continue;
          }
          if (word.text === 'esac' && caseItem) {
            finish();
            return 'esac';
          }
          if (word.text === 'for' || word.text === 'select') {
            finish();
            this.skipForHeader();
            continue;
          }
          if (word.text === 'case') {
            finish();
            this.parseCase();
            continue;
          }
          if (word.text === '[[') {
            finish();
            this.skipUntilWord(']]');
            continue;
          }
          if (word.text === 'function') {
            finish();
            this.readWordAfterSpaces();
            continue;
          }
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word.text) && !word.text.startsWith('"')) {
          // A prefix assignment (`DEBIAN_FRONTEND=noninteractive apt-get ...`).
          start();
          continue;
        }
      }
      const p = start();
      p.words.push(word);
      p.ids.push(this.nextId++);
    }
    finish();
    return 'end';
  }

  private isFdRedirect(): boolean {
    let i = this.pos;
    while (i < this.s.length && /[0-9]/.test(this.s[i])) i++;
    if (i !== this.pos && (this.pos === 0 || META.has(this.s[this.pos - 1]))) {
      return this.s[i] === '<' || this.s[i] === '>';
    }
    return false;
  }

  /** Consumes a redirection operator and its target word (which is not an argument). */
  private redirect(cmd: Pending, opLen: number): void {
    const s = this.s;
    if (opLen > 0) this.pos += opLen;
    else {
      while (/[0-9]/.test(s[this.pos])) this.pos++;
      const m = /^(<<<|<<-|<<|<>|<&|>>|>&|>\||<|>)/.exec(s.slice(this.pos, this.pos + 3));
      const op = m ? m[1] : s[this.pos];
      this.pos += op.length;
      if (op === '<<' || op === '<<-') {
        while (s[this.pos] === ' ' || s[this.pos] === '\t') this.pos++;
        const w = this.readWord(null);
        if (w) this.heredocs.push({ delim: unquoteDelim(w.text), strip: op === '<<-' });
        return;
      }
      if ((op === '>&' || op === '<&') && /^[0-9-]/.test(s[this.pos] ?? '')) {
        while (/[0-9-]/.test(s[this.pos] ?? '')) this.pos++;
        return;
      }
    }
    while (s[this.pos] === ' ' || s[this.pos] === '\t') this.pos++;
    this.readWord(null);
    void cmd;
  }

  private skipHeredocBodies(): void {
    const s = this.s;
    for (const h of this.heredocs) {
      while (this.pos < s.length) {
        const nl = s.indexOf('\n', this.pos);
        const end = nl === -1 ? s.length : nl;
        let line = s.slice(this.pos, end);
        if (h.strip) line = line.replace(/^\t+/, '');
        this.pos = nl === -1 ? s.length : nl + 1;
        if (line.replace(/\r$/, '') === h.delim) break;
      }
    }
    this.heredocs = [];
  }

  private skipForHeader(): void {
    // `for x in a b c; do` / `for ((i=0; i<3; i++)); do`: nothing here is a command.
    const s = this.s;
    while (s[this.pos] === ' ' || s[this.pos] === '\t') this.pos++;
    if (s.startsWith('((', this.pos)) {
      this.skipBalanced('(', ')');
      return;
    }
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ';' || c === '\n') return;
      if (c === ' ' || c === '\t') {
        this.pos++;
        continue;
      }
      const w = this.readWord(null);
      if (!w) this.pos++;
      else if (w.text === 'do') return;
    }
  }

  private parseCase(): void {
    const s = this.s;
    // subject and `in`
    while (this.pos < s.length) {
      while (/[ \t\n]/.test(s[this.pos] ?? '')) this.pos++;
      const w = this.readWord(null);
      if (!w) {
        this.pos++;
        continue;
      }
      if (w.text === 'in') break;
    }
    for (;;) {
      while (/[ \t\n;]/.test(s[this.pos] ?? '')) this.pos++;
      if (this.pos >= s.length) return;
      if (/^esac(?=$|[\s;&|)])/.test(s.slice(this.pos, this.pos + 5))) {
        this.pos += 4;
        return;
      }
      // pattern up to `)`
      if (s[this.pos] === '(') this.pos++;
      while (this.pos < s.length && s[this.pos] !== ')') {
        if (s[this.pos] === '"' || s[this.pos] === "'") this.readWord(null);
        else this.pos++;
      }
      this.pos++;
      const r = this.parseList(null, true);
      if (r === 'esac' || r === 'end') return;
    }
  }

  private skipUntilWord(end: string): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n') {
        this.pos++;
        continue;
      }
      const w = this.readWord(null);
      if (!w) this.pos++;
      else if (w.text === end) return;
    }
  }

  private readWordAfterSpaces(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
    this.readWord(null);
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 0;
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos++];
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
  }

  /** Reads one shell word starting at pos; null when pos is at a metacharacter. */
  private readWord(terminator: string | null): Word | null {
    const s = this.s;
    let text = '';
    let literal = true;
    let quoted = false;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c) || c === '\r') break;
      if (terminator && c === terminator) break;
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        text += s[this.pos + 1] ?? '';
        this.pos += 2;
        quoted = true;
        continue;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        const stop = end === -1 ? s.length : end;
        text += s.slice(this.pos + 1, stop);
        this.pos = stop + 1;
        quoted = true;
        continue;
      }
      if (c === '"') {
        this.pos++;
        quoted = true;
        while (this.pos < s.length && s[this.pos] !== '"') {
          const d = s[this.pos];
          if (d === '\\' && '$`"\\\n'.includes(s[this.pos + 1] ?? '')) {
            if (s[this.pos + 1] !== '\n') text += s[this.pos + 1];
            this.pos += 2;
          } else if (d === '$') {
            const e = this.readDollar();
            text += e.text;
            literal = literal && e.literal;
          } else if (d === '`') {
            text += this.readBackticks();
            literal = false;
          } else {
            text += d;
            this.pos++;
          }
        }
        this.pos++;
        continue;
      }
      if (c === '$') {
        if (s[this.pos + 1] === "'") {
          const end = s.indexOf("'", this.pos + 2);
          const stop = end === -1 ? s.length : end;
          text += s.slice(this.pos + 2, stop);
          this.pos = stop + 1;
          quoted = true;
          continue;
        }
        const e = this.readDollar();
        text += e.text;
        literal = literal && e.literal;
        continue;
      }
      if (c === '`') {
        text += this.readBackticks();
        literal = false;
        continue;
      }
      text += c;
      this.pos++;
    }
    if (this.pos === start) return null;
    return { text, literal, quoted };
  }

  private readDollar(): { text: string; literal: boolean } {
    const s = this.s;
    const next = s[this.pos + 1];
    if (next === '(') {
      if (s[this.pos + 2] === '(') {
        this.pos++;
        this.skipBalanced('(', ')');
        return { text: '${VAR}', literal: false };
      }
      const from = this.pos + 2;
      this.pos += 2;
      this.parseList(')');
      return { text: '${' + this.s.slice(from, this.pos - 1).trim() + '}', literal: false };
    }
    if (next === '{') {
      let depth = 0;
      const from = this.pos + 2;
      for (this.pos += 1; this.pos < s.length; this.pos++) {
        if (s[this.pos] === '{') depth++;
        else if (s[this.pos] === '}' && --depth === 0) break;
      }
      const inner = s.slice(from, this.pos);
      this.pos++;
      return { text: '${' + inner + '}', literal: false };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(s.slice(this.pos + 1, this.pos + 64));
    if (m) {
      this.pos += 1 + m[1].length;
      return { text: '${' + m[1] + '}', literal: false };
    }
    this.pos++;
    return { text: '$', literal: true };
  }

  private readBackticks(): string {
    const s = this.s;
    let end = this.pos + 1;
    while (end < s.length && s[end] !== '`') end += s[end] === '\\' ? 2 : 1;
    const inner = s.slice(this.pos + 1, end).replace(/\\`/g, '`');
    this.pos = end + 1;
    const sub = new ShellParser(inner);
    sub.nextId = this.nextId;
    sub.pipelines = this.pipelines;
    sub.parseList(null);
    this.nextId = sub.nextId;
    this.pipelines = sub.pipelines;
    for (const c of sub.commands) this.commands.push(c);
    if (sub.hasPipes) this.hasPipes = true;
    return '${VAR}';
  }
}

function unquoteDelim(text: string): string {
  return text.replace(/^["']|["']$/g, '');
}

/** Prefix words that run the next word as the command (ShellCheck's getCommandName). */
const WRAPPERS = new Set(['busybox', 'builtin', 'command', 'run']);

function toCommand(p: Pending): Command | null {
  const pipeline = p.pipeline;
  if (p.words.length === 0) return null;
  let nameIdx = 0;
  const first = p.words[0];
  if (!first.literal) return null;
  if (WRAPPERS.has(first.text) && p.words.length > 1 && !p.words[1].text.startsWith('-')) nameIdx = 1;
  else if (first.text === 'exec') {
    let k = 1;
    while (k < p.words.length && p.words[k].text.startsWith('-')) k += p.words[k].text === '-a' ? 2 : 1;
    if (k < p.words.length) nameIdx = k;
  }
  const nameWord = p.words[nameIdx];
  if (!nameWord.literal) return null;
  const args = p.words.slice(1).map((w, i) => ({ arg: w.text, id: p.ids[i + 1] }));
  return { name: nameWord.text, args, flags: flagsOf(args), pipeline };
}

function flagsOf(args: CmdPart[]): CmdPart[] {
  const flags: CmdPart[] = [];
  for (const { arg, id } of args) {
    if (arg === '--' || arg === '-') continue;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      flags.push({ arg: arg.slice(2, eq === -1 ? undefined : eq), id });
    } else if (arg.startsWith('-')) {
      for (const ch of arg.slice(1)) flags.push({ arg: ch, id });
    }
  }
  return flags;
}

export function parseShell(script: string): ParsedShell {
  const parser = new ShellParser(script);
  parser.parseList(null);
  return {
    original: script,
    commands: parser.commands.filter((c): c is Command => c !== null),
    hasPipes: parser.hasPipes,
  };
}

// ---- hadolint's Shell helpers, same names and meaning --------------------------------------

export function cmdHasArgs(name: string | string[], expected: string[], cmd: Command): boolean {
  const names = Array.isArray(name) ? name : [name];
  return names.includes(cmd.name) && cmd.args.some((a) => expected.includes(a.arg));
}

export function cmdHasPrefixArg(name: string, prefix: string, cmd: Command): boolean {
  return cmd.name === name && cmd.args.some((a) => a.arg.startsWith(prefix));
}

export function getArgs(cmd: Command): string[] {
  return cmd.args.map((a) => a.arg);
}

export function getArgsNoFlags(cmd: Command): string[] {
  const flagIds = new Set(cmd.flags.map((f) => f.id));
  return cmd.args.filter((a) => !flagIds.has(a.id)).map((a) => a.arg);
}

export function hasFlag(flag: string, cmd: Command): boolean {
  return cmd.flags.some((f) => f.arg === flag);
}

export function countFlag(flag: string, cmd: Command): number {
  return cmd.flags.filter((f) => f.arg === flag).length;
}

export function hasAnyFlag(flags: string[], cmd: Command): boolean {
  return cmd.flags.some((f) => flags.includes(f.arg));
}

export function hasArg(arg: string, cmd: Command): boolean {
  return cmd.args.some((a) => a.arg === arg);
}

function valueId(flagId: number, args: CmdPart[]): number {
  let min = Number.MAX_SAFE_INTEGER;
  for (const a of args) if (a.id > flagId && a.id < min) min = a.id;
  return min;
}

/** Drops the value word that follows each of `flags` (unless written inline as `--f=v`). */
export function dropFlagArg(flags: string[], cmd: Command): Command {
  const drop = new Set<number>();
  for (const f of cmd.flags) {
    if (!flags.includes(f.arg)) continue;
    const inline = cmd.args.some((a) => a.id === f.id && a.arg.includes('='));
    if (!inline) drop.add(valueId(f.id, cmd.args));
  }
  return { ...cmd, args: cmd.args.filter((a) => !drop.has(a.id)) };
}

/** The values given to `flag` (`useradd -u 1000` -> ["1000"]). */
export function getFlagArg(flag: string, cmd: Command): string[] {
  const ids = new Set(cmd.flags.filter((f) => f.arg === flag).map((f) => valueId(f.id, cmd.args)));
  return cmd.args.filter((a) => ids.has(a.id)).map((a) => a.arg);
}

export function usingProgram(prog: string, shell: ParsedShell): boolean {
  return shell.commands.some((c) => c.name === prog);
}

export function findCommandIndex(pred: (c: Command) => boolean, shell: ParsedShell): number {
  return shell.commands.findIndex(pred);
}

function isInfix(needle: string[], hay: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export { isInfix as isInfixOf };

export function isPipInstall(cmd: Command): boolean {
  const args = getArgs(cmd);
  const std = cmd.name.startsWith('pip') && !cmd.name.startsWith('pipenv') && isInfix(['install'], args);
  const viaPython = cmd.name.startsWith('python') && isInfix(['-m', 'pip', 'install'], args);
  return std || viaPython;
}

/** The last path segment of a command (`/usr/bin/bash` -> `bash`). */
export function shellBasename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
