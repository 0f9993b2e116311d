import type { Obj } from '../shared/openapi';
import { emit, type Ctx } from './context';
import type { Endpoint } from './endpoint-model';
import { propName, report, type SchemaNode } from './schema-node';

// x-stability-level: draft < alpha < beta < stable (oasdiff check_api_stability_level.go,
// check_property_stability_level.go). No level reads as stable.

const LEVELS = ['draft', 'alpha', 'beta', 'stable'];

export interface Stability {
  /** The level as written, '' when absent. */
  level: string;
  error?: string;
}

export function stabilityOf(node: Obj): Stability {
  const v = node['x-stability-level'];
  if (v === undefined || v === null) return { level: '' };
  if (typeof v !== 'string') return { level: '', error: "x-stability-level isn't a string nor valid json" };
  if (!LEVELS.includes(v)) return { level: '', error: `value is not one of draft, alpha, beta or stable: ${JSON.stringify(v)}` };
  return { level: v };
}

const rank = (label: string) => (LEVELS.includes(label) ? LEVELS.indexOf(label) : LEVELS.length - 1);
const label = (level: string) => level || 'stable';

/**
 * oasdiff's default stability threshold is beta: changes to draft and alpha endpoints are not
 * checked, and removing them is allowed.
 */
export const checked = (level: string) => rank(label(level)) >= rank('beta');

/** Stability of an operation present on both sides (oasdiff only looks at operations that changed). */
export function endpointStability(ctx: Ctx, o: Endpoint, n: Endpoint, modified: () => boolean): void {
  const sa = stabilityOf(o.op);
  const sb = stabilityOf(n.op);
  if ((sa.error || sb.error) && modified()) {
    if (sa.error) invalidStability(ctx, 'before', o.op, n.label, sa.error);
    if (sb.error) invalidStability(ctx, 'after', n.op, n.label, sb.error);
  }
  if (sa.error || sb.error) return;
  const from = label(sa.level);
  const to = label(sb.level);
  if (rank(from) === rank(to) || !checked(from)) return;
  const decreased = rank(to) < rank(from);
  emit(ctx, decreased ? 'api-stability-decreased' : 'api-stability-increased', [from, to], { side: 'after', node: n.op, key: 'x-stability-level' }, {
    op: n.label,
    fix: `Keep the endpoint at ${from}; clients adopted it under that promise. Publish the less stable variant as a new endpoint.`,
  });
}

export function invalidStability(ctx: Ctx, side: 'before' | 'after', node: Obj, op: string, error: string): void {
  emit(ctx, 'api-invalid-stability-level', [error], { side, node, key: 'x-stability-level' }, { op, fix: 'Set x-stability-level to draft, alpha, beta or stable.' });
}

/** A property's own level, reported when its extensions changed. */
export function propertyStability(ctx: Ctx, n: SchemaNode): void {
  const xa = Object.entries(n.a).filter(([k]) => k.startsWith('x-'));
  const xb = Object.entries(n.b).filter(([k]) => k.startsWith('x-'));
  if (JSON.stringify(xa) === JSON.stringify(xb)) return;
  const sa = stabilityOf(n.a);
  if (sa.error) return invalidStability(ctx, 'before', n.a, n.site.op, sa.error);
  const sb = stabilityOf(n.b);
  if (sb.error) return invalidStability(ctx, 'after', n.b, n.site.op, sb.error);
  const from = label(sa.level);
  const to = label(sb.level);
  if (rank(from) === rank(to) || !checked(from)) return;
  const decreased = rank(to) < rank(from);
  report(ctx, n, `${n.site.dir}-property-stability-${decreased ? 'decreased' : 'increased'}`, [propName(n), from, to], { side: 'after', node: n.b, key: 'x-stability-level' }, `Keep ${propName(n)} at ${from}.`);
}
