import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import type { Ctx } from './context';
import { sameResolved } from './equivalence';
import { atB, formatOf, propName, report, scopeOf, stringsDiff, typesOf, type SchemaNode, type StringsDiff } from './schema-node';

// Type and format changes, list-of-types and nullability, as oasdiff classifies them
// (checker/check_types.go, type_format.go, list_of_types_core.go, nullable_type_utils.go).

/** integer values are numbers: the one subtype relation oasdiff knows. */
const isSubtype = (sub: string, sup: string) => sub === sup || (sub === 'integer' && sup === 'number');

/** Whether the old type(s) `from` still fit the new `to`; on a loosely typed wire anything fits a string. */
function typeContained(to: string[], from: string[], stronglyTyped: boolean): boolean {
  if (to.length === 1 && from.length === 1 && isSubtype(from[0], to[0])) return true;
  if (!stronglyTyped) return to.length === 0 || (to.length === 1 && to[0] === 'string');
  return false;
}

/** Whether format `from` is contained in `to` for the given (single) type; dropping a format always is. */
function formatContained(types: string[], to: string, from: string): boolean {
  if (to === '') return true;
  if (types.length !== 1) return false;
  switch (types[0]) {
    case 'number':
      return to === 'double' && from === 'float';
    case 'integer':
      return (to === 'int64' && from === 'int32') || (to === 'bigint' && (from === 'int32' || from === 'int64'));
    case 'string':
      return to === 'date-time' && (from === 'date' || from === 'time');
  }
  return false;
}

interface FormatDiff {
  from: string;
  to: string;
}

function typeOrFormatBreaking(typeDiff: StringsDiff | undefined, formatDiff: FormatDiff | undefined, stronglyTyped: boolean, toTypes: string[]): boolean {
  const typeBreaking = !!typeDiff && !typeContained(typeDiff.added, typeDiff.deleted, stronglyTyped);
  const formatBreaking = !!formatDiff && !formatContained(toTypes, formatDiff.to, formatDiff.from);
  return typeBreaking || formatBreaking;
}

/** Removing the type constraint altogether (toward `toTypes` empty) is a generalization. */
function typeFormatBreaking(typeDiff: StringsDiff | undefined, formatDiff: FormatDiff | undefined, stronglyTyped: boolean, toTypes: string[]): boolean {
  if (typeDiff && toTypes.length === 0) return false;
  return typeOrFormatBreaking(typeDiff, formatDiff, stronglyTyped, toTypes);
}

const subset = (sub: string[], sup: string[]) => sub.length > 0 && sub.every((t) => sup.some((s) => isSubtype(t, s)));
const reverse = <T extends { added: string[]; deleted: string[] }>(d: T | undefined) => (d ? { added: d.deleted, deleted: d.added } : undefined);
const reverseFormat = (d: FormatDiff | undefined) => (d ? { from: d.to, to: d.from } : undefined);

interface TypeChange {
  ta: string[];
  tb: string[];
  typeDiff?: StringsDiff;
  formatDiff?: FormatDiff;
}

/** Requests are contravariant: a widened type set is fine, the new types must accept the old values. */
function requestBreaking(c: TypeChange, stronglyTyped: boolean): boolean {
  const typeDiff = c.typeDiff && subset(c.ta, c.tb) ? undefined : c.typeDiff;
  return typeFormatBreaking(typeDiff, c.formatDiff, stronglyTyped, c.tb);
}

/** Responses are covariant: the same test with old and new swapped. */
function responseBreaking(c: TypeChange, stronglyTyped: boolean): boolean {
  const typeDiff = c.typeDiff && subset(c.tb, c.ta) ? undefined : c.typeDiff;
  return typeFormatBreaking(reverse(typeDiff), reverseFormat(c.formatDiff), stronglyTyped, c.ta);
}

const concrete = (c: TypeChange) => c.ta.length > 0 && c.tb.length > 0;

function requestTypeId(c: TypeChange, stronglyTyped: boolean, prefix: string): string {
  if (requestBreaking(c, stronglyTyped)) return `${prefix}-type-changed`;
  // A concrete swap that is not a widening is only safe because the wire is loosely typed.
  if (c.typeDiff && concrete(c) && !subset(c.ta, c.tb)) return `${prefix}-type-compatible`;
  return `${prefix}-type-generalized`;
}

function responseTypeId(c: TypeChange, stronglyTyped: boolean, prefix: string): string {
  if (responseBreaking(c, stronglyTyped)) return c.typeDiff && subset(c.ta, c.tb) ? `${prefix}-type-generalized` : `${prefix}-type-changed`;
  if (c.typeDiff && concrete(c) && !subset(c.tb, c.ta)) return `${prefix}-type-compatible`;
  return `${prefix}-type-specialized`;
}

/** application/json and `+json` media types: a number and a string differ on the wire. */
const stronglyTypedMedia = (media: string | undefined) => media === 'application/json' || !!media?.endsWith('+json');

