import { f2, int, sameValue, type Ctx } from './context';
import { atA, atB, propName, report, scopeOf, type SchemaNode } from './schema-node';

// Numeric bounds, lengths, item counts and patterns (oasdiff check_*_min_*, *_max_*,
// *_pattern_* files). Requests must keep accepting what they accepted; responses must keep
// returning what clients were promised. Read-only request properties and write-only response
// properties are not sent in that direction, so some ids skip them or use a read-only variant.

type Value = number | boolean | undefined;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
/** exclusiveMinimum/Maximum: a number in 3.1, a boolean flag in 3.0; oasdiff compares whichever is written. */
const bound = (v: unknown): Value => (typeof v === 'number' || typeof v === 'boolean' ? v : undefined);
/** kin-openapi reads an absent minLength/minItems as 0, so adding one is an increase from 0, never a "set". */
const zeroed = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Increased/decreased compare numbers only: a 3.0 boolean bound that flips counts as neither. */
const increased = (from: Value, to: Value) => typeof from === 'number' && typeof to === 'number' && from < to;
const decreased = (from: Value, to: Value) => typeof from === 'number' && typeof to === 'number' && from > to;

interface Change {
  from: Value;
  to: Value;
  key: string;
}

function change(n: SchemaNode, key: string, read: (v: unknown) => Value): Change | undefined {
  const from = read(n.a[key]);
  const to = read(n.b[key]);
  return sameValue(from, to) ? undefined : { from, to, key };
}

export function checkConstraints(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  if (scope === 'header' || scope === 'parameter-property') return;
  if (n.site.dir === 'request') {
    requestBound(ctx, n, change(n, 'maximum', num), 'max', f2);
    requestBound(ctx, n, change(n, 'exclusiveMaximum', bound), 'exclusive-max', f2);
    requestBound(ctx, n, change(n, 'minimum', num), 'min', f2);
    requestBound(ctx, n, change(n, 'exclusiveMinimum', bound), 'exclusive-min', f2);
    maxLength(ctx, n, change(n, 'maxLength', num));
    minLength(ctx, n, change(n, 'minLength', zeroed));
    items(ctx, n, change(n, 'minItems', zeroed), change(n, 'maxItems', num));
  } else {
    responseBounds(ctx, n);
  }
  pattern(ctx, n);
}

/** The leading arguments oasdiff's messages take at each position. */
function lead(n: SchemaNode): string[] {
  const scope = scopeOf(n);
  if (scope === 'parameter') return [n.site.param!.in, n.site.param!.name];
  if (scope === 'property') return [propName(n)];
  return [];
}

function subject(n: SchemaNode): string {
  const scope = scopeOf(n);
  if (scope === 'parameter') return `the ${n.site.param!.in} parameter ${n.site.param!.name}`;
  if (scope === 'property') return `the property ${propName(n)}`;
  return 'the body';
}

const readOnlyProp = (n: SchemaNode) => scopeOf(n) === 'property' && n.b.readOnly === true;

/**
 * A numeric bound on a request: tightening it (lowering a maximum, raising a minimum) rejects
 * values clients send today; loosening it is informational.
 */
function requestBound(ctx: Ctx, n: SchemaNode, c: Change | undefined, name: 'max' | 'exclusive-max' | 'min' | 'exclusive-min', fmt: (v: unknown) => string): void {
  if (!c || c.to === undefined) return;
  const upper = name === 'max' || name === 'exclusive-max';
  const [tighter, looser] = upper ? ['decreased', 'increased'] : ['increased', 'decreased'];
  const scope = scopeOf(n);
  const word = scope === 'parameter' ? 'request-parameter' : scope === 'body' ? 'request-body' : 'request-property';
  const at = atB(n, c.key);
  if (c.from === undefined) {
    if (readOnlyProp(n)) return;
    report(ctx, n, `${word}-${name}-set`, [...lead(n), fmt(c.to)], at, `Confirm that no client sends values ${upper ? 'above' : 'below'} ${fmt(c.to)} to ${subject(n)} before adding the limit.`);
    return;
  }
  if (upper ? decreased(c.from, c.to) : increased(c.from, c.to)) {
    const id = scope === 'property' && n.b.readOnly === true ? `request-read-only-property-${name}-${tighter}` : `${word}-${name}-${tighter}`;
    const args = scope === 'parameter' ? [...lead(n), fmt(c.from), fmt(c.to)] : [...lead(n), fmt(c.to)];
    report(ctx, n, id, args, at, `Keep ${c.key} of ${subject(n)} at ${fmt(c.from)}; values ${upper ? 'up' : 'down'} to it are valid requests today.`);
  } else {
    report(ctx, n, `${word}-${name}-${looser}`, [...lead(n), fmt(c.from), fmt(c.to)], at);
  }
}

function maxLength(ctx: Ctx, n: SchemaNode, c: Change | undefined): void {
  if (!c || c.to === undefined) return;
  const scope = scopeOf(n);
  const word = scope === 'parameter' ? 'request-parameter' : scope === 'body' ? 'request-body' : 'request-property';
  const at = atB(n, 'maxLength');
  if (c.from === undefined) {
    if (readOnlyProp(n)) return;
    report(ctx, n, `${word}-max-length-set`, [...lead(n), int(c.to)], at, `Confirm that no client sends values longer than ${int(c.to)} to ${subject(n)} before adding the limit.`);
    return;
  }
  if (decreased(c.from, c.to)) {
    const id = readOnlyProp(n) ? 'request-read-only-property-max-length-decreased' : `${word}-max-length-decreased`;
    const args = scope === 'parameter' ? [...lead(n), int(c.from), int(c.to)] : [...lead(n), int(c.to)];
    report(ctx, n, id, args, at, `Keep maxLength at ${int(c.from)} or more; longer values already sent would now be rejected.`);
  } else {
    report(ctx, n, `${word}-max-length-increased`, [...lead(n), int(c.from), int(c.to)], at);
  }
}

