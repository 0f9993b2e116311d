import type { Finding } from '@mcp/core-response';
import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { compareComponents, webhooks } from './components';
import { emit, newCtx, type Ctx, type DiffOptions } from './context';
import { endpointDeprecation, endpointRemoval, parameterDeprecation, parameterRemoval } from './deprecation';
import { readEndpoints, type Endpoint } from './endpoint-model';
import { sameResolved } from './equivalence';
import { compareHeaders } from './headers';
import { compareSchemaTree } from './schema-diff';
import { compareGlobalSecurity, compareOperationSecurity, compareSecuritySchemes } from './security';
import { checked, endpointStability, invalidStability, stabilityOf } from './stability';
import { checkVersioning } from './versioning';

export { DIFF_RULES, OASDIFF_LEVELS, type Level } from './levels';
export type { DiffOptions } from './context';

/** Today's date in UTC (`YYYY-MM-DD`), the default for DiffOptions.today. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const list = (values: unknown): unknown[] => (Array.isArray(values) ? values : []);
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Compares two OpenAPI documents the way oasdiff's checker does and returns one finding per
 * change. Options default to oasdiff's (deprecation days 0) and today's UTC date.
 */
export function diffOpenApi(before: OpenApiDoc, after: OpenApiDoc, options: Partial<DiffOptions> = {}): Finding[] {
  const ctx = newCtx(before, after, {
    today: options.today ?? todayUtc(),
    deprecationDaysBeta: options.deprecationDaysBeta ?? 0,
    deprecationDaysStable: options.deprecationDaysStable ?? 0,
  });
  const hooks = new Set(Object.keys(webhooks(before)).filter((name) => name in webhooks(after)));
  const old = readEndpoints(before, hooks);
  const neu = readEndpoints(after, hooks);
  const pathOf = (key: string) => key.slice(key.indexOf(' ') + 1);
  const newPaths = new Set([...neu.keys()].map(pathOf));

  for (const [key, e] of old) {
    if (neu.has(key)) continue;
    const stability = stabilityOf(e.op);
    if (stability.error) invalidStability(ctx, 'before', e.op, e.label, stability.error);
    // Draft and alpha operations may go away without notice (oasdiff's default threshold is beta).
    else if (checked(stability.level)) endpointRemoval(ctx, e, !newPaths.has(pathOf(key)));
  }
  for (const [key, e] of neu) {
    const o = old.get(key);
    if (o) compareEndpoint(ctx, o, e);
    else emit(ctx, 'endpoint-added', [], { side: 'after', node: e.op }, { op: e.label });
  }
  compareGlobalSecurity(ctx);
  compareSecuritySchemes(ctx);
  compareComponents(ctx);
  checkVersioning(ctx);
  return ctx.findings;
}

function compareEndpoint(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  endpointStability(ctx, o, n, () => !sameResolved(ctx.before, o.op, ctx.after, n.op));
  // oasdiff does not check the other changes of an endpoint that is now draft or alpha.
  const stability = stabilityOf(n.op);
  if (!stability.error && !checked(stability.level)) return;
  endpointDeprecation(ctx, o, n);

  if (o.op.operationId !== undefined && o.op.operationId !== n.op.operationId)
    emit(ctx, 'api-operation-id-removed', [show(o.op.operationId), show(n.op.operationId ?? '')], { side: 'after', node: n.op, key: n.op.operationId !== undefined ? 'operationId' : undefined }, { op });
  if (o.op.operationId === undefined && n.op.operationId !== undefined) emit(ctx, 'api-operation-id-added', [show(n.op.operationId)], { side: 'after', node: n.op, key: 'operationId' }, { op });
  const oldTags = new Set(list(o.op.tags).map(String));
  const newTags = new Set(list(n.op.tags).map(String));
  for (const t of oldTags) if (!newTags.has(t)) emit(ctx, 'api-tag-removed', [t], { side: 'after', node: n.op }, { op });
  for (const t of newTags) if (!oldTags.has(t)) emit(ctx, 'api-tag-added', [t], { side: 'after', node: n.op, key: 'tags' }, { op });

  compareOperationSecurity(ctx, o, n);
  compareParameters(ctx, o, n);
  compareBody(ctx, o, n);
  compareResponses(ctx, o, n);
}

function compareParameters(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  // Path parameters follow the path template: compare them by position, not name.
  const pathParams = (e: Endpoint) => [...e.parameters.entries()].filter(([k]) => k.startsWith('path ')).map(([, p]) => p);
  const oldPath = pathParams(o);
  const newPath = pathParams(n);
  for (const [k, p] of n.parameters) {
    if (o.parameters.has(k) || p.in === 'path') continue;
    if (p.required === true) emit(ctx, 'new-required-request-parameter', [String(p.in), String(p.name)], { side: 'after', node: p }, { op, fix: `Make ${String(p.name)} optional (with a server-side default) so existing clients keep working.` });
    else emit(ctx, 'new-optional-request-parameter', [String(p.in), String(p.name)], { side: 'after', node: p }, { op });
  }
  for (let i = oldPath.length; i < newPath.length; i++)
    emit(ctx, 'new-request-path-parameter', [String(newPath[i].name)], { side: 'after', node: newPath[i] }, { op, fix: 'Add a new endpoint instead of changing the path of an existing one.' });
  for (const [k, p] of o.parameters) {
    if (p.in === 'path') continue;
    const q = n.parameters.get(k);
    if (q) compareParameter(ctx, n, p, q);
    else parameterRemoval(ctx, op, p);
  }
  oldPath.forEach((p, i) => {
    if (newPath[i]) compareParameter(ctx, n, p, newPath[i]);
  });
}

