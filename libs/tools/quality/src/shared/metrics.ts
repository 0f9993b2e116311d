import type { Node } from '@babel/types';
import { memo, type ParsedModule } from './parse';
import { childNodes, isFunction, walk } from '@mcp/core-js';
import { functionName } from './names';

export interface Halstead {
  operators: { distinct: number; total: number };
  operands: { distinct: number; total: number };
  length: number;
  vocabulary: number;
  volume: number;
  difficulty: number;
  effort: number;
}

export interface FunctionInfo {
  name: string;
  node: Node;
  /** The function's parameters (a TypeScript `this` parameter is not one). */
  params: Node[];
  line: number;
  column: number;
  endLine: number;
  /** The enclosing function, when nested. */
  parent?: FunctionInfo;
  cyclomatic: number;
  cognitive: number;
  nestingDepth: number;
  /** Non-blank lines that hold code (comment-only lines excluded). */
  sloc: number;
  /** Statements, as escomplex counts logical lines. */
  logicalSloc: number;
  returns: number;
  halstead: Halstead;
  maintainability: number;
}

/** Every function of a module with its metrics, computed once per parse and shared by the tools. */
export function functionsOf(mod: ParsedModule): FunctionInfo[] {
  return memo(mod, 'functions', () => collect(mod));
}

function collect(mod: ParsedModule): FunctionInfo[] {
  const out: FunctionInfo[] = [];
  const stack: FunctionInfo[] = [];
  walk(mod.ast.program, {
    enter(node, _parent, ancestors) {
      if (!isFunction(node) || !('body' in node) || !node.body) return;
      const fn = measure(mod, node, functionName(node, ancestors));
      fn.parent = stack[stack.length - 1];
      out.push(fn);
      stack.push(fn);
    },
    leave(node) {
      if (stack.length > 0 && stack[stack.length - 1].node === node) stack.pop();
    },
  });
  return out;
}

function realParams(node: Node): Node[] {
  const params = ((node as { params?: Node[] }).params ?? []) as Node[];
  return params.filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
}

/** Walks a function's own code: nested functions are their own entries and are not entered. */
function ownWalk(root: Node, enter: (node: Node, parent: Node | null) => void): void {
  const visit = (node: Node, parent: Node | null): void => {
    enter(node, parent);
    for (const child of childNodes(node)) {
      if (isFunction(child) || child.type.startsWith('TS')) {
        if (isFunction(child)) continue;
        continue; // types carry no run-time complexity
      }
      visit(child, node);
    }
  };
  // The function's own name (id or method key) is not part of its Halstead counts.
  const own = root as { id?: Node | null; key?: Node };
  for (const child of childNodes(root)) {
    if (child === own.id || child === own.key) continue;
    if (!isFunction(child) && !child.type.startsWith('TS')) visit(child, root);
  }
}

function measure(mod: ParsedModule, node: Node, name: string): FunctionInfo {
  const params = realParams(node);
  let cyclomatic = 1;
  let returns = 0;
  let logical = 0;
  const ops = new Map<string, number>();
  const operands = new Map<string, number>();
  const op = (k: string) => ops.set(k, (ops.get(k) ?? 0) + 1);
  const operand = (k: string) => operands.set(k, (operands.get(k) ?? 0) + 1);
  ownWalk(node, (n) => {
    // Cyclomatic complexity exactly as ESLint 9's `complexity` rule counts it.
    switch (n.type) {
      case 'CatchClause':
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'AssignmentPattern':
        cyclomatic++;
        break;
      case 'SwitchCase':
        if (n.test) cyclomatic++;
        break;
      case 'AssignmentExpression':
        if (n.operator === '||=' || n.operator === '&&=' || n.operator === '??=') cyclomatic++;
        break;
      case 'OptionalMemberExpression':
      case 'OptionalCallExpression':
        if (n.optional) cyclomatic++;
        break;
      case 'ReturnStatement':
        returns++;
        break;
    }
    if (n.type.endsWith('Statement') || n.type === 'VariableDeclaration') {
      if (n.type !== 'BlockStatement') logical++;
    }
    // escomplex leaves parameter lists out of a function's Halstead counts.
    const at = n.start ?? 0;
    if (!params.some((p) => at >= (p.start ?? 0) && at < (p.end ?? 0))) halsteadOf(n, op, operand);
  });
  const halstead = halsteadFrom(ops, operands);
  const line = node.loc?.start.line ?? 1;
  const endLine = node.loc?.end.line ?? line;
  const sloc = countSloc(mod, line, endLine);
  return {
    name,
    node,
    params,
    line,
    column: (node.loc?.start.column ?? 0) + 1,
    endLine,
    cyclomatic,
    cognitive: cognitiveOf(node),
    nestingDepth: maxDepthOf(node),
    sloc,
    logicalSloc: logical,
    returns,
    halstead,
    maintainability: maintainabilityIndex(halstead.effort, cyclomatic, logical),
  };
}

