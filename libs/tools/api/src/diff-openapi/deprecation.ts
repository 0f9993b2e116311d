import type { Obj } from '../shared/openapi';
import { emit, sameValue, type Ctx, type Side } from './context';
import type { Endpoint } from './endpoint-model';
import { propName, report, type SchemaNode } from './schema-node';
import { stabilityOf, type Stability } from './stability';

// Deprecation, x-sunset and removals (oasdiff check_api_deprecation.go, check_api_removed.go,
// check_api_sunset_changed.go, check_request_parameter_deprecation.go, *_removed.go,
// *_sunset_changed.go, check_*_property_deprecation.go). "Today" is DiffOptions.today.

type Sunset = { date: string } | { error: string };

const validDay = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** A civil date (`2026-01-31`) or an RFC 3339 timestamp, whose own calendar date counts. */
export function parseSunset(v: unknown): Sunset {
  if (typeof v !== 'string') return { error: "sunset value isn't a string nor valid json" };
  const m = /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/.exec(v);
  if (m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return { date: `${m[1]}-${m[2]}-${m[3]}` };
  return { error: `sunset date doesn't conform with RFC3339: ${v}` };
}

const epochDay = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
/** Days from today until the date (negative once it has passed). */
const daysUntil = (ctx: Ctx, date: string) => epochDay(date) - epochDay(ctx.options.today);

/** oasdiff's deprecation days: none for draft and alpha, the beta or stable option otherwise. */
function deprecationDays(ctx: Ctx, s: Stability): number {
  if (s.level === 'draft' || s.level === 'alpha') return 0;
  return s.level === 'beta' ? ctx.options.deprecationDaysBeta : ctx.options.deprecationDaysStable;
}

const stabilityDetails = (op: Obj) => {
  const s = stabilityOf(op);
  return s.error || !s.level ? undefined : `(stability: ${s.level})`;
};
const sunsetDetails = (date: string, op: Obj) => {
  const s = stabilityOf(op);
  return `(sunset: ${date}${s.error || !s.level ? '' : `, stability: ${s.level}`})`;
};

const SUNSET = 'x-sunset';
const hasSunset = (node: Obj) => Object.prototype.hasOwnProperty.call(node, SUNSET);

const TOO_SMALL_FIX = (days: number) => `Set x-sunset at least ${days} days after today.`;

/** An operation that became deprecated or reactivated, and its sunset. */
export function endpointDeprecation(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  sunsetChanged(ctx, o.op, n.op, n.op, n.label, undefined);
  deprecationChanged(ctx, o, n);
}

function deprecationChanged(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  if (o.deprecated !== n.deprecated) {
    const at = { side: 'after' as Side, node: n.op, key: 'deprecated' };
    if (!n.deprecated) return emit(ctx, 'endpoint-reactivated', [], { side: 'after', node: n.op }, { op, details: stabilityDetails(n.op) });
    const stability = stabilityOf(n.op);
    if (stability.error) return;
    const days = deprecationDays(ctx, stability);
    if (!hasSunset(n.op)) {
      if (days > 0) emit(ctx, 'api-deprecated-sunset-missing', [], at, { op, fix: `Add x-sunset with a date at least ${days} days ahead.` });
      else emit(ctx, 'endpoint-deprecated', [], at, { op, details: stabilityDetails(n.op) });
      return;
    }
    const sunset = parseSunset(n.op[SUNSET]);
    const sunsetAt = { side: 'after' as Side, node: n.op, key: SUNSET };
    if ('error' in sunset) return emit(ctx, 'api-deprecated-sunset-parse', [sunset.error], sunsetAt, { op, fix: 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.' });
    if (daysUntil(ctx, sunset.date) < days) return emit(ctx, 'api-sunset-date-too-small', [sunset.date, String(days)], sunsetAt, { op, fix: TOO_SMALL_FIX(days) });
    emit(ctx, 'endpoint-deprecated-with-sunset', [sunset.date], sunsetAt, { op, details: stabilityDetails(n.op) });
  }
}

/**
 * A still-deprecated operation or parameter whose x-sunset was deleted, or moved earlier than
 * before and closer than the deprecation days allow.
 */
function sunsetChanged(ctx: Ctx, a: Obj, b: Obj, opNode: Obj, op: string, param: { in: string; name: string } | undefined): void {
  if (b.deprecated !== true) return;
  const ids = param
    ? { deleted: 'request-parameter-sunset-deleted', parse: 'request-parameter-sunset-parse', tooSmall: 'request-parameter-sunset-date-changed-too-small' }
    : { deleted: 'sunset-deleted', parse: 'api-path-sunset-parse', tooSmall: 'api-sunset-date-changed-too-small' };
  const who = param ? [param.in, param.name] : [];
  if (hasSunset(a) && !hasSunset(b)) {
    emit(ctx, ids.deleted, who, { side: 'after', node: b, key: 'deprecated' }, { op, fix: 'Keep x-sunset while the deprecation stands, or reactivate.' });
    return;
  }
  if (!hasSunset(a) || !hasSunset(b) || sameValue(a[SUNSET], b[SUNSET])) return;
  const at = { side: 'after' as Side, node: b, key: SUNSET };
  const parseFix = 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.';
  const now = parseSunset(b[SUNSET]);
  if ('error' in now) return emit(ctx, ids.parse, [...who, now.error], at, { op, fix: parseFix });
  const before = parseSunset(a[SUNSET]);
  if ('error' in before) return emit(ctx, ids.parse, [...who, before.error], { side: 'before', node: a, key: SUNSET }, { op, fix: parseFix });
  const stability = stabilityOf(opNode);
  if (stability.error) return;
  const days = deprecationDays(ctx, stability);
  if (epochDay(before.date) > epochDay(now.date) && daysUntil(ctx, now.date) < days) {
    emit(ctx, ids.tooSmall, [...who, before.date, now.date, before.date, String(days)], at, { op, fix: `Keep x-sunset at ${before.date} or later.` });
  }
}

/**
 * A removed operation (isPath: its whole path went too). Nothing is reported once a deprecated
 * operation's sunset date has passed: that removal was announced.
 */
export function endpointRemoval(ctx: Ctx, e: Endpoint, isPath: boolean): void {
  const op = e.label;
  const at = { side: 'before' as Side, node: e.op };
  const fix = 'Restore the operation and mark it deprecated: true first; remove it only after clients have migrated.';
  if (!e.deprecated) return emit(ctx, isPath ? 'api-path-removed-without-deprecation' : 'api-removed-without-deprecation', [], at, { op, fix });
  if (!hasSunset(e.op)) return emit(ctx, isPath ? 'api-path-removed-with-deprecation' : 'api-removed-with-deprecation', [], at, { op });
  const sunset = parseSunset(e.op[SUNSET]);
  // oasdiff words a bad sunset on a removed operation with the path id in both cases.
  if ('error' in sunset) return emit(ctx, 'api-path-sunset-parse', [sunset.error], { side: 'before', node: e.op, key: SUNSET }, { op, fix: 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.' });
  if (daysUntil(ctx, sunset.date) > 0) {
    emit(ctx, isPath ? 'api-path-removed-before-sunset' : 'api-removed-before-sunset', [sunset.date], at, { op, fix: `Keep the operation until its sunset date ${sunset.date}.` });
  }
}

/** A parameter that became deprecated or reactivated, and its sunset. */
export function parameterDeprecation(ctx: Ctx, opNode: Obj, op: string, pa: Obj, pb: Obj): void {
  const who = [String(pb.in), String(pb.name)];
  sunsetChanged(ctx, pa, pb, opNode, op, { in: who[0], name: who[1] });
  if ((pa.deprecated === true) === (pb.deprecated === true)) return;
  const at = { side: 'after' as Side, node: pb, key: 'deprecated' };
  if (pb.deprecated !== true) return emit(ctx, 'request-parameter-reactivated', who, at, { op, details: stabilityDetails(opNode) });
  const stability = stabilityOf(opNode);
  if (stability.error) return;
  const days = deprecationDays(ctx, stability);
  if (!hasSunset(pb)) {
    if (days > 0) emit(ctx, 'request-parameter-deprecated-sunset-missing', who, at, { op, fix: `Add x-sunset with a date at least ${days} days ahead.` });
    else emit(ctx, 'request-parameter-deprecated', who, at, { op, details: stabilityDetails(opNode) });
    return;
  }
  const sunset = parseSunset(pb[SUNSET]);
  const sunsetAt = { side: 'after' as Side, node: pb, key: SUNSET };
  if ('error' in sunset) return emit(ctx, 'request-parameter-sunset-parse', [...who, sunset.error], sunsetAt, { op, fix: 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.' });
  if (daysUntil(ctx, sunset.date) < days) return emit(ctx, 'request-parameter-sunset-date-too-small', [...who, sunset.date, String(days)], sunsetAt, { op, fix: TOO_SMALL_FIX(days) });
  emit(ctx, 'request-parameter-deprecated', who, sunsetAt, { op, details: sunsetDetails(sunset.date, opNode) });
}

/** A removed (non-path) parameter: without deprecation, with it, or before its sunset. */
export function parameterRemoval(ctx: Ctx, op: string, p: Obj): void {
  const who = [String(p.in), String(p.name)];
  const at = { side: 'before' as Side, node: p };
  if (p.deprecated !== true) return emit(ctx, 'request-parameter-removed', who, at, { op, fix: `Keep accepting ${String(p.name)} (deprecated) until clients stop sending it.` });
  if (!hasSunset(p)) return emit(ctx, 'request-parameter-removed-with-deprecation', who, at, { op });
  const sunset = parseSunset(p[SUNSET]);
  if ('error' in sunset) return emit(ctx, 'request-parameter-sunset-parse', [...who, sunset.error], { side: 'before', node: p, key: SUNSET }, { op, fix: 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.' });
  if (daysUntil(ctx, sunset.date) > 0) emit(ctx, 'request-parameter-removed-before-sunset', [...who, sunset.date], at, { op, fix: `Keep accepting ${String(p.name)} until ${sunset.date}.` });
}

/** A request or response property (or items, or subschema) that became deprecated or reactivated. */
export function propertyDeprecation(ctx: Ctx, n: SchemaNode): void {
  if ((n.a.deprecated === true) === (n.b.deprecated === true)) return;
  const stability = stabilityOf(n.site.opNode);
  if (stability.error) return;
  const word = `${n.site.dir}-property`;
  const name = propName(n);
  const at = { side: 'after' as Side, node: n.b, key: 'deprecated' };
  if (n.b.deprecated !== true) return report(ctx, n, `${word}-reactivated`, [name], at);
  const days = deprecationDays(ctx, stability);
  if (!hasSunset(n.b)) {
    if (days > 0) report(ctx, n, `${word}-deprecated-sunset-missing`, [name], at, `Add x-sunset to ${name} with a date at least ${days} days ahead.`);
    else report(ctx, n, `${word}-deprecated`, [name], at, undefined, stabilityDetails(n.site.opNode));
    return;
  }
  const sunset = parseSunset(n.b[SUNSET]);
  const sunsetAt = { side: 'after' as Side, node: n.b, key: SUNSET };
  if ('error' in sunset) return report(ctx, n, `${word}-deprecated-sunset-invalid`, [name, sunset.error], sunsetAt, 'Write x-sunset as a date (YYYY-MM-DD) or an RFC 3339 timestamp.');
  if (daysUntil(ctx, sunset.date) < days) return report(ctx, n, `${word}-sunset-date-too-small`, [name, sunset.date, String(days)], sunsetAt, TOO_SMALL_FIX(days));
  report(ctx, n, `${word}-deprecated-with-sunset`, [name, sunset.date], sunsetAt, undefined, stabilityDetails(n.site.opNode));
}
