import type { Node } from '@babel/types';
import { textOf, type ParsedModule } from '../shared/parse';

export const DEFAULT_MUTATORS = ['ArithmeticOperator', 'UnaryOperator', 'UpdateOperator', 'AssignmentOperator', 'EqualityOperator', 'LogicalOperator', 'BooleanLiteral', 'ConditionalExpression', 'ArrowFunction', 'BlockStatement'] as const;
export const OPTIONAL_MUTATORS = ['StringLiteral', 'ArrayDeclaration', 'ObjectLiteral', 'OptionalChaining', 'MethodExpression', 'Regex'] as const;
export const ALL_MUTATORS = [...DEFAULT_MUTATORS, ...OPTIONAL_MUTATORS] as const;
export type MutatorName = (typeof ALL_MUTATORS)[number];

export interface Site {
  mutator: MutatorName;
  node: Node;
  /** Where the mutated token starts (the operator for binary expressions). */
  offset: number;
  original: string;
  replacements: string[];
}

const ARITH: Record<string, string[]> = { '+': ['-'], '-': ['+'], '*': ['/'], '/': ['*'], '%': ['*'] };
const EQUALITY: Record<string, string[]> = { '<': ['<=', '>='], '<=': ['<', '>'], '>': ['>=', '<='], '>=': ['>', '<'], '==': ['!='], '!=': ['=='], '===': ['!=='], '!==': ['==='] };
const LOGICAL: Record<string, string[]> = { '&&': ['||'], '||': ['&&'], '??': ['&&'] };
const ASSIGN: Record<string, string[]> = { '+=': ['-='], '-=': ['+='], '*=': ['/='], '/=': ['*='], '%=': ['*='], '<<=': ['>>='], '>>=': ['<<='], '&=': ['|='], '|=': ['&='], '&&=': ['||='], '||=': ['&&='], '??=': ['&&='] };
const METHODS: Record<string, string[]> = {
  charAt: [''], endsWith: ['startsWith'], startsWith: ['endsWith'], every: ['some'], some: ['every'], filter: [''], reverse: [''], slice: [''], sort: [''], substr: [''], substring: [''],
  toLocaleLowerCase: ['toLocaleUpperCase'], toLocaleUpperCase: ['toLocaleLowerCase'], toLowerCase: ['toUpperCase'], toUpperCase: ['toLowerCase'], trim: [''], trimEnd: ['trimStart'], trimStart: ['trimEnd'], min: ['max'], max: ['min'],
};

const isStringy = (n: Node) => n.type === 'StringLiteral' || n.type === 'TemplateLiteral';

/** The offset of an operator token between two operands (skipping spaces, comments and parens). */
function operatorAt(code: string, from: number, op: string): number {
  let i = from;
  for (;;) {
    while (i < code.length && /[\s)]/.test(code[i])) i++;
    if (code.startsWith('//', i)) i = code.indexOf('\n', i);
    else if (code.startsWith('/*', i)) i = code.indexOf('*/', i) + 2;
    else break;
  }
  return code.startsWith(op, i) ? i : code.indexOf(op, from);
}

function splice(mod: ParsedModule, node: Node, at: number, len: number, replacement: string): string {
  const start = node.start ?? 0;
  const text = textOf(mod, node);
  return text.slice(0, at - start) + replacement + text.slice(at - start + len);
}

/**
 * Stryker's mutators and where they apply: binary `+` with a string operand is concatenation
 * (not mutated), nothing inside TypeScript types, directives or import/export specifiers.
 */
