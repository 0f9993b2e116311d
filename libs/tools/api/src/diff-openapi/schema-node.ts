import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { emit, type At, type Ctx } from './context';
import { flatten } from './endpoint-model';
import { annotationOnly, sameResolved } from './equivalence';
import { kindOf, type Kind } from './levels';

/** Where a compared schema hangs: a parameter, a request or response body, or a response header. */
export interface Site {
  dir: 'request' | 'response';
  root: 'parameter' | 'body' | 'header';
  /** Operation label, the subject of every message. */
  op: string;
  /** The operation in the new document (its x-stability-level sets the deprecation days). */
  opNode: Obj;
  media?: string;
  status?: string;
  param?: { in: string; name: string };
  /** The parameter object in the new document (its style and explode). */
  paramNode?: Obj;
  /** The parameter object in the old document. */
  paramBefore?: Obj;
  header?: string;
}

/**
 * The four positions oasdiff words its ids for: a parameter's schema, a property inside it,
 * a body's root schema, a property inside a body (items and subschemas count as properties,
 * as in oasdiff's property walker); plus a response header's schema.
 */
export type Scope = 'parameter' | 'parameter-property' | 'body' | 'property' | 'header';

export interface SchemaNode {
  site: Site;
  /** Property path from the root schema (`items/sku`), as oasdiff names nested properties. */
  path: string[];
  a: Obj;
  b: Obj;
  /** When the node is a named property: its name and its parents' object views. */
  prop?: { name: string; parentA: { required: Set<string> }; parentB: { required: Set<string> } };
  t: Transitions;
}

export function scopeOf(n: SchemaNode): Scope {
  if (n.site.root === 'header') return 'header';
  if (n.site.root === 'parameter') return n.path.length === 0 ? 'parameter' : 'parameter-property';
  return n.path.length === 0 ? 'body' : 'property';
}

export const propName = (n: SchemaNode): string => n.path.join('/');

/**
 * Schema transitions oasdiff recognizes as one change although the raw schemas differ in
 * several keywords (checker/transition_claims.go). Each claims the kinds of findings it
 * explains at its node; only its own reporters survive there.
 */
export interface Transitions {
  /** `X` became `oneOf: [{type: null}, X]` (added) or the reverse (removed). */
  nullableWrap?: 'added' | 'removed';
  /** An object schema became a oneOf of object alternatives: the properties that moved. */
  oneOfWrap?: string[];
  /** A single type became a oneOf/anyOf of single-type schemas, or back. */
  listOfTypes?: { added: string[]; deleted: string[] };
  /** Only "null" was added to or removed from the type list, with no format change. */
  nullOnlyType: boolean;
}

const ALL_SCHEMA_KINDS: Kind[] = ['type', 'values', 'constraints', 'structure', 'existence', 'requiredness'];
const NULLABLE_REPORTER = /became-(not-)?nullable$/;
const WRAP_REPORTERS = new Set(['request-body-wrapped-in-one-of', 'response-body-wrapped-in-one-of', 'request-property-one-of-added', 'response-property-one-of-added']);

export function claimed(t: Transitions, id: string): boolean {
  const kind = kindOf(id);
  if (t.nullableWrap && ALL_SCHEMA_KINDS.includes(kind) && !NULLABLE_REPORTER.test(id)) return true;
  if (t.oneOfWrap && (kind === 'type' || kind === 'structure') && !WRAP_REPORTERS.has(id)) return true;
  if (t.listOfTypes && (kind === 'type' || kind === 'structure') && !id.includes('list-of-types')) return true;
  if (t.nullOnlyType && kind === 'type' && !NULLABLE_REPORTER.test(id)) return true;
  return false;
}

/** Reports a change found at a schema node, unless a transition there explains it. */
export function report(ctx: Ctx, n: SchemaNode, id: string, args: string[], at: At, fix?: string, details?: string): void {
  if (claimed(n.t, id)) return;
  emit(ctx, id, args, at, { op: n.site.op, fix, details });
}

export const atA = (n: SchemaNode, key?: string): At => ({ side: 'before', node: n.a, key: key !== undefined && key in n.a ? key : undefined });
export const atB = (n: SchemaNode, key?: string): At => ({ side: 'after', node: n.b, key: key !== undefined && key in n.b ? key : undefined });

// Types

/**
 * A schema's type list. When a schema has no `type` but an allOf part does, that part's type
 * counts: splitting a schema into allOf parts is a refactoring here (see flatten), not a
 * removal of its type.
 */
export function typesOf(doc: OpenApiDoc, s: Obj | undefined): string[] {
  if (!s) return [];
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.map(String);
  if (Array.isArray(s.allOf)) {
    for (const raw of s.allOf) {
      const part = doc.deref(raw);
      if (isObj(part) && part.type !== undefined) return typesOf(doc, part);
    }
  }
  return [];
}

export const formatOf = (s: Obj): string => (typeof s.format === 'string' ? s.format : '');

export interface StringsDiff {
  added: string[];
  deleted: string[];
}

export function stringsDiff(a: string[], b: string[]): StringsDiff | undefined {
  const added = b.filter((x, i) => !a.includes(x) && b.indexOf(x) === i);
  const deleted = a.filter((x, i) => !b.includes(x) && a.indexOf(x) === i);
  return added.length || deleted.length ? { added, deleted } : undefined;
}

