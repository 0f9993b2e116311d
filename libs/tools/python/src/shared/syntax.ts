import type { SyntaxNode } from '@lezer/common';
import type { Location } from '@mcp/core-response';
import type { PyModule } from './parse';

/** Children of a node without comments (the grammar keeps comments in the tree). */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

export const textOf = (m: PyModule, n: SyntaxNode) => m.text.slice(n.from, n.to);

export function loc(m: PyModule, n: SyntaxNode | number): Location {
  const { line, column } = m.lines.position(typeof n === 'number' ? n : n.from);
  return m.path === undefined ? { line, column } : { path: m.path, line, column };
}

export const lineOf = (m: PyModule, n: SyntaxNode | number) => m.lines.position(typeof n === 'number' ? n : n.from).line;

/** The value of a plain string literal (or implicit concatenation); null for f-strings. */
export function stringValue(m: PyModule, n: SyntaxNode): string | null {
  if (n.name === 'ContinuedString') {
    let out = '';
    for (const k of kids(n)) {
      const v = stringValue(m, k);
      if (v === null) return null;
      out += v;
    }
    return out;
  }
  if (n.name !== 'String') return null;
  const raw = textOf(m, n);
  const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(raw);
  if (!match) return null;
  const quote = match[2];
  const body = raw.slice(match[0].length, raw.length - quote.length);
  if (/[rR]/.test(match[1])) return body;
  return body.replace(/\\(\r?\n|[\\'"abfnrtv]|x[0-9a-fA-F]{2}|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (e in simple) return simple[e];
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return '';
  });
}

export const isStringNode = (n: SyntaxNode) => n.name === 'String' || n.name === 'FormatString' || n.name === 'ContinuedString';

/** `a.b.c` for a VariableName/MemberExpression chain; null for anything else (calls, subscripts). */
export function dottedName(m: PyModule, n: SyntaxNode): string | null {
  if (n.name === 'VariableName') return textOf(m, n);
  if (n.name === 'MemberExpression') {
    const k = kids(n);
    if (k.length === 3 && k[1].name === '.' && k[2].name === 'PropertyName') {
      const base = dottedName(m, k[0]);
      return base === null ? null : `${base}.${textOf(m, k[2])}`;
    }
  }
  if (n.name === 'ParenthesizedExpression') {
    const k = kids(n);
    return k.length === 3 ? dottedName(m, k[1]) : null;
  }
  return null;
}

export interface Param {
  name: string;
  node: SyntaxNode;
  kind: 'positional' | 'vararg' | 'keyword-only' | 'kwarg';
  positionalOnly: boolean;
  annotation?: SyntaxNode;
  default?: SyntaxNode;
}

/** Parameters of a `ParamList` (function or lambda), in order. */
export function params(list: SyntaxNode, text?: string): Param[] {
  const out: Param[] = [];
  const k = kids(list);
  // `/` is an anonymous token in the grammar: find it in the gaps between children.
  if (text) {
    let prev = list.from;
    for (const c of k) {
      if (/^\s*\/\s*$/.test(text.slice(prev, c.from).replace(/#.*$/gm, '').replace(/^\s*,/, '').replace(/,\s*$/, '')) || /,\s*\/\s*$/.test(text.slice(prev, c.from))) for (const p of out) p.positionalOnly = true;
      prev = c.to;
    }
  }
  let star: '' | '*' | '**' = '';
  let afterStar = false;
  for (let i = 0; i < k.length; i++) {
    const n = k[i];
    if (n.name === '*' || n.name === '**') {
      star = n.name;
      if (n.name === '*') afterStar = true;
    } else if (n.name === '/') {
      for (const p of out) p.positionalOnly = true;
    } else if (n.name === 'VariableName') {
      const p: Param = {
        name: '',
        node: n,
        kind: star === '*' ? 'vararg' : star === '**' ? 'kwarg' : afterStar ? 'keyword-only' : 'positional',
        positionalOnly: false,
      };
      star = '';
      if (k[i + 1]?.name === 'TypeDef') p.annotation = kids(k[++i]).find((c) => c.name !== ':');
      if (k[i + 1]?.name === 'AssignOp') {
        p.default = k[i + 2];
        i += 2;
      }
      out.push(p);
    } else if (n.name === ',') {
      star = '';
    }
  }
  return out;
}

export interface FunctionParts {
  node: SyntaxNode;
  name: SyntaxNode;
  isAsync: boolean;
  typeParams?: SyntaxNode;
  params: SyntaxNode;
  returns?: SyntaxNode;
  body: SyntaxNode;
  decorators: SyntaxNode[];
}

/** Decorator expressions of a definition wrapped in a DecoratedStatement. */
export function decoratorsOf(def: SyntaxNode): SyntaxNode[] {
  const parent = def.parent;
  if (!parent || parent.name !== 'DecoratedStatement') return [];
  return kids(parent)
    .filter((d) => d.name === 'Decorator')
    .map((d) => kids(d).find((c) => c.name !== 'At')!)
    .filter(Boolean);
}

export function functionParts(node: SyntaxNode): FunctionParts {
  const k = kids(node);
  const parts: Partial<FunctionParts> = { node, isAsync: k[0]?.name === 'async', decorators: decoratorsOf(node) };
  for (const c of k) {
    if (c.name === 'VariableName' && !parts.name) parts.name = c;
    else if (c.name === 'TypeParamList') parts.typeParams = c;
    else if (c.name === 'ParamList') parts.params = c;
    else if (c.name === 'TypeDef') parts.returns = kids(c).find((x) => x.name !== ':' && x.name !== '->');
    else if (c.name === 'Body') parts.body = c;
  }
  return parts as FunctionParts;
}

export interface ClassParts {
  node: SyntaxNode;
  name: SyntaxNode;
  typeParams?: SyntaxNode;
  args?: SyntaxNode;
  body: SyntaxNode;
  decorators: SyntaxNode[];
}

export function classParts(node: SyntaxNode): ClassParts {
  const parts: Partial<ClassParts> = { node, decorators: decoratorsOf(node) };
  for (const c of kids(node)) {
    if (c.name === 'VariableName' && !parts.name) parts.name = c;
    else if (c.name === 'TypeParamList') parts.typeParams = c;
    else if (c.name === 'ArgList') parts.args = c;
    else if (c.name === 'Body') parts.body = c;
  }
  return parts as ClassParts;
}

/** Statements of a Body (or the Script), flattening `a; b` groups. */
export function statements(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of kids(body)) {
    if (c.name === 'StatementGroup') out.push(...kids(c).filter((s) => s.name !== ';'));
    else if (c.name !== ':') out.push(c);
  }
  return out;
}

/** Positional and keyword arguments of an ArgList. */
export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  hasStar: boolean;
}

export function callArgs(m: PyModule, argList: SyntaxNode | undefined): CallArgs {
  const out: CallArgs = { positional: [], keywords: new Map(), hasStar: false };
  if (!argList) return out;
  const k = kids(argList);
  for (let i = 0; i < k.length; i++) {
    const n = k[i];
    if (n.name === '(' || n.name === ')' || n.name === ',') continue;
    if (n.name === '*' || n.name === '**') {
      out.hasStar = true;
      i++;
      continue;
    }
    if (n.name === 'VariableName' && k[i + 1]?.name === 'AssignOp') {
      out.keywords.set(textOf(m, n), { name: n, value: k[i + 2] });
      i += 2;
      continue;
    }
    if (n.name === 'for' || n.name === 'async') break; // a bare generator argument
    out.positional.push(n);
  }
  return out;
}

/** Splits an `IfStatement`-like flat child list into (keyword, test, body) branches. */
export function ifBranches(node: SyntaxNode): { keyword: string; test?: SyntaxNode; body: SyntaxNode }[] {
  const out: { keyword: string; test?: SyntaxNode; body: SyntaxNode }[] = [];
  let keyword = '';
  let test: SyntaxNode | undefined;
  for (const c of kids(node)) {
    if (c.name === 'if' || c.name === 'elif' || c.name === 'else' || c.name === 'while') {
      keyword = c.name;
      test = undefined;
    } else if (c.name === 'Body') {
      out.push({ keyword, test, body: c });
    } else test = c;
  }
  return out;
}
