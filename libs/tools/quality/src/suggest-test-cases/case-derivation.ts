import type { Node } from '@babel/types';
import type { FunctionInfo } from '../shared/metrics';
import { textOf, type ParsedModule } from '../shared/parse';
import { childNodes, isFunction } from '@mcp/core-js';

export type CaseKind = 'branch-true' | 'branch-false' | 'boundary' | 'throws' | 'early-return' | 'switch-case' | 'default';
export interface TestCase {
  function: string;
  title: string;
  kind: CaseKind;
  /** Argument values by parameter path (`amount`, `user.age`); text when no value can be derived. */
  input: Record<string, unknown>;
  expected: string;
  /** For the skeleton: the thrown message, the returned literal. */
  throws?: string;
  returns?: unknown;
  line: number;
}

/** Module-level `const NAME = <number|string>` values usable as comparison constants. */
export function moduleConstants(mod: ParsedModule): Map<string, number | string> {
  const out = new Map<string, number | string>();
  for (const s of mod.ast.program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type !== 'VariableDeclaration' || d.kind !== 'const') continue;
    for (const v of d.declarations) {
      const val = literal(v.init ?? null, new Map());
      if (v.id.type === 'Identifier' && val !== undefined) out.set(v.id.name, val);
    }
  }
  return out;
}

function literal(n: Node | null, consts: Map<string, number | string>): number | string | undefined {
  if (!n) return undefined;
  if (n.type === 'NumericLiteral' || n.type === 'StringLiteral') return n.value;
  if (n.type === 'UnaryExpression' && n.operator === '-' && n.argument.type === 'NumericLiteral') return -n.argument.value;
  if (n.type === 'Identifier' && consts.has(n.name)) return consts.get(n.name);
  if (n.type === 'TSAsExpression') return literal(n.expression, consts);
  return undefined;
}

/** `amount`, `user.age`, `opts.limits.max` when rooted at a parameter. */
function paramPath(n: Node, params: Set<string>): string | null {
  if (n.type === 'Identifier') return params.has(n.name) ? n.name : null;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property.type === 'Identifier') {
    const base = paramPath(n.object, params);
    return base ? `${base}.${n.property.name}` : null;
  }
  if (n.type === 'TSNonNullExpression') return paramPath(n.expression, params);
  return null;
}

/** One unit in the last decimal place: 1 for integers, 0.01 for 9.99. */
function unit(c: number): number {
  const s = String(c);
  const dot = s.indexOf('.');
  return dot === -1 || /e/i.test(s) ? 1 : Math.pow(10, -(s.length - dot - 1));
}
const round = (x: number, u: number) => Number((Math.round(x / u) * u).toFixed(Math.max(0, -Math.floor(Math.log10(u)))));

const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '===': '===', '!=': '!=', '!==': '!==' };
function holds(op: string, x: number | string, c: number | string): boolean {
  switch (op) {
    case '<':
      return x < c;
    case '>':
      return x > c;
    case '<=':
      return x <= c;
    case '>=':
      return x >= c;
    case '==':
    case '===':
      return x === c;
    default:
      return x !== c;
  }
}

interface Condition {
  /** Value assignments that make the condition true / false. */
  whenTrue: Record<string, unknown> | null;
  whenFalse: Record<string, unknown> | null;
  boundary?: { path: string; op: string; c: number };
}