/** escomplex's 171-based index (not normalized to 0-100). */
export function maintainabilityIndex(effort: number, cyclomatic: number, logicalSloc: number): number {
  return 171 - 3.42 * Math.log(Math.max(effort, 1)) - 0.23 * cyclomatic - 16.2 * Math.log(Math.max(logicalSloc, 1));
}

function countSloc(mod: ParsedModule, from: number, to: number): number {
  let count = 0;
  let inBlock = false;
  for (let l = from; l <= to; l++) {
    let text = mod.lines.lineText(l).trim();
    if (inBlock) {
      const close = text.indexOf('*/');
      if (close === -1) continue;
      inBlock = false;
      text = text.slice(close + 2).trim();
    }
    if (text.startsWith('/*')) {
      const close = text.indexOf('*/', 2);
      if (close === -1) {
        inBlock = true;
        continue;
      }
      text = text.slice(close + 2).trim();
    }
    if (text === '' || text.startsWith('//')) continue;
    count++;
  }
  return count;
}

// ---- Halstead, with escomplex's choice of operators (syntax) and operands (names, literals).

function halsteadOf(n: Node, op: (k: string) => void, operand: (k: string) => void): void {
  switch (n.type) {
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'AssignmentExpression':
      op(n.operator);
      break;
    case 'UnaryExpression':
      op(`${n.operator} (prefix)`);
      break;
    case 'UpdateExpression':
      op(n.prefix ? `${n.operator} (prefix)` : `${n.operator} (postfix)`);
      break;
    case 'VariableDeclaration':
      op(n.kind);
      break;
    case 'VariableDeclarator':
      if (n.init) op('=');
      break;
    case 'IfStatement':
      op('if');
      if (n.alternate) op('else');
      break;
    case 'ConditionalExpression':
      op(':?');
      break;
    case 'CallExpression':
    case 'OptionalCallExpression':
      op('()');
      break;
    case 'NewExpression':
      op('new');
      break;
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      op(n.computed ? '[]' : '.');
      break;
    case 'ReturnStatement':
      op('return');
      break;
    case 'ThrowStatement':
      op('throw');
      break;
    case 'ForStatement':
      op('for');
      break;
    case 'ForInStatement':
      op('forin');
      break;
    case 'ForOfStatement':
      op('forof');
      break;
    case 'WhileStatement':
      op('while');
      break;
    case 'DoWhileStatement':
      op('dowhile');
      break;
    case 'SwitchStatement':
      op('switch');
      break;
    case 'SwitchCase':
      op(n.test ? 'case' : 'default');
      break;
    case 'BreakStatement':
      op('break');
      break;
    case 'ContinueStatement':
      op('continue');
      break;
    case 'TryStatement':
      op('try');
      if (n.finalizer) op('finally');
      break;
    case 'CatchClause':
      op('catch');
      break;
    case 'ObjectExpression':
      op('{}');
      break;
    case 'ArrayExpression':
      op('[]');
      break;
    case 'ObjectProperty':
      op(':');
      break;
    case 'SpreadElement':
    case 'RestElement':
      op('...');
      break;
    case 'AwaitExpression':
      op('await');
      break;
    case 'YieldExpression':
      op('yield');
      break;
    case 'SequenceExpression':
      op(',');
      break;
    case 'TemplateLiteral':
      op('``');
      for (let i = 0; i < n.expressions.length; i++) op('${}');
      break;
    case 'Identifier':
      operand(n.name);
      break;
    case 'ThisExpression':
      op('this'); // escomplex counts `this` as an operator
      break;
    case 'ArrowFunctionExpression':
      op('function=>');
      break;
    case 'FunctionExpression':
      op('function');
      break;
    case 'StringLiteral':
      operand(JSON.stringify(n.value));
      break;
    case 'NumericLiteral':
      operand(String(n.value));
      break;
    case 'BooleanLiteral':
      operand(String(n.value));
      break;
    case 'NullLiteral':
      operand('null');
      break;
    case 'TemplateElement':
      if (n.value.raw) operand(`\`${n.value.raw}\``);
      break;
    case 'RegExpLiteral':
      operand(`/${n.pattern}/${n.flags}`);
      break;
  }
}

export function halsteadFrom(ops: Map<string, number>, operands: Map<string, number>): Halstead {
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const n1 = ops.size;
  const n2 = operands.size;
  const N1 = total(ops);
  const N2 = total(operands);
  const length = N1 + N2;
  const vocabulary = n1 + n2;
  const volume = vocabulary > 0 ? length * Math.log2(vocabulary) : 0;
  const difficulty = n2 > 0 ? (n1 / 2) * (N2 / n2) : 0;
  return {
    operators: { distinct: n1, total: N1 },
    operands: { distinct: n2, total: N2 },
    length,
    vocabulary,
    volume,
    difficulty,
    effort: difficulty * volume,
  };
}