// Rendering, as oasdiff's type_format.go: "string", "string/date-time", "array<string>", "any".

function typeText(doc: OpenApiDoc, s: Obj): string {
  const parts = typesOf(doc, s).map((t) => {
    const items = doc.deref(s.items);
    return t === 'array' && isObj(items) ? `array<${typeFormatText(doc, items)}>` : t;
  });
  return parts.length ? parts.join(', ') : 'any';
}

function typeFormatText(doc: OpenApiDoc, s: Obj): string {
  const t = typeText(doc, s);
  const f = formatOf(s);
  if (!f) return t;
  return t === 'any' ? f : `${t}/${f}`;
}

function sideText(doc: OpenApiDoc, s: Obj, dimension: string): string {
  if (dimension === 'format') return formatOf(s) || 'none';
  if (dimension === 'type') return typeText(doc, s);
  return typeFormatText(doc, s);
}

export function checkType(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  const c: TypeChange = { ta: typesOf(ctx.before, n.a), tb: typesOf(ctx.after, n.b) };
  c.typeDiff = stringsDiff(c.ta, c.tb);
  if (formatOf(n.a) !== formatOf(n.b)) c.formatDiff = { from: formatOf(n.a), to: formatOf(n.b) };
  checkListOfTypes(ctx, n);
  if (!c.typeDiff && !c.formatDiff) return;
  if (scope === 'property' && n.site.dir === 'request' && n.b.readOnly === true) return;
  const dimension = c.typeDiff && c.formatDiff ? 'type/format' : c.typeDiff ? 'type' : 'format';
  const from = sideText(ctx.before, n.a, dimension);
  const to = sideText(ctx.after, n.b, dimension);
  const { site } = n;
  const at = atB(n, c.typeDiff ? 'type' : 'format');
  const fixFor = (what: string) => `Keep the ${dimension} of ${what} as ${from}, or add a new field or endpoint for the ${to} form.`;
  if (scope === 'parameter') {
    const p = site.param!;
    // A scalar parameter travels as text, so the check is the loosely typed one.
    let id = typeOrFormatBreaking(c.typeDiff, c.formatDiff, false, c.tb) ? 'request-parameter-type-changed' : 'request-parameter-type-generalized';
    if (id === 'request-parameter-type-changed' && scalarToFormExplodeArray(ctx, n, c)) id = 'request-parameter-type-generalized';
    report(ctx, n, id, [p.in, p.name, dimension, from, to], at, fixFor(`the ${p.in} parameter ${p.name}`));
  } else if (scope === 'parameter-property') {
    // How an object parameter is serialized is unknown: when the strict and loose verdicts
    // disagree, oasdiff can only warn.
    const strict = typeOrFormatBreaking(c.typeDiff, c.formatDiff, true, c.tb);
    const loose = typeOrFormatBreaking(c.typeDiff, c.formatDiff, false, c.tb);
    const id = strict !== loose ? 'request-parameter-property-type-changed' : strict ? 'request-parameter-property-type-specialized' : 'request-parameter-property-type-generalized';
    const p = site.param!;
    report(ctx, n, id, [p.in, p.name, dimension, propName(n), from, to], at, fixFor(`property ${propName(n)} of the ${p.in} parameter ${p.name}`));
  } else if (scope === 'header') {
    const id = responseTypeId(c, false, 'response-header');
    report(ctx, n, id, [site.header!, dimension, from, to, site.status!], at, fixFor(`the response header ${site.header!}`));
  } else if (site.dir === 'request') {
    const id = requestTypeId(c, stronglyTypedMedia(site.media), scope === 'body' ? 'request-body' : 'request-property');
    const args = scope === 'body' ? [dimension, from, to] : [propName(n), dimension, from, to];
    report(ctx, n, id, args, at, fixFor(scope === 'body' ? 'the request body' : `the request property ${propName(n)}`));
  } else {
    const id = responseTypeId(c, stronglyTypedMedia(site.media), scope === 'body' ? 'response-body' : 'response-property');
    const args = scope === 'body' ? [dimension, from, to, site.status!] : [propName(n), dimension, from, to, site.status!];
    report(ctx, n, id, args, at, fixFor(scope === 'body' ? 'the response body' : `the response property ${propName(n)}`));
  }
}

/**
 * A scalar query parameter widened to an array with form/explode serialization (the default
 * for query and cookie parameters) still accepts `?p=1`: a one-element array. oasdiff keeps
 * such a change at generalized when the items accept exactly the old values.
 */
function scalarToFormExplodeArray(ctx: Ctx, n: SchemaNode, c: TypeChange): boolean {
  const added = (c.typeDiff?.added ?? []).filter((t) => t !== 'null');
  const base = c.ta.filter((t) => t !== 'null');
  if (added.length !== 1 || added[0] !== 'array' || base.length === 0) return false;
  const p = n.site.param!;
  const param = n.site.paramNode;
  const style = typeof param?.style === 'string' ? param.style : p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple';
  const explode = typeof param?.explode === 'boolean' ? param.explode : style === 'form';
  if (style !== 'form' || !explode) return false;
  const items = ctx.after.deref(n.b.items);
  if (!isObj(items)) return false;
  if (!typeContained(typesOf(ctx.after, items).filter((t) => t !== 'null'), base, false)) return false;
  const strip = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'type' && k !== 'nullable'));
  return sameResolved(ctx.before, strip(n.a), ctx.after, strip(items), false);
}