export const acceptsNull = (doc: OpenApiDoc, s: Obj): boolean => s.nullable === true || typesOf(doc, s).includes('null');

// Transition detection (oasdiff diff/list_of_types_diff.go, nullable_wrapping_diff.go, one_of_wrapping_diff.go)

export function transitions(ctx: Ctx, a: Obj, b: Obj): Transitions {
  const typeDiff = stringsDiff(typesOf(ctx.before, a), typesOf(ctx.after, b));
  const onlyNull = (xs: string[]) => xs.every((x) => x === 'null');
  return {
    nullableWrap: nullableWrap(ctx, a, b),
    oneOfWrap: oneOfWrap(ctx, a, b),
    listOfTypes: listOfTypes(ctx, a, b),
    nullOnlyType: !!typeDiff && onlyNull(typeDiff.added) && onlyNull(typeDiff.deleted) && formatOf(a) === formatOf(b),
  };
}

/** A single type, or the types of a oneOf/anyOf whose members are all single-type schemas. */
function typePattern(doc: OpenApiDoc, s: Obj): { types: string[]; list: boolean } | undefined {
  if (s.not !== undefined || (Array.isArray(s.allOf) && s.allOf.length > 0) || (isObj(s.properties) && Object.keys(s.properties).length > 0)) return undefined;
  // oasdiff takes the first entry of a type list here, as a 3.0 single type.
  if (typeof s.type === 'string') return { types: [s.type], list: false };
  if (Array.isArray(s.type) && s.type.length > 0) return { types: [String(s.type[0])], list: false };
  for (const key of ['oneOf', 'anyOf']) {
    const members = s[key];
    if (!Array.isArray(members) || members.length === 0) continue;
    const types: string[] = [];
    for (const raw of members) {
      const m = doc.deref(raw);
      const single = isObj(m) && (typeof m.type === 'string' || (Array.isArray(m.type) && m.type.length === 1));
      const composite = isObj(m) && ['oneOf', 'anyOf', 'allOf'].some((k) => Array.isArray(m[k]) && (m[k] as unknown[]).length > 0);
      if (!single || composite || (isObj(m.properties) && Object.keys(m.properties).length > 0)) {
        types.length = 0;
        break;
      }
      types.push(String(Array.isArray(m.type) ? m.type[0] : m.type));
    }
    if (types.length > 0) return { types, list: true };
  }
  return undefined;
}

function listOfTypes(ctx: Ctx, a: Obj, b: Obj): Transitions['listOfTypes'] {
  const pa = typePattern(ctx.before, a);
  const pb = typePattern(ctx.after, b);
  if (!pa || !pb || (!pa.list && !pb.list)) return undefined;
  const d = stringsDiff(pa.types, pb.types);
  return d;
}

function nullableWrap(ctx: Ctx, a: Obj, b: Obj): Transitions['nullableWrap'] {
  if (isNullableWrap(ctx.before, a, ctx.after, b)) return 'added';
  if (isNullableWrap(ctx.after, b, ctx.before, a)) return 'removed';
  return undefined;
}

/** `wrapped` is exactly `oneOf: [{type: null}, plain']` with `plain'` validation-equivalent to `plain`. */
function isNullableWrap(plainDoc: OpenApiDoc, plain: Obj, wrappedDoc: OpenApiDoc, wrapped: Obj): boolean {
  if (['oneOf', 'anyOf', 'allOf'].some((k) => Array.isArray(plain[k]) && (plain[k] as unknown[]).length > 0) || plain.not !== undefined) return false;
  if (acceptsNull(plainDoc, plain)) return false;
  if (!Array.isArray(wrapped.oneOf) || wrapped.oneOf.length !== 2) return false;
  if (!Object.keys(wrapped).every((k) => k === 'oneOf' || annotationOnly(wrappedDoc, { [k]: wrapped[k] }))) return false;
  let payload: unknown;
  let nulls = 0;
  for (const raw of wrapped.oneOf) {
    const m = wrappedDoc.deref(raw);
    const bareNull = isObj(m) && (m.type === 'null' || (Array.isArray(m.type) && m.type.length === 1 && m.type[0] === 'null')) && Object.keys(m).every((k) => k === 'type' || annotationOnly(wrappedDoc, { [k]: m[k] }));
    if (bareNull) nulls++;
    else payload = raw;
  }
  return nulls === 1 && payload !== undefined && sameResolved(plainDoc, plain, wrappedDoc, payload, false);
}

function oneOfWrap(ctx: Ctx, a: Obj, b: Obj): string[] | undefined {
  if (Array.isArray(a.oneOf) && a.oneOf.length > 0) return undefined;
  const base = flatten(ctx.before, a).properties;
  if (base.size === 0) return undefined;
  if (!Array.isArray(b.oneOf) || b.oneOf.length === 0 || (isObj(b.properties) && Object.keys(b.properties).length > 0) || typesOf(ctx.after, b).length > 0) return undefined;
  const alternatives = b.oneOf.map((raw) => ctx.after.deref(raw)).filter(isObj).map((alt) => flatten(ctx.after, alt).properties);
  const moved = [...base.keys()].filter((name) => alternatives.some((props) => props.has(name))).sort();
  return moved.length > 0 ? moved : undefined;
}
