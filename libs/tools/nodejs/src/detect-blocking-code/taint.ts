import type { Node } from '@babel/types';
import { memberPath } from '@mcp/core-js';

/** Names that hold the incoming request in common frameworks (Express, Koa, Fastify, Hono, fetch, Lambda). */
const REQUEST_ROOTS = /^(req|request|ctx\.request|ctx\.req|c\.req|context\.req|event\.body|event\.queryStringParameters|event\.multiValueQueryStringParameters|event\.Records)(\.|$)/;
const PASS_THROUGH_METHODS = new Set(['filter', 'concat', 'flat', 'flatMap', 'map', 'reverse', 'sort', 'values', 'keys', 'entries', 'split', 'json', 'formData', 'text']);
const UNBOUNDED_QUERIES = new Set(['findMany', 'findAll', 'find', 'query', 'scan', 'all', 'list', 'select']);

export interface Binding {
  target: Node;
  init: Node;
}

/** Records `n` if it binds a name (a declarator with an initializer, or a plain assignment). */
export function collectBinding(n: Node, out: Binding[]): void {
  if (n.type === 'VariableDeclarator' && n.init) out.push({ target: n.id, init: n.init });
  else if (n.type === 'AssignmentExpression' && n.operator === '=') out.push({ target: n.left, init: n.right });
}

/**
 * Request-derived or unbounded values, tracked by name through declarations and assignments
 * (file-wide, to a fixpoint): `const { ids } = req.body`, `const items = await request.json()`,
 * `const { rows } = await pool.query(…)`, `JSON.parse(req.body)`. `.slice(a, b)` bounds a value.
 * The bindings come from a walk the caller already does.
 */
export function taintFromBindings(bindings: Binding[]): Map<string, string> {
  const names = new Map<string, string>();
  for (let round = 0; round < 4; round++) {
    const before = names.size;
    for (const b of bindings) {
      const why = isRequestDerived(b.init, names);
      if (why) bind(b.target, why, names);
    }
    if (names.size === before) break;
  }
  return names;
}

function bind(target: Node, why: string, names: Map<string, string>): void {
  if (target.type === 'Identifier') {
    if (!names.has(target.name)) names.set(target.name, why);
  } else if (target.type === 'ObjectPattern') {
    for (const p of target.properties) bind(p.type === 'RestElement' ? p.argument : (p.value as Node), why, names);
  } else if (target.type === 'ArrayPattern') {
    for (const e of target.elements) if (e) bind(e, why, names);
  } else if (target.type === 'AssignmentPattern') bind(target.left, why, names);
}

/** A short description of why `e` is request-derived or unbounded ("req.body.items"), or undefined. */
export function isRequestDerived(e: Node | null | undefined, names: Map<string, string>): string | undefined {
  if (!e) return undefined;
  switch (e.type) {
    case 'Identifier':
      if (/^(req|request)$/.test(e.name)) return e.name;
      return names.get(e.name);
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const path = memberPath(e);
      if (path && REQUEST_ROOTS.test(path)) return path;
      const inner = isRequestDerived(e.object, names);
      return inner ? (path ?? inner) : undefined;
    }
    case 'AwaitExpression':
      return isRequestDerived(e.argument, names);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
    case 'TSSatisfiesExpression':
      return isRequestDerived(e.expression, names);
    case 'LogicalExpression':
      return isRequestDerived(e.left, names) ?? isRequestDerived(e.right, names);
    case 'ArrayExpression': {
      for (const el of e.elements) if (el?.type === 'SpreadElement') {
        const why = isRequestDerived(el.argument, names);
        if (why) return why;
      }
      return undefined;
    }
    case 'CallExpression':
    case 'OptionalCallExpression': {
      const callee = e.callee;
      const path = memberPath(callee);
      if (path === 'JSON.parse') return isRequestDerived(e.arguments[0] as Node, names);
      if (path === 'Object.values' || path === 'Object.keys' || path === 'Object.entries' || path === 'Array.from') return isRequestDerived(e.arguments[0] as Node, names);
      if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
        const method = callee.property.type === 'Identifier' ? callee.property.name : undefined;
        if (!method) return undefined;
        if (method === 'slice' && e.arguments.length >= 2) return undefined; // explicitly bounded
        if (PASS_THROUGH_METHODS.has(method) || (method === 'slice' && e.arguments.length < 2)) return isRequestDerived(callee.object, names);
        if (UNBOUNDED_QUERIES.has(method)) return `the unbounded result of ${path ?? method}()`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
