import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import { getFirstConsumedChar, toCharSet as toCharSetRaw } from 'regexp-ast-analysis';
import type { CharSet } from 'refa';
import { ParseError } from '@mcp/core-response';

// regexp-ast-analysis types exclude v-flag classes; sets of v-flag classes are handled at run time.
const toCharSet = (node: AST.Node, flags: AST.Flags): CharSet => toCharSetRaw(node as Parameters<typeof toCharSetRaw>[0], flags);

export interface Cause {
  kind: 'nested-quantifier' | 'adjacent-quantifiers' | 'overlapping-alternation' | 'unanchored-quantifier' | 'unanchored-prefix';
  exponential: boolean;
  /** The quantifier (or alternation) at fault, as written, and its 0-based offset. */
  raw: string;
  offset: number;
  /** What it competes with (the enclosing or neighbouring quantifier), as written. */
  other?: string;
  /** The string to repeat and the text that leads to it. */
  pump: string;
  prefix: string;
  /** Characters that may not end the attack (they would let the pattern match). */
  pumpSet?: CharSet;
  fix?: string;
}

export function parseRegex(source: string, flags: string): AST.RegExpLiteral {
  try {
    return new RegExpParser({ ecmaVersion: 2025 }).parseLiteral(`/${source}/${flags}`);
  } catch (error) {
    const e = error as { message: string; index?: number };
    // regexpp counts the index in the literal `/source/flags`; the user gave the source alone.
    const col = Math.max(1, Math.min((e.index ?? 1) - 1 + 1, source.length + 1));
    throw new ParseError(e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''), 1, col);
  }
}

/** A shortest string matched by a node (min repetitions, first alternative, any member of a set). */
export function minimalText(node: AST.Node, flags: AST.Flags): string {
  switch (node.type) {
    case 'Character':
      return String.fromCodePoint(node.value);
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass': {
      try {
        const set = toCharSet(node, flags);
        return set.isEmpty ? '' : readable(set);
      } catch {
        return 'a';
      }
    }
    case 'Quantifier':
      return minimalText(node.element, flags).repeat(node.min);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return node.alternatives.length ? minimalText(node.alternatives[0], flags) : '';
    case 'Alternative':
      return node.elements.map((e) => minimalText(e, flags)).join('');
    default:
      return ''; // assertions, backreferences (empty when their group matched nothing)
  }
}

const PREFERRED = 'aA0 _-!.#xX9zZ';
function readable(set: CharSet): string {
  for (const ch of PREFERRED) if (set.has(ch.codePointAt(0)!)) return ch;
  const first = set.ranges[0].min;
  return String.fromCodePoint(first);
}

/** The text that must be matched before `node` can start: preceding siblings at every level. */
function prefixOf(node: AST.Node, flags: AST.Flags): string {
  const parts: string[] = [];
  let cur: AST.Node = node;
  while (cur.parent) {
    const parent: AST.Node = cur.parent;
    if (parent.type === 'Alternative') {
      const idx = parent.elements.indexOf(cur as AST.Element);
      parts.unshift(parent.elements.slice(0, idx).map((e) => minimalText(e, flags)).join(''));
    }
    if (parent.type === 'Assertion' && (parent.kind === 'lookbehind' || parent.kind === 'lookahead')) break;
    cur = parent;
  }
  return parts.join('');
}

function quantOf(r: Report): { main: AST.Quantifier; other?: AST.Quantifier } {
  if (r.type === 'Trade') return { main: r.startQuant, other: r.endQuant };
  if (r.type === 'Self') return { main: r.quant, other: r.parentQuant };
  return { main: r.quant };
}

/** Ambiguity analysis: scslre's reports (single-character pumps) plus overlapping alternation. */
export function findCauses(literal: AST.RegExpLiteral): Cause[] {
  const flags = literal.flags;
  const causes: Cause[] = [];
  const result = analyse({ pattern: literal.pattern, flags }, { maxReports: 50 });
  for (const r of result.reports) {
    const { main, other } = quantOf(r);
    const outer = r.type === 'Self' ? r.parentQuant : main;
    causes.push({
      kind: r.type === 'Self' ? 'nested-quantifier' : r.type === 'Trade' ? 'adjacent-quantifiers' : 'unanchored-quantifier',
      exponential: r.exponential,
      raw: main.raw,
      offset: main.start,
      other: other?.raw,
      pump: r.character.pick,
      prefix: r.type === 'Move' ? '' : prefixOf(outer, flags),
      pumpSet: r.character.set,
      fix: r.fix()?.source,
    });
  }
  causes.push(...overlappingAlternation(literal.pattern, flags));
  if (!causes.some((c) => c.kind === 'unanchored-quantifier')) causes.push(...unanchoredPrefix(literal));
  return causes;
}

