/**
 * A backtracking-cost analysis of one regex (the ReDoS families recheck and safe-regex find):
 *  - exponential: an unbounded repetition whose body can match the same text in two ways per
 *    iteration: a nested unbounded repetition that the outer loop can continue ((a+)+,
 *    (\w+\s?)*), or alternatives that start with the same character ((a|ab)*, (\w|\d)+);
 *  - polynomial: two unbounded repetitions in sequence that can match the same characters,
 *    with only optional parts between them (\d+\.?\d+, \s*.*\s*), so a failing match retries
 *    every split point.
 * Character sets are approximated on ASCII plus one bit for "anything else".
 */
export type Complexity = 'safe' | 'polynomial' | 'exponential';

export interface RegexVerdict {
  complexity: Complexity;
  /** The sub-pattern responsible, as written. */
  culprit?: string;
  reason?: string;
}

type CharSet = bigint; // bit i (0..127) = ASCII code i, bit 128 = any non-ASCII character
const ALL: CharSet = (1n << 129n) - 1n;
const NON_ASCII = 1n << 128n;
const range = (a: number, b: number): CharSet => {
  let s = 0n;
  for (let i = a; i <= b && i < 128; i++) s |= 1n << BigInt(i);
  if (b >= 128) s |= NON_ASCII;
  return s;
};
const DIGIT = range(48, 57);
const WORD = DIGIT | range(65, 90) | range(97, 122) | (1n << 95n);
const SPACE = range(9, 13) | (1n << 32n) | NON_ASCII;

type Node =
  | { t: 'char'; set: CharSet; src: string }
  | { t: 'seq'; items: Node[]; src: string }
  | { t: 'alt'; options: Node[]; src: string }
  | { t: 'group'; body: Node; lookaround: boolean; src: string }
  | { t: 'repeat'; body: Node; min: number; max: number; src: string }
  | { t: 'empty'; src: string }
  | { t: 'backref'; src: string };