export function sitesFor(mod: ParsedModule, node: Node, parent: Node | null, enabled: Set<MutatorName>, grand: Node | null = null): Site[] {
  const out: Site[] = [];
  const code = mod.code;
  const push = (mutator: MutatorName, n: Node, offset: number, original: string, replacements: string[]) => {
    if (enabled.has(mutator) && replacements.length) out.push({ mutator, node: n, offset, original, replacements });
  };
  /**
   * Stryker's ConditionalExpression: a loop test becomes `false`; an if test `true` and `false`;
   * any other boolean comparison or &&/|| becomes `true`/`false` (only `false` as an operand of
   * ||, only `true` as an operand of &&).
   */
  const conditional = (n: Node) => {
    if (testOfLoop || testOfIf) return;
    const ops = ['!=', '!==', '&&', '<', '<=', '==', '===', '>', '>=', '||'];
    if (!ops.includes((n as { operator: string }).operator)) return;
    const repl = parent?.type === 'LogicalExpression' && parent.operator === '||' ? ['false'] : parent?.type === 'LogicalExpression' && parent.operator === '&&' ? ['true'] : ['true', 'false'];
    push('ConditionalExpression', n, n.start ?? 0, textOf(mod, n), repl);
  };
  const testOfLoop = !!parent && (parent.type === 'ForStatement' || parent.type === 'WhileStatement' || parent.type === 'DoWhileStatement') && parent.test === node;
  const testOfIf = !!parent && parent.type === 'IfStatement' && parent.test === node;
  if (testOfLoop) push('ConditionalExpression', node, node.start ?? 0, textOf(mod, node), ['false']);
  else if (testOfIf) push('ConditionalExpression', node, node.start ?? 0, textOf(mod, node), ['true', 'false']);
  switch (node.type) {
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateName') break;
      const op = node.operator;
      const at = operatorAt(code, node.left.end ?? 0, op);
      const original = textOf(mod, node);
      // Stryker: no arithmetic mutant when the right operand, or the left (or its right operand
      // in a chain), is a string or template literal.
      const leftKind = node.left.type === 'BinaryExpression' ? node.left.right : node.left;
      if (ARITH[op] && !isStringy(node.right) && !isStringy(leftKind)) {
        push('ArithmeticOperator', node, node.start ?? 0, original, ARITH[op].map((r) => splice(mod, node, at, op.length, r)));
      }
      if (EQUALITY[op]) push('EqualityOperator', node, node.start ?? 0, original, EQUALITY[op].map((r) => splice(mod, node, at, op.length, r)));
      conditional(node);
      break;
    }
    case 'LogicalExpression': {
      const at = operatorAt(code, node.left.end ?? 0, node.operator);
      push('LogicalOperator', node, node.start ?? 0, textOf(mod, node), LOGICAL[node.operator].map((r) => splice(mod, node, at, node.operator.length, r)));
      conditional(node);
      break;
    }
    case 'AssignmentExpression': {
      const repl = ASSIGN[node.operator];
      // Stryker: not when a string is assigned, except for the logical assignments.
      if (repl && !(isStringy(node.right) && !['&&=', '||=', '??='].includes(node.operator))) {
        const at = operatorAt(code, node.left.end ?? 0, node.operator);
        push('AssignmentOperator', node, node.start ?? 0, textOf(mod, node), repl.map((r) => splice(mod, node, at, node.operator.length, r)));
      }
      break;
    }
    case 'UnaryExpression': {
      const arg = textOf(mod, node.argument);
      if (node.operator === '+') push('UnaryOperator', node, node.start ?? 0, textOf(mod, node), [`-${arg}`]);
      if (node.operator === '-') push('UnaryOperator', node, node.start ?? 0, textOf(mod, node), [`+${arg}`]);
      if (node.operator === '~') push('UnaryOperator', node, node.start ?? 0, textOf(mod, node), [arg]);
      if (node.operator === '!') push('BooleanLiteral', node, node.start ?? 0, textOf(mod, node), [arg]);
      break;
    }
    case 'UpdateExpression': {
      const arg = textOf(mod, node.argument);
      const flipped = node.operator === '++' ? '--' : '++';
      push('UpdateOperator', node, node.start ?? 0, textOf(mod, node), [node.prefix ? `${flipped}${arg}` : `${arg}${flipped}`]);
      break;
    }
    case 'BooleanLiteral':
      push('BooleanLiteral', node, node.start ?? 0, String(node.value), [String(!node.value)]);
      break;
    case 'ForStatement':
      // for (;;) gets a `false` test.
      if (!node.test) push('ConditionalExpression', node, node.start ?? 0, textOf(mod, node).split('\n')[0], ['for (...; false; ...)']);
      break;
    case 'SwitchCase':
      if (node.consequent.length) push('ConditionalExpression', node, node.start ?? 0, textOf(mod, node).split('\n')[0], [`${node.test ? `case ${textOf(mod, node.test)}` : 'default'}:`]);
      break;
    case 'ArrowFunctionExpression':
      if (node.body.type !== 'BlockStatement' && !(node.body.type === 'Identifier' && node.body.name === 'undefined')) {
        push('ArrowFunction', node, node.start ?? 0, textOf(mod, node), ['() => undefined']);
      }
      break;
    case 'BlockStatement':
      if (node.body.length > 0 && !isDerivedConstructorBody(mod, node, parent, grand)) push('BlockStatement', node, node.start ?? 0, firstLine(textOf(mod, node)), ['{}']);
      break;
    case 'StringLiteral':
      if (parent && !isStringContextExcluded(node, parent)) push('StringLiteral', node, node.start ?? 0, textOf(mod, node), [node.value === '' ? '"Stryker was here!"' : '""']);
      break;
    case 'TemplateLiteral':
      if (parent?.type !== 'TaggedTemplateExpression') push('StringLiteral', node, node.start ?? 0, textOf(mod, node), [node.quasis.length === 1 && node.quasis[0].value.raw === '' ? '"Stryker was here!"' : '``']);
      break;
    case 'ArrayExpression':
      push('ArrayDeclaration', node, node.start ?? 0, textOf(mod, node), [node.elements.length ? '[]' : '["Stryker was here"]']);
      break;
    case 'ObjectExpression':
      if (node.properties.length) push('ObjectLiteral', node, node.start ?? 0, textOf(mod, node), ['{}']);
      break;
    case 'OptionalMemberExpression':
      if (node.optional) {
        const at = code.indexOf('?.', node.object.end ?? 0);
        push('OptionalChaining', node, node.start ?? 0, textOf(mod, node), [splice(mod, node, at, 2, node.computed ? '' : '.')]);
      }
      break;
    case 'OptionalCallExpression':
      if (node.optional) {
        const at = code.indexOf('?.', node.callee.end ?? 0);
        push('OptionalChaining', node, node.start ?? 0, textOf(mod, node), [splice(mod, node, at, 2, '')]);
      }
      break;
    case 'CallExpression': {
      const callee = node.callee;
      if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier' && Object.hasOwn(METHODS, callee.property.name)) {
        const name = callee.property.name;
        const obj = textOf(mod, callee.object);
        push('MethodExpression', node, node.start ?? 0, textOf(mod, node), METHODS[name].map((r) => (r === '' ? obj : splice(mod, node, callee.property.start ?? 0, name.length, r))));
      }
      break;
    }
    case 'RegExpLiteral': {
      const variants: string[] = [];
      const p = node.pattern;
      if (p.startsWith('^')) variants.push(`/${p.slice(1)}/${node.flags}`);
      if (p.endsWith('$') && !p.endsWith('\\$')) variants.push(`/${p.slice(0, -1)}/${node.flags}`);
      for (const [a, b] of [['\\d', '\\D'], ['\\w', '\\W'], ['\\s', '\\S']]) if (p.includes(a)) variants.push(`/${p.split(a).join(b)}/${node.flags}`);
      push('Regex', node, node.start ?? 0, textOf(mod, node), variants);
      break;
    }
  }
  return out;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0];
  return s.includes('\n') ? `${line} ... }` : line;
}

/** Stryker keeps a constructor body that calls super() when parameter properties or initialized fields need it. */
function isDerivedConstructorBody(mod: ParsedModule, block: Node, parent: Node | null, grand: Node | null): boolean {
  if (parent?.type !== 'ClassMethod' || parent.kind !== 'constructor' || block.type !== 'BlockStatement') return false;
  const paramProps = parent.params.some((p) => p.type === 'TSParameterProperty');
  const initialized = grand?.type === 'ClassBody' && grand.body.some((m) => m.type === 'ClassProperty' && m.value);
  return (paramProps || initialized) && /\bsuper\s*\(/.test(textOf(mod, block));
}

function isStringContextExcluded(node: Node, parent: Node): boolean {
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier') return true;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') && (parent as { key: Node }).key === node) return true;
  if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require') return true;
  if (parent.type === 'JSXAttribute') return true;
  if (parent.type === 'TSLiteralType' || parent.type === 'TSEnumMember' || parent.type === 'TSExternalModuleReference' || parent.type === 'TSImportType') return true;
  return false;
}