// ---- Nesting depth as ESLint's `max-depth` counts it (an else-if does not nest deeper).

const DEPTH_TYPES = new Set(['IfStatement', 'SwitchStatement', 'TryStatement', 'DoWhileStatement', 'WhileStatement', 'WithStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

export interface DepthSite {
  node: Node;
  depth: number;
}

/** Every block-nesting statement with its depth (1 = directly in the function body). */
export function depthSites(fn: Node): DepthSite[] {
  const sites: DepthSite[] = [];
  const visit = (node: Node, parent: Node | null, depth: number): void => {
    let d = depth;
    if (DEPTH_TYPES.has(node.type) && !(node.type === 'IfStatement' && parent?.type === 'IfStatement')) {
      d = depth + 1;
      sites.push({ node, depth: d });
    }
    for (const child of childNodes(node)) if (!isFunction(child)) visit(child, node, d);
  };
  for (const child of childNodes(fn)) if (!isFunction(child)) visit(child, fn, 0);
  return sites;
}

function maxDepthOf(fn: Node): number {
  return depthSites(fn).reduce((m, s) => Math.max(m, s.depth), 0);
}

// ---- Cognitive complexity by SonarSource's definition (eslint-plugin-sonarjs).

function cognitiveOf(fn: Node): number {
  let total = 0;
  const visitIf = (node: Node & { type: 'IfStatement' }, nesting: number, elseIf: boolean): void => {
    total += elseIf ? 1 : 1 + nesting;
    visit(node.test, nesting);
    visit(node.consequent, nesting + 1);
    const alt = node.alternate;
    if (alt) {
      if (alt.type === 'IfStatement') visitIf(alt, nesting, true);
      else {
        total += 1; // else
        visit(alt, nesting + 1);
      }
    }
  };
  const visit = (node: Node | null | undefined, nesting: number): void => {
    if (!node || isFunction(node) || node.type.startsWith('TS')) return;
    switch (node.type) {
      case 'IfStatement':
        visitIf(node, nesting, false);
        return;
      case 'ConditionalExpression':
        total += 1 + nesting;
        visit(node.test, nesting);
        visit(node.consequent, nesting + 1);
        visit(node.alternate, nesting + 1);
        return;
      case 'SwitchStatement':
        total += 1 + nesting;
        visit(node.discriminant, nesting);
        for (const c of node.cases) visit(c, nesting + 1);
        return;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        // Only the body nests; the loop's head is at the loop's own level.
        total += 1 + nesting;
        for (const child of childNodes(node)) visit(child, child === node.body ? nesting + 1 : nesting);
        return;
      case 'CatchClause':
        total += 1 + nesting;
        for (const child of childNodes(node)) visit(child, nesting + 1);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        if (node.label) total += 1;
        return;
      case 'LogicalExpression': {
        // eslint-plugin-sonarjs 4: one increment per run of `&&` in the flattened chain; `||` and
        // `??` (defaults) add nothing; `cond && <Jsx/>` short-circuit rendering adds nothing.
        const operators: string[] = [];
        const leaves: Node[] = [];
        const flatten = (n: Node): void => {
          if (n.type === 'LogicalExpression') {
            flatten(n.left);
            operators.push(n.operator);
            flatten(n.right);
          } else leaves.push(n);
        };
        flatten(node);
        const last = leaves[leaves.length - 1];
        const jsx = last && (last.type === 'JSXElement' || last.type === 'JSXFragment');
        if (!jsx) for (let i = 0; i < operators.length; i++) if (operators[i] === '&&' && operators[i - 1] !== '&&') total += 1;
        for (const leaf of leaves) visit(leaf, nesting);
        return;
      }
      default:
        for (const child of childNodes(node)) visit(child, nesting);
    }
  };
  for (const child of childNodes(fn)) visit(child, 0);
  return total;
}

/** Halstead measures over the whole module (types excluded), for file totals. */
export function moduleHalstead(mod: ParsedModule): Halstead {
  return memo(mod, 'moduleHalstead', () => {
    const ops = new Map<string, number>();
    const operands = new Map<string, number>();
    const visit = (n: Node): void => {
      if (n.type.startsWith('TS')) return;
      halsteadOf(
        n,
        (k) => ops.set(k, (ops.get(k) ?? 0) + 1),
        (k) => operands.set(k, (operands.get(k) ?? 0) + 1),
      );
      for (const c of childNodes(n)) visit(c);
    };
    visit(mod.ast.program);
    return halsteadFrom(ops, operands);
  });
}