class Parser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}
  parse(): Node {
    const n = this.alt();
    if (this.i < this.s.length) throw new Error(`unexpected ${this.s[this.i]}`);
    return n;
  }
  private alt(): Node {
    const start = this.i;
    const options = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options, src: this.s.slice(start, this.i) };
  }
  private seq(): Node {
    const start = this.i;
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atomStart = this.i;
      let atom = this.atom();
      const q = this.quantifier();
      if (q) atom = { t: 'repeat', body: atom, min: q[0], max: q[1], src: this.s.slice(atomStart, this.i) };
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items, src: this.s.slice(start, this.i) };
  }
  private quantifier(): [number, number] | undefined {
    const c = this.s[this.i];
    let q: [number, number] | undefined;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return undefined;
      this.i += m[0].length - 1;
      q = [Number(m[1]), m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1])];
    }
    if (!q) return undefined;
    this.i++;
    if (this.s[this.i] === '?') this.i++; // lazy: same worst case
    return q;
  }
  private atom(): Node {
    const start = this.i;
    const c = this.s[this.i++];
    const src = () => this.s.slice(start, this.i);
    if (c === '(') {
      let lookaround = false;
      if (this.s[this.i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.s.slice(this.i));
        if (!m) throw new Error('bad group');
        lookaround = /^\?(=|!|<=|<!)$/.test(m[0]);
        this.i += m[0].length;
      }
      const body = this.alt();
      if (this.s[this.i] !== ')') throw new Error('unterminated group');
      this.i++;
      return { t: 'group', body, lookaround, src: src() };
    }
    if (c === '[') return { t: 'char', set: this.cls(), src: src() };
    if (c === '.') return { t: 'char', set: this.dotAll ? ALL : ALL & ~((1n << 10n) | (1n << 13n)), src: src() };
    if (c === '^' || c === '$') return { t: 'empty', src: src() };
    if (c === '\\') {
      const e = this.s[this.i++];
      if (e === 'b' || e === 'B') return { t: 'empty', src: src() };
      if (/[1-9]/.test(e) || e === 'k') {
        if (e === 'k') this.i = this.s.indexOf('>', this.i) + 1;
        while (/\d/.test(this.s[this.i] ?? '')) this.i++;
        return { t: 'backref', src: src() };
      }
      return { t: 'char', set: this.escape(e), src: src() };
    }
    return { t: 'char', set: this.lit(c.charCodeAt(0)), src: src() };
  }
  private escape(e: string): CharSet {
    switch (e) {
      case 'd': return DIGIT;
      case 'D': return ALL & ~DIGIT;
      case 'w': return WORD;
      case 'W': return ALL & ~WORD;
      case 's': return SPACE;
      case 'S': return ALL & ~SPACE | NON_ASCII;
      case 'n': return this.lit(10);
      case 'r': return this.lit(13);
      case 't': return this.lit(9);
      case 'x': {
        const h = this.s.slice(this.i, this.i + 2);
        this.i += 2;
        return this.lit(parseInt(h, 16));
      }
      case 'u': {
        if (this.s[this.i] === '{') {
          const end = this.s.indexOf('}', this.i);
          const code = parseInt(this.s.slice(this.i + 1, end), 16);
          this.i = end + 1;
          return this.lit(code);
        }
        const h = this.s.slice(this.i, this.i + 4);
        this.i += 4;
        return this.lit(parseInt(h, 16));
      }
      case 'p':
      case 'P': {
        if (this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1;
        return ALL;
      }
      default:
        return this.lit(e.charCodeAt(0));
    }
  }
  private lit(code: number): CharSet {
    if (code >= 128 || Number.isNaN(code)) return NON_ASCII;
    let s = 1n << BigInt(code);
    if (this.ignoreCase) {
      const ch = String.fromCharCode(code);
      for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if (v.charCodeAt(0) < 128) s |= 1n << BigInt(v.charCodeAt(0));
    }
    return s;
  }
  private cls(): CharSet {
    let negate = false;
    if (this.s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let set = 0n;
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || first)) {
      first = false;
      let lo: CharSet;
      let loCode = -1;
      const c = this.s[this.i++];
      if (c === '\\') {
        const e = this.s[this.i++];
        lo = /[dDwWsS]/.test(e) ? this.escape(e) : this.escape(e);
        if (!/[dDwWsSpP]/.test(e)) loCode = e === 'n' ? 10 : e === 't' ? 9 : e === 'r' ? 13 : /[xu]/.test(e) ? -1 : e.charCodeAt(0);
      } else {
        lo = this.lit(c.charCodeAt(0));
        loCode = c.charCodeAt(0);
      }
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && loCode >= 0) {
        this.i++;
        let hiCode = this.s.charCodeAt(this.i++);
        if (this.s[this.i - 1] === '\\') hiCode = this.s.charCodeAt(this.i++);
        set |= range(loCode, hiCode);
        if (this.ignoreCase) set |= range(String.fromCharCode(loCode).toLowerCase().charCodeAt(0), String.fromCharCode(hiCode).toLowerCase().charCodeAt(0)) | range(String.fromCharCode(loCode).toUpperCase().charCodeAt(0), String.fromCharCode(hiCode).toUpperCase().charCodeAt(0));
      } else set |= lo;
    }
    if (this.s[this.i] !== ']') throw new Error('unterminated class');
    this.i++;
    return negate ? ALL & ~set : set;
  }
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'char': return false;
    case 'seq': return n.items.every(nullable);
    case 'alt': return n.options.some(nullable);
    case 'group': return n.lookaround || nullable(n.body);
    case 'repeat': return n.min === 0 || nullable(n.body);
    default: return true;
  }
}

/** Characters a match of `n` can start with. */
function first(n: Node): CharSet {
  switch (n.t) {
    case 'char': return n.set;
    case 'seq': {
      let s = 0n;
      for (const it of n.items) {
        s |= first(it);
        if (!nullable(it)) break;
      }
      return s;
    }
    case 'alt': return n.options.reduce((s, o) => s | first(o), 0n);
    case 'group': return n.lookaround ? 0n : first(n.body);
    case 'repeat': return first(n.body);
    case 'backref': return ALL;
    default: return 0n;
  }
}

/** Every character `n` can consume. */
function chars(n: Node): CharSet {
  switch (n.t) {
    case 'char': return n.set;
    case 'seq': return n.items.reduce((s, i) => s | chars(i), 0n);
    case 'alt': return n.options.reduce((s, o) => s | chars(o), 0n);
    case 'group': return n.lookaround ? 0n : chars(n.body);
    case 'repeat': return chars(n.body);
    case 'backref': return ALL;
    default: return 0n;
  }
}

/** Characters c such that a run c c c … can be matched by repeating `n`. */
function pump(n: Node): CharSet {
  switch (n.t) {
    case 'char': return n.set;
    case 'seq': {
      const required = n.items.filter((i) => !nullable(i));
      if (required.length === 0) return n.items.reduce((s, i) => s | pump(i), 0n);
      return required.reduce((s, i) => s & pump(i), ALL);
    }
    case 'alt': return n.options.reduce((s, o) => s | pump(o), 0n);
    case 'group': return n.lookaround ? ALL : pump(n.body);
    case 'repeat': return pump(n.body);
    default: return ALL;
  }
}

const unbounded = (n: Node): n is Extract<Node, { t: 'repeat' }> => n.t === 'repeat' && n.max === Infinity;