/** A 3.x parameter's schema; a Swagger 2.0 non-body parameter carries type and enum itself. */
function paramSchema(doc: OpenApiDoc, p: Obj): Obj {
  const s = doc.deref(p.schema);
  return isObj(s) ? s : p;
}

function compareParameter(ctx: Ctx, n: Endpoint, p: Obj, q: Obj): void {
  const op = n.label;
  const where = [String(q.in), String(q.name)];
  if (p.required !== true && q.required === true) emit(ctx, 'request-parameter-became-required', where, { side: 'after', node: q, key: 'required' }, { op, fix: `Keep ${String(q.name)} optional or give it a default.` });
  if (p.required === true && q.required !== true) emit(ctx, 'request-parameter-became-optional', where, { side: 'after', node: q, key: 'required' }, { op });
  parameterDeprecation(ctx, n.op, op, p, q);
  const site = { dir: 'request', root: 'parameter', op, opNode: n.op, param: { in: where[0], name: where[1] }, paramNode: q, paramBefore: p } as const;
  compareSchemaTree(ctx, site, paramSchema(ctx.before, p), paramSchema(ctx.after, q));
}

function compareBody(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  if (!o.body && n.body) {
    if (n.body.required) emit(ctx, 'request-body-added-required', [], { side: 'after', node: n.body.node }, { op, fix: 'Make the new request body optional.' });
    else emit(ctx, 'request-body-added-optional', [], { side: 'after', node: n.body.node }, { op });
    return;
  }
  if (o.body && !n.body) {
    emit(ctx, 'request-body-removed', [], { side: 'before', node: o.body.node }, { op, fix: 'Keep accepting the request body until clients stop sending it.' });
    return;
  }
  if (!o.body || !n.body) return;
  if (!o.body.required && n.body.required) emit(ctx, 'request-body-became-required', [], { side: 'after', node: n.body.node, key: 'required' }, { op, fix: 'Keep the request body optional.' });
  if (o.body.required && !n.body.required) emit(ctx, 'request-body-became-optional', [], { side: 'after', node: n.body.node, key: 'required' }, { op });
  for (const [media, m] of o.body.content) {
    const nm = n.body.content.get(media);
    if (!nm) {
      emit(ctx, 'request-body-media-type-removed', [media], { side: 'before', node: m.node }, { op, fix: `Keep accepting ${media}.` });
      continue;
    }
    if (m.schema && nm.schema) compareSchemaTree(ctx, { dir: 'request', root: 'body', op, opNode: n.op, media }, m.schema, nm.schema);
    else if (nm.schema) emit(ctx, 'request-body-media-type-schema-added', [media], { side: 'after', node: nm.node, key: 'schema' }, { op, fix: `Requests of type ${media} were not validated before: make sure the new schema accepts what clients send.` });
    else if (m.schema) emit(ctx, 'request-body-media-type-schema-removed', [media], { side: 'before', node: m.node, key: 'schema' }, { op });
  }
  for (const [media, m] of n.body.content) if (!o.body.content.has(media)) emit(ctx, 'request-body-media-type-added', [media], { side: 'after', node: m.node }, { op });
}

function compareResponses(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  const success = (code: string) => /^2/.test(code);
  for (const [code, r] of o.responses) {
    const nr = n.responses.get(code);
    if (!nr) {
      if (success(code)) emit(ctx, 'response-success-status-removed', [code], { side: 'before', node: r.node }, { op, fix: `Keep returning ${code} for the cases that returned it, or version the endpoint.` });
      else emit(ctx, 'response-non-success-status-removed', [code], { side: 'before', node: r.node }, { op });
      continue;
    }
    compareHeaders(ctx, n, code, r.node, nr.node);
    for (const [media, m] of r.content) {
      const nm = nr.content.get(media);
      if (!nm) {
        emit(ctx, 'response-media-type-removed', [media, code], { side: 'before', node: m.node }, { op, fix: `Keep producing ${media} for clients that ask for it.` });
        continue;
      }
      if (m.schema && nm.schema) compareSchemaTree(ctx, { dir: 'response', root: 'body', op, opNode: n.op, media, status: code }, m.schema, nm.schema);
      else if (nm.schema) emit(ctx, 'response-body-media-type-schema-added', [media, code], { side: 'after', node: nm.node, key: 'schema' }, { op });
      else if (m.schema) emit(ctx, 'response-body-media-type-schema-removed', [media, code], { side: 'before', node: m.node, key: 'schema' }, { op, fix: `Keep documenting the ${media} schema of the ${code} response; clients generate code from it.` });
    }
    for (const [media, m] of nr.content) if (!r.content.has(media)) emit(ctx, 'response-media-type-added', [media, code], { side: 'after', node: m.node }, { op });
  }
  for (const [code, r] of n.responses) {
    if (o.responses.has(code)) continue;
    emit(ctx, success(code) ? 'response-success-status-added' : 'response-non-success-status-added', [code], { side: 'after', node: r.node }, { op });
  }
}