/** oasdiff joins type names as "a", "a and b", "a, b and c". */
function joinTypes(types: string[]): string {
  if (types.length <= 1) return types.join('');
  return `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`;
}

function checkListOfTypes(ctx: Ctx, n: SchemaNode): void {
  const d = n.t.listOfTypes;
  if (!d) return;
  const scope = scopeOf(n);
  const { site } = n;
  const at = atB(n, 'oneOf' in n.b ? 'oneOf' : 'anyOf' in n.b ? 'anyOf' : 'type');
  if (scope === 'header') return;
  if (site.dir === 'request') {
    if (scope === 'property' && n.b.readOnly === true) return;
    // Requests accept values: removing a type breaks the clients that send it.
    const narrowed = d.deleted.length > 0;
    const types = joinTypes(narrowed ? d.deleted : d.added);
    const verb = narrowed ? 'narrowed' : 'widened';
    const fix = narrowed ? `Keep accepting ${types}.` : undefined;
    const p = site.param;
    if (scope === 'parameter') report(ctx, n, `request-parameter-list-of-types-${verb}`, [p!.in, p!.name, types], at, fix);
    else if (scope === 'parameter-property') report(ctx, n, `request-parameter-property-list-of-types-${verb}`, [propName(n), p!.in, p!.name, types], at, fix);
    else if (scope === 'body') report(ctx, n, `request-body-list-of-types-${verb}`, [types, site.media!], at, fix);
    else report(ctx, n, `request-property-list-of-types-${verb}`, [propName(n), types, site.media!], at, fix);
  } else {
    // Responses return values: a new type is one clients have never had to handle.
    const widened = d.added.length > 0;
    const types = joinTypes(widened ? d.added : d.deleted);
    const verb = widened ? 'widened' : 'narrowed';
    const fix = widened ? `Do not return ${types} from this field, or version the response.` : undefined;
    if (scope === 'body') report(ctx, n, `response-body-list-of-types-${verb}`, [types, site.media!, site.status!], at, fix);
    else report(ctx, n, `response-property-list-of-types-${verb}`, [propName(n), types, site.media!, site.status!], at, fix);
  }
}

/**
 * Nullability in any of its three forms: `nullable: true` (3.0), `"null"` in a type list
 * (3.1), and the `oneOf: [{type: null}, X]` wrapping. A type list that gains "null" on a
 * schema that had no type at all does not become nullable: it already accepted null.
 */
function nullability(ctx: Ctx, n: SchemaNode): 'nullable' | 'not-nullable' | undefined {
  const na = n.a.nullable === true;
  const nb = n.b.nullable === true;
  if (na !== nb) return nb ? 'nullable' : 'not-nullable';
  const ta = typesOf(ctx.before, n.a);
  const tb = typesOf(ctx.after, n.b);
  const d = stringsDiff(ta, tb);
  if (d?.deleted.includes('null') && tb.length > 0) return 'not-nullable';
  if (d?.added.includes('null') && ta.length > 0) return 'nullable';
  if (n.t.nullableWrap === 'added') return 'nullable';
  if (n.t.nullableWrap === 'removed') return 'not-nullable';
  return undefined;
}

export function checkNullable(ctx: Ctx, n: SchemaNode): void {
  const change = nullability(ctx, n);
  if (!change) return;
  const scope = scopeOf(n);
  const { site } = n;
  const at = atB(n, 'nullable' in n.b ? 'nullable' : 'type' in n.b ? 'type' : 'oneOf');
  const became = change === 'nullable' ? 'became-nullable' : 'became-not-nullable';
  const fix =
    site.dir === 'request'
      ? `Keep accepting null for ${scope === 'body' ? 'the request body' : propName(n) || site.param?.name}.`
      : `Keep the value non-null; clients written against the old contract do not expect null.`;
  const p = site.param;
  if (scope === 'parameter') report(ctx, n, `request-parameter-${became}`, [p!.in, p!.name], at, fix);
  else if (scope === 'parameter-property') report(ctx, n, `request-parameter-property-${became}`, [propName(n), p!.in, p!.name], at, fix);
  else if (scope === 'header') report(ctx, n, `response-header-${became}`, [site.header!, site.status!], at, fix);
  else if (scope === 'body') report(ctx, n, `${site.dir}-body-${became}`, [], at, fix);
  else if (site.dir === 'request') report(ctx, n, `request-property-${became}`, [propName(n)], at, fix);
  else report(ctx, n, `response-property-${became}`, [propName(n), site.status!], at, fix);
}
