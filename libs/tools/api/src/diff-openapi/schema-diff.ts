import { isObj, type Obj } from '../shared/openapi';
import type { Ctx } from './context';
import { checkComposition } from './composition';
import { propertyDeprecation } from './deprecation';
import { flatten } from './endpoint-model';
import { checkMutability } from './mutability';
import { checkConstraints } from './schema-constraints';
import { report, scopeOf, transitions, type SchemaNode, type Site } from './schema-node';
import { checkDefault, checkEnum } from './schema-values';
import { propertyStability } from './stability';
import { checkNullable, checkType } from './types';

/**
 * Walks two versions of a parameter, body or header schema together, property by property
 * (oasdiff's `a/b/c` property paths), and runs every schema check at each node.
 */
export function compareSchemaTree(ctx: Ctx, site: Site, a: Obj, b: Obj): void {
  walk(ctx, site, a, b, [], undefined, new Map());
}

function walk(ctx: Ctx, site: Site, a: Obj, b: Obj, path: string[], prop: SchemaNode['prop'], open: Map<Obj, Set<Obj>>): void {
  // A recursive schema meets the same pair again: it was (or is being) compared already.
  if (path.length > 24 || open.get(a)?.has(b)) return;
  if (!open.has(a)) open.set(a, new Set());
  open.get(a)!.add(b);
  try {
    const n: SchemaNode = { site, path, a, b, prop, t: transitions(ctx, a, b) };
    const scope = scopeOf(n);
    checkType(ctx, n);
    checkNullable(ctx, n);
    if (scope === 'header') return;
    checkEnum(ctx, n);
    checkDefault(ctx, n);
    checkConstraints(ctx, n);
    const child = (x: unknown, y: unknown, segment: string, named?: SchemaNode['prop']) => {
      const ca = ctx.before.deref(x);
      const cb = ctx.after.deref(y);
      if (isObj(ca) && isObj(cb)) walk(ctx, site, ca, cb, [...path, segment], named, open);
    };
    if (scope === 'parameter' || scope === 'parameter-property') {
      // Object and array parameters: their properties and items are compared, not added or removed.
      const fa = flatten(ctx.before, a);
      const fb = flatten(ctx.after, b);
      for (const [name, pa] of fa.properties) if (fb.properties.has(name)) child(pa, fb.properties.get(name), name);
      child(a.items, b.items, 'items');
      return;
    }
    const subschemas = checkComposition(ctx, n);
    if (path.length > 0) {
      checkMutability(ctx, n);
      propertyDeprecation(ctx, n);
      propertyStability(ctx, n);
    }
    properties(ctx, n, (pa, pb, name, named) => child(pa, pb, name, named));
    child(a.items, b.items, 'items');
    child(a.additionalProperties, b.additionalProperties, 'additionalProperties');
    for (const s of subschemas) walk(ctx, site, s.a, s.b, [...path, s.segment], undefined, open);
  } finally {
    open.get(a)!.delete(b);
  }
}

/** Properties added, removed, or whose requiredness changed; then each kept property's own changes. */
function properties(ctx: Ctx, n: SchemaNode, descend: (a: Obj, b: Obj, name: string, prop: SchemaNode['prop']) => void): void {
  const { site } = n;
  const status = site.status ?? '';
  const fa = flatten(ctx.before, n.a);
  const fb = flatten(ctx.after, n.b);
  const moved = new Set(n.t.oneOfWrap ?? []);
  const childName = (name: string) => [...n.path, name].join('/');
  for (const [name, pa] of fa.properties) {
    if (fb.properties.has(name) || moved.has(name)) continue;
    const child = childName(name);
    const at = { side: 'before' as const, node: pa };
    if (site.dir === 'request') {
      // A read-only property was never sent by clients.
      if (pa.readOnly !== true) report(ctx, n, 'request-property-removed', [child], at, `Keep accepting ${child} (ignored if need be) until clients stop sending it.`);
    } else if (fa.required.has(name)) {
      report(ctx, n, pa.writeOnly === true ? 'response-required-write-only-property-removed' : 'response-required-property-removed', [child, status], at, `Keep returning ${child}; clients rely on required properties.`);
    } else {
      report(ctx, n, pa.writeOnly === true ? 'response-optional-write-only-property-removed' : 'response-optional-property-removed', [child, status], at, `Keep returning ${child} while clients may still read it.`);
    }
  }
  for (const [name, pa] of fa.properties) {
    const pb = fb.properties.get(name);
    if (!pb) continue;
    const child = childName(name);
    const was = fa.required.has(name);
    const is = fb.required.has(name);
    const at = { side: 'after' as const, node: pb };
    if (site.dir === 'request' && pb.readOnly !== true) {
      // A default does not make an omitted required property valid: oasdiff reports it apart, still as ERR.
      if (!was && is) report(ctx, n, pb.default !== undefined ? 'request-property-became-required-with-default' : 'request-property-became-required', [child], at, `Keep ${child} optional or give it a default.`);
      if (was && !is) report(ctx, n, 'request-property-became-optional', [child], at);
    }
    if (site.dir === 'response' && was !== is) {
      // oasdiff reads write-only from the new property at the body root and from the old one below it.
      const writeOnly = (n.path.length === 0 ? pb : pa).writeOnly === true;
      if (was) report(ctx, n, writeOnly ? 'response-write-only-property-became-optional' : 'response-property-became-optional', [child, status], at, `Keep ${child} required in responses; clients may not check for its absence.`);
      else report(ctx, n, writeOnly ? 'response-write-only-property-became-required' : 'response-property-became-required', [child, status], at);
    }
    descend(pa, pb, name, { name, parentA: fa, parentB: fb });
  }
  for (const [name, pb] of fb.properties) {
    if (fa.properties.has(name)) continue;
    const child = childName(name);
    const req = fb.required.has(name);
    const at = { side: 'after' as const, node: pb };
    if (site.dir === 'request') {
      if (pb.readOnly === true) continue;
      if (!req) report(ctx, n, 'new-optional-request-property', [child], at);
      else report(ctx, n, pb.default !== undefined ? 'new-required-request-property-with-default' : 'new-required-request-property', [child], at, `Make ${child} optional (with a server-side default).`);
    } else {
      const wo = pb.writeOnly === true ? '-write-only' : '';
      report(ctx, n, req ? `response-required${wo}-property-added` : `response-optional${wo}-property-added`, [child, status], at);
    }
  }
}