/** Analyzes `pattern` with `flags`; throws on a pattern it cannot parse. */
export function analyzeRegex(pattern: string, flags = ''): RegexVerdict {
  const root = new Parser(pattern, flags.includes('i'), flags.includes('s')).parse();
  let poly: RegexVerdict | undefined;
  let expo: RegexVerdict | undefined;

  const visit = (n: Node): void => {
    if (expo) return;
    if (unbounded(n)) {
      const loopStart = first(n.body);
      // Alternatives of the loop body that can start the same way: each iteration may take either.
      const alts = alternativesOf(n.body);
      for (let a = 0; a < alts.length && !expo; a++) {
        for (let b = a + 1; b < alts.length; b++) {
          if ((first(alts[a]) & first(alts[b])) !== 0n) {
            expo = { complexity: 'exponential', culprit: n.src, reason: `alternatives ${alts[a].src} and ${alts[b].src} inside ${n.src} can match the same text` };
            break;
          }
        }
      }
      // A nested unbounded repetition the outer loop can continue into.
      if (!expo) {
        const inner = innerLoopAtEnd(n.body);
        for (const x of inner) {
          if ((chars(x.body) & loopStart) !== 0n) {
            expo = { complexity: 'exponential', culprit: n.src, reason: `${x.src} is repeated again by ${n.src}, so a long run of ${describe(chars(x.body) & loopStart)} splits in exponentially many ways` };
            break;
          }
        }
      }
    }
    if (n.t === 'seq' && !poly) {
      for (let i = 0; i < n.items.length && !poly; i++) {
        const x = n.items[i];
        const left = unbounded(x) ? x : x.t === 'group' ? lastUnbounded(x) : undefined;
        if (!left) continue;
        // A run of one character c that the left loop, every required part in between and the
        // right loop can all consume: each way of splitting the run is tried before failing.
        let acc = pump(left.body);
        for (let j = i + 1; j < n.items.length && acc !== 0n; j++) {
          const y = n.items[j];
          const right = unbounded(y) ? y : y.t === 'group' ? firstUnbounded(y) : undefined;
          if (right && (acc & pump(right.body)) !== 0n) {
            poly = { complexity: 'polynomial', culprit: n.items.slice(i, j + 1).map((k) => k.src).join(''), reason: `${left.src} and ${right.src} can both consume a run of ${describe(acc & pump(right.body))}, so every split point is retried` };
            break;
          }
          if (!nullable(y)) acc &= pump(y);
        }
      }
    }
    for (const c of children(n)) visit(c);
  };
  visit(root);
  return expo ?? poly ?? { complexity: 'safe' };
}

function children(n: Node): Node[] {
  switch (n.t) {
    case 'seq': return n.items;
    case 'alt': return n.options;
    case 'group': return [n.body];
    case 'repeat': return [n.body];
    default: return [];
  }
}

function alternativesOf(n: Node): Node[] {
  if (n.t === 'group' && !n.lookaround) return alternativesOf(n.body);
  return n.t === 'alt' ? n.options : [];
}

/** Unbounded repetitions that can end an iteration of `body` (followed only by optional parts). */
function innerLoopAtEnd(body: Node): Extract<Node, { t: 'repeat' }>[] {
  const out: Extract<Node, { t: 'repeat' }>[] = [];
  const walkEnd = (n: Node): void => {
    if (unbounded(n)) out.push(n);
    if (n.t === 'group' && !n.lookaround) walkEnd(n.body);
    else if (n.t === 'alt') n.options.forEach(walkEnd);
    else if (n.t === 'repeat') walkEnd(n.body);
    else if (n.t === 'seq') {
      for (let i = n.items.length - 1; i >= 0; i--) {
        walkEnd(n.items[i]);
        if (!nullable(n.items[i])) break;
      }
    }
  };
  walkEnd(body);
  return out;
}

function lastUnbounded(n: Node): Extract<Node, { t: 'repeat' }> | undefined {
  if (unbounded(n)) return n;
  if (n.t === 'group' && !n.lookaround) return lastUnbounded(n.body);
  if (n.t === 'seq') return lastUnbounded(n.items[n.items.length - 1]);
  return undefined;
}

function firstUnbounded(n: Node): Extract<Node, { t: 'repeat' }> | undefined {
  if (unbounded(n)) return n;
  if (n.t === 'group' && !n.lookaround) return firstUnbounded(n.body);
  if (n.t === 'seq') return firstUnbounded(n.items[0]);
  return undefined;
}

function describe(set: CharSet): string {
  for (let i = 0; i < 128; i++) {
    if (set & (1n << BigInt(i))) {
      const ch = String.fromCharCode(i);
      return i > 32 && i < 127 ? `"${ch}"` : i === 32 ? '" "' : `\\x${i.toString(16).padStart(2, '0')}`;
    }
  }
  return 'non-ASCII characters';
}
