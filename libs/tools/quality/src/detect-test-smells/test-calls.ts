import type { Node } from '@babel/types';

export interface TestCall {
  kind: 'test' | 'describe' | 'hook';
  /** The callee chain, e.g. ['it', 'only'] or ['fdescribe']. */
  chain: string[];
  /** The node to report a focus/skip at (the `.only` property or the `fit` identifier). */
  marker: Node;
  title: string | null;
  fn: Node | null;
  call: Node;
}

const TESTS = new Set(['it', 'test', 'specify', 'fit', 'xit', 'xtest', 'xspecify']);
const DESCRIBES = new Set(['describe', 'context', 'suite', 'fdescribe', 'xdescribe', 'xcontext', 'xsuite']);
const HOOKS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'before', 'after']);

/** `it.only.each` -> ['it', 'only', 'each']; `test.each(table)` callee chains unwrap the call. */
function calleeChain(callee: Node): { names: string[]; nodes: Node[] } | null {
  const names: string[] = [];
  const nodes: Node[] = [];
  let cur: Node = callee;
  for (;;) {
    if (cur.type === 'Identifier') {
      names.unshift(cur.name);
      nodes.unshift(cur);
      return { names, nodes };
    }
    if (cur.type === 'MemberExpression' && !cur.computed && cur.property.type === 'Identifier') {
      names.unshift(cur.property.name);
      nodes.unshift(cur.property);
      cur = cur.object;
    } else if (cur.type === 'CallExpression') cur = cur.callee; // test.each(table)(title, fn)
    else if (cur.type === 'TaggedTemplateExpression') cur = cur.tag; // test.each`table`(title, fn)
    else return null;
  }
}

function titleOf(n: Node | undefined): string | null {
  if (!n) return null;
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? null;
  return null;
}

export function asTestCall(node: Node): TestCall | null {
  if (node.type !== 'CallExpression') return null;
  const chain = calleeChain(node.callee);
  if (!chain) return null;
  // `it.each(table)` only builds the test; the call of its result is the test itself.
  if (chain.names[chain.names.length - 1] === 'each' && node.callee.type === 'MemberExpression') return null;
  const head = chain.names[0];
  const kind = TESTS.has(head) ? 'test' : DESCRIBES.has(head) ? 'describe' : HOOKS.has(head) ? 'hook' : null;
  if (!kind) return null;
  const allowed = ['only', 'skip', 'each', 'concurrent', 'failing', 'todo', 'sequential', 'shuffle', 'fails', 'runIf', 'skipIf'];
  if (chain.names.slice(1).some((n) => !allowed.includes(n))) return null;
  const fn = node.arguments.find((a) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') ?? null;
  const special = chain.names.indexOf('only') !== -1 ? chain.nodes[chain.names.indexOf('only')] : chain.names.indexOf('skip') !== -1 ? chain.nodes[chain.names.indexOf('skip')] : chain.nodes[0];
  return { kind, chain: chain.names, marker: special, title: titleOf(node.arguments[0] as Node | undefined), fn, call: node };
}