/**
 * An unanchored search retries at every start: `\bstack\b.*\b(exceeded|overflow)\b` on
 * "stack stack stack ..." runs `.*` to the end from every "stack" before failing, O(n^2). scslre
 * only builds single-character pumps; this covers a multi-character prefix before an unbounded
 * quantifier that can swallow it. The repeated unit is checked with the real regex: the prefix
 * must match at every repetition and the whole pattern must fail.
 */
function unanchoredPrefix(literal: AST.RegExpLiteral): Cause[] {
  const flags = literal.flags;
  if (flags.sticky || literal.pattern.alternatives.length !== 1) return [];
  const elements = literal.pattern.alternatives[0].elements;
  if (elements[0]?.type === 'Assertion' && elements[0].kind === 'start') return [];
  const k = elements.findIndex((e) => e.type === 'Quantifier' && e.max === Infinity);
  if (k <= 0 || k === elements.length - 1) return [];
  const q = elements[k] as AST.Quantifier;
  if (q.element.type !== 'CharacterSet' && q.element.type !== 'CharacterClass' && q.element.type !== 'Character') return [];
  const before = elements.slice(0, k);
  if (before.some((e) => e.type === 'Quantifier' && e.max === Infinity)) return [];
  const prefix = before.map((e) => minimalText(e, flags)).join('');
  if (prefix.length < 2) return [];
  let set: CharSet;
  try {
    set = toCharSet(q.element, flags);
  } catch {
    return [];
  }
  const source = literal.pattern.raw;
  const prefixSource = source.slice(0, q.start - 1);
  const flagText = literal.flags.raw.replace(/[gy]/g, '');
  let whole: RegExp;
  let head: RegExp;
  try {
    whole = new RegExp(source, flagText);
    head = new RegExp(prefixSource, `${flagText}y`);
  } catch {
    return [];
  }
  for (const sep of ['', ' ', '\n', '-', '_', '.']) {
    const unit = prefix + sep;
    if (![...unit].every((ch) => set.has(ch.codePointAt(0)!))) continue;
    const text = unit.repeat(8);
    let everywhere = true;
    for (let i = 0; i < 8 && everywhere; i++) {
      head.lastIndex = i * unit.length;
      everywhere = head.test(text);
    }
    if (!everywhere) continue;
    for (const reject of ['', '!', '\u0000', '#']) {
      if (whole.test(text + reject)) continue;
      return [{ kind: 'unanchored-prefix', exponential: false, raw: q.raw, offset: q.start, other: prefixSource, pump: unit, prefix: '', pumpSet: set }];
    }
  }
  return [];
}

/**
 * `(a|a)*`, `(\w|\d)+`: an unbounded quantifier over alternatives that match the same
 * fixed-length text, so n repetitions can be split 2^n ways.
 */
function overlappingAlternation(pattern: AST.Pattern, flags: AST.Flags): Cause[] {
  const out: Cause[] = [];
  const visit = (node: AST.Node): void => {
    if (node.type === 'Quantifier' && node.max === Infinity && (node.element.type === 'Group' || node.element.type === 'CapturingGroup')) {
      const alts = node.element.alternatives;
      const simple = alts.map((a) => (a.elements.every((e) => e.type === 'Character' || e.type === 'CharacterSet' || e.type === 'CharacterClass') ? a.elements : null));
      outer: for (let i = 0; i < alts.length; i++) {
        for (let j = i + 1; j < alts.length; j++) {
          const a = simple[i];
          const b = simple[j];
          if (!a || !b || a.length !== b.length || a.length === 0) continue;
          let pump = '';
          for (let k = 0; k < a.length; k++) {
            const inter = toCharSet(a[k], flags).intersect(toCharSet(b[k], flags));
            if (inter.isEmpty) {
              pump = '';
              break;
            }
            pump += readable(inter);
          }
          if (!pump) continue;
          const first = getFirstConsumedChar(node.element, 'ltr', flags);
          out.push({
            kind: 'overlapping-alternation',
            exponential: true,
            raw: node.raw,
            offset: node.start,
            other: `${alts[i].raw}|${alts[j].raw}`,
            pump,
            prefix: prefixOf(node, flags),
            pumpSet: first.char,
          });
          break outer;
        }
      }
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(pattern);
  return out;
}

function childrenOf(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    default:
      return [];
  }
}

/** Star height: the deepest nesting of unbounded quantifiers. */
export function starHeight(node: AST.Node): number {
  const own = node.type === 'Quantifier' && node.max === Infinity ? 1 : 0;
  let best = 0;
  for (const child of childrenOf(node)) best = Math.max(best, starHeight(child));
  return own + best;
}