function minLength(ctx: Ctx, n: SchemaNode, c: Change | undefined): void {
  if (!c) return;
  const scope = scopeOf(n);
  const word = scope === 'parameter' ? 'request-parameter' : scope === 'body' ? 'request-body' : 'request-property';
  const id = increased(c.from, c.to) ? `${word}-min-length-increased` : `${word}-min-length-decreased`;
  report(ctx, n, id, [...lead(n), int(c.from), int(c.to)], atB(n, 'minLength'), `Keep minLength at ${int(c.from)}; shorter values already sent would now be rejected.`);
}

/** minItems everywhere; maxItems only has parameter ids in oasdiff. */
function items(ctx: Ctx, n: SchemaNode, min: Change | undefined, max: Change | undefined): void {
  const scope = scopeOf(n);
  if (min) {
    const at = atB(n, 'minItems');
    const fix = `Keep minItems at ${int(min.from)}; shorter arrays already sent would now be rejected.`;
    if (scope === 'parameter') {
      report(ctx, n, increased(min.from, min.to) ? 'request-parameter-min-items-increased' : 'request-parameter-min-items-decreased', [...lead(n), int(min.from), int(min.to)], at, fix);
    } else if (increased(min.from, min.to) && !readOnlyProp(n)) {
      report(ctx, n, scope === 'body' ? 'request-body-min-items-increased' : 'request-property-min-items-increased', [...lead(n), int(min.to)], at, fix);
    }
  }
  if (max && scope === 'parameter' && max.from !== undefined && max.to !== undefined) {
    const id = increased(max.from, max.to) ? 'request-parameter-max-items-increased' : 'request-parameter-max-items-decreased';
    report(ctx, n, id, [...lead(n), int(max.from), int(max.to)], atB(n, 'maxItems'), `Keep maxItems at ${int(max.from)}; longer arrays already sent would now be rejected.`);
  }
}

/** Responses: only widening what clients receive is reported (a larger max, a smaller min, a dropped maxLength). */
function responseBounds(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  if (scope === 'property' && n.b.writeOnly === true) return;
  const word = scope === 'body' ? 'response-body' : 'response-property';
  const tail = (args: string[]) => (scope === 'body' ? args : [propName(n), ...args, n.site.status!]);
  const fix = (what: string) => `Keep ${what} in the response; clients may size buffers or validate against it.`;
  for (const [key, name, read, fmt, widened] of [
    ['maximum', 'max', num, f2, increased],
    ['exclusiveMaximum', 'exclusive-max', bound, f2, increased],
    ['minimum', 'min', num, f2, decreased],
    ['exclusiveMinimum', 'exclusive-min', bound, f2, decreased],
    ['maxLength', 'max-length', num, int, increased],
    ['minLength', 'min-length', zeroed, int, decreased],
    ['minItems', 'min-items', zeroed, int, decreased],
  ] as const) {
    const c = change(n, key, read);
    if (!c) continue;
    if (c.from !== undefined && c.to !== undefined && widened(c.from, c.to)) {
      const verb = widened === increased ? 'increased' : 'decreased';
      report(ctx, n, `${word}-${name}-${verb}`, tail([fmt(c.from), fmt(c.to)]), atB(n, key), fix(`${key} ${fmt(c.from)}`));
    } else if (key === 'maxLength' && c.from !== undefined && c.to === undefined) {
      report(ctx, n, `${word}-max-length-unset`, tail([fmt(c.from)]), atA(n, key), fix(`maxLength ${fmt(c.from)}`));
    }
  }
}

/**
 * Patterns (an absent pattern reads as ""). oasdiff cannot compare two regular expressions, so a
 * changed pattern is a warning, except a new pattern of exactly `.*`, which accepts anything:
 * that is the only case it (and this tool) calls generalized.
 */
function pattern(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  if (scope === 'body') return;
  const from = typeof n.a.pattern === 'string' ? n.a.pattern : '';
  const to = typeof n.b.pattern === 'string' ? n.b.pattern : '';
  if (from === to) return;
  const at = to === '' ? atA(n, 'pattern') : atB(n, 'pattern');
  const fix = `Make sure every value clients send to ${subject(n)} today matches ${to}, or keep the previous pattern.`;
  if (scope === 'parameter') {
    const [where, name] = lead(n);
    if (from === '') report(ctx, n, 'request-parameter-pattern-added', [to, where, name], at, fix);
    else if (to === '') report(ctx, n, 'request-parameter-pattern-removed', [from, where, name], at);
    else report(ctx, n, to === '.*' ? 'request-parameter-pattern-generalized' : 'request-parameter-pattern-changed', [where, name, from, to], at, fix);
  } else if (n.site.dir === 'request') {
    if (to === '') report(ctx, n, 'request-property-pattern-removed', [from, propName(n)], at);
    else if (from === '') report(ctx, n, 'request-property-pattern-added', [to, propName(n)], at, fix);
    else report(ctx, n, to === '.*' ? 'request-property-pattern-generalized' : 'request-property-pattern-changed', [propName(n), from, to], at, fix);
  } else {
    const status = n.site.status!;
    if (to === '') report(ctx, n, 'response-property-pattern-removed', [propName(n), from, status], at);
    else if (from === '') report(ctx, n, 'response-property-pattern-added', [propName(n), to, status], at);
    else report(ctx, n, 'response-property-pattern-changed', [propName(n), from, to, status], at);
  }
}