/** Derives inputs that make a condition true or false, when it compares parameters with constants. */
export function analyzeCondition(test: Node, params: Set<string>, consts: Map<string, number | string>): Condition {
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = analyzeCondition(test.argument, params, consts);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue, boundary: inner.boundary };
  }
  if (test.type === 'BinaryExpression' && FLIP[test.operator] && test.left.type !== 'PrivateName') {
    let path = paramPath(test.left, params);
    let c = literal(test.right, consts);
    let op: string = test.operator;
    if (!path || c === undefined) {
      path = paramPath(test.right, params);
      c = literal(test.left, consts);
      op = FLIP[test.operator];
    }
    if (path && c !== undefined) {
      if (typeof c === 'number') {
        const u = unit(c);
        const candidates = [c - u, c, c + u].map((x) => round(x, u));
        const t = candidates.find((x) => holds(op, x, c as number));
        const f = candidates.find((x) => !holds(op, x, c as number));
        return { whenTrue: t === undefined ? null : { [path]: t }, whenFalse: f === undefined ? null : { [path]: f }, boundary: { path, op, c } };
      }
      const other = `not-${c}`;
      const eq = op === '==' || op === '===';
      return { whenTrue: { [path]: eq ? c : other }, whenFalse: { [path]: eq ? other : c } };
    }
    // x == null / x === undefined
    if (path === null) {
      const p = paramPath(test.left, params) ?? paramPath(test.right, params);
      const nullish = test.left.type === 'NullLiteral' || test.right.type === 'NullLiteral' || (test.right.type === 'Identifier' && test.right.name === 'undefined');
      if (p && nullish) {
        const eq = test.operator === '==' || test.operator === '===';
        return { whenTrue: { [p]: eq ? null : `<any ${p}>` }, whenFalse: { [p]: eq ? `<any ${p}>` : null } };
      }
    }
  }
  if (test.type === 'LogicalExpression' && test.operator === '&&') {
    const l = analyzeCondition(test.left, params, consts);
    const r = analyzeCondition(test.right, params, consts);
    return { whenTrue: l.whenTrue && r.whenTrue ? { ...l.whenTrue, ...r.whenTrue } : null, whenFalse: l.whenFalse };
  }
  if (test.type === 'LogicalExpression' && test.operator === '||') {
    const l = analyzeCondition(test.left, params, consts);
    const r = analyzeCondition(test.right, params, consts);
    return { whenTrue: l.whenTrue, whenFalse: l.whenFalse && r.whenFalse ? { ...l.whenFalse, ...r.whenFalse } : null };
  }
  const p = paramPath(test, params);
  if (p) return { whenTrue: { [p]: true }, whenFalse: { [p]: false } };
  return { whenTrue: null, whenFalse: null };
}

/** What a branch does, for the expected column: its return, its throw, or the lines it runs. */
export function outcomeOf(mod: ParsedModule, branch: Node | null | undefined): { expected: string; throws?: string; returns?: unknown } {
  if (!branch) return { expected: 'continues after the condition' };
  const stmts = branch.type === 'BlockStatement' ? branch.body : [branch];
  for (const s of stmts) {
    if (s.type === 'ThrowStatement') {
      const msg = thrownMessage(mod, s.argument);
      return { expected: msg !== null ? `throws ${JSON.stringify(msg)}` : `throws ${textOf(mod, s.argument)}`, throws: msg ?? undefined };
    }
    if (s.type === 'ReturnStatement') {
      const lit = s.argument ? literalValue(s.argument) : undefined;
      return { expected: s.argument ? `returns ${textOf(mod, s.argument)}` : 'returns undefined', returns: lit };
    }
  }
  return { expected: `runs lines ${branch.loc?.start.line}-${branch.loc?.end.line}` };
}

function literalValue(n: Node): unknown {
  if (n.type === 'NumericLiteral' || n.type === 'StringLiteral' || n.type === 'BooleanLiteral') return n.value;
  if (n.type === 'NullLiteral') return null;
  if (n.type === 'UnaryExpression' && n.operator === '-' && n.argument.type === 'NumericLiteral') return -n.argument.value;
  return undefined;
}

export function thrownMessage(mod: ParsedModule, arg: Node): string | null {
  if ((arg.type === 'NewExpression' || arg.type === 'CallExpression') && arg.arguments[0]) {
    const m = arg.arguments[0];
    if (m.type === 'StringLiteral') return m.value;
    // toThrow(string) matches a substring: the longest static part of a template is enough.
    if (m.type === 'TemplateLiteral') return m.quasis.map((q) => q.value.cooked ?? '').sort((a, b) => b.length - a.length)[0];
  }
  if (arg.type === 'StringLiteral') return arg.value;
  void mod;
  return null;
}

/** Walks a function's own statements (not nested functions) in source order. */
export function ownNodes(fn: Node, visit: (n: Node, parent: Node | null) => void): void {
  const rec = (n: Node, parent: Node | null) => {
    visit(n, parent);
    for (const c of childNodes(n)) if (!isFunction(c) && !c.type.startsWith('TS')) rec(c, n);
  };
  for (const c of childNodes(fn)) if (!isFunction(c) && !c.type.startsWith('TS')) rec(c, fn);
}

export function deriveCases(mod: ParsedModule, fn: FunctionInfo, consts: Map<string, number | string>): TestCase[] {
  const params = new Set<string>();
  for (const p of fn.params) {
    const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
    if (id.type === 'Identifier') params.add(id.name);
  }
  const cases: TestCase[] = [];
  const body = (fn.node as { body?: Node }).body;
  const lastStmt = body?.type === 'BlockStatement' ? body.body[body.body.length - 1] : null;
  const push = (c: Omit<TestCase, 'function'>) => cases.push({ function: fn.name, ...c });
  const describeInput = (inp: Record<string, unknown> | null, test: Node, truth: boolean) => inp ?? { condition: `${textOf(mod, test)} is ${truth}` };

  ownNodes(fn.node, (n) => {
    if (n.type === 'IfStatement' || n.type === 'ConditionalExpression') {
      const cond = analyzeCondition(n.test, params, consts);
      const text = textOf(mod, n.test);
      const line = n.loc!.start.line;
      const t = outcomeOf(mod, n.type === 'IfStatement' ? n.consequent : null);
      const f = outcomeOf(mod, n.type === 'IfStatement' ? n.alternate : null);
      if (n.type === 'ConditionalExpression') {
        t.expected = `evaluates ${textOf(mod, n.consequent)}`;
        f.expected = `evaluates ${textOf(mod, n.alternate)}`;
      }
      push({ title: `when ${text}`, kind: t.throws !== undefined ? 'throws' : 'branch-true', input: describeInput(cond.whenTrue, n.test, true), expected: t.expected, throws: t.throws, returns: t.returns, line });
      push({ title: `when not (${text})`, kind: f.throws !== undefined ? 'throws' : 'branch-false', input: describeInput(cond.whenFalse, n.test, false), expected: f.expected, throws: f.throws, returns: f.returns, line });
      if (cond.boundary) {
        const { path, op, c } = cond.boundary;
        const u = unit(c);
        for (const x of [round(c - u, u), c, round(c + u, u)]) {
          const truth = holds(op, x, c);
          const o = truth ? t : f;
          push({ title: `${path} = ${x} (boundary of ${text})`, kind: 'boundary', input: { [path]: x }, expected: o.expected, throws: o.throws, returns: o.returns, line });
        }
      }
      // An if whose consequent returns before the end of the function is an early return.
      if (n.type === 'IfStatement' && n !== lastStmt && t.expected.startsWith('returns') && !n.alternate) {
        push({ title: `returns early when ${text}`, kind: 'early-return', input: describeInput(cond.whenTrue, n.test, true), expected: t.expected, returns: t.returns, line });
      }
    }
    if (n.type === 'SwitchStatement') {
      const path = paramPath(n.discriminant, params) ?? textOf(mod, n.discriminant);
      for (const c of n.cases) {
        const o = outcomeOf(mod, { type: 'BlockStatement', body: c.consequent, directives: [], loc: c.loc } as Node);
        if (c.test) {
          const v = literal(c.test, consts);
          push({ title: `${path} is ${textOf(mod, c.test)}`, kind: 'switch-case', input: { [path]: v ?? textOf(mod, c.test) }, expected: o.expected, throws: o.throws, returns: o.returns, line: c.loc!.start.line });
        } else {
          push({ title: `${path} matches no case`, kind: 'default', input: { [path]: `<other ${path}>` }, expected: o.expected, throws: o.throws, returns: o.returns, line: c.loc!.start.line });
        }
      }
    }
    if (n.type === 'ThrowStatement') {
      // Throws not already covered as a branch outcome (e.g. inside loops or try).
      const msg = thrownMessage(mod, n.argument);
      if (!cases.some((c) => c.line <= n.loc!.start.line && c.throws !== undefined && c.throws === msg)) {
        push({ title: `throws ${msg !== null ? JSON.stringify(msg) : textOf(mod, n.argument)}`, kind: 'throws', input: { condition: `reach line ${n.loc!.start.line}` }, expected: msg !== null ? `throws ${JSON.stringify(msg)}` : `throws ${textOf(mod, n.argument)}`, throws: msg ?? undefined, line: n.loc!.start.line });
      }
    }
  });
  return cases;
}
