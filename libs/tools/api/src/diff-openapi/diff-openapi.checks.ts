import type { RuleDoc } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';
import { isObj, pathString, type Obj, type OpenApiDoc } from '../shared/openapi';
import { flatten, readEndpoints, typeOf, type Endpoint } from './endpoint-model';

export type Level = 'ERR' | 'WARN' | 'INFO';

/** oasdiff checker ids with oasdiff's current levels (checker/rules.go). */
export const OASDIFF_LEVELS: Record<string, Level> = {
  'api-path-removed-without-deprecation': 'ERR',
  'api-path-removed-with-deprecation': 'INFO',
  'api-removed-without-deprecation': 'ERR',
  'api-removed-with-deprecation': 'INFO',
  'endpoint-added': 'INFO',
  'endpoint-deprecated': 'INFO',
  'endpoint-reactivated': 'INFO',
  'new-required-request-parameter': 'ERR',
  'new-optional-request-parameter': 'INFO',
  'new-request-path-parameter': 'ERR',
  'request-parameter-removed': 'WARN',
  'request-parameter-became-required': 'ERR',
  'request-parameter-became-optional': 'INFO',
  'request-parameter-enum-value-removed': 'ERR',
  'request-parameter-enum-value-added': 'INFO',
  'request-parameter-type-changed': 'ERR',
  'request-parameter-max-length-decreased': 'ERR',
  'request-parameter-max-length-increased': 'INFO',
  'request-body-added-required': 'ERR',
  'request-body-added-optional': 'INFO',
  'request-body-removed': 'ERR',
  'request-body-became-required': 'ERR',
  'request-body-became-optional': 'INFO',
  'request-body-media-type-removed': 'ERR',
  'request-body-media-type-added': 'INFO',
  'request-body-type-changed': 'ERR',
  'new-required-request-property': 'ERR',
  'new-optional-request-property': 'INFO',
  'request-property-removed': 'WARN',
  'request-property-became-required': 'ERR',
  'request-property-became-optional': 'INFO',
  'request-property-type-changed': 'ERR',
  'request-property-enum-value-removed': 'ERR',
  'request-property-enum-value-added': 'INFO',
  'request-property-max-length-decreased': 'ERR',
  'request-property-max-length-increased': 'INFO',
  'response-success-status-removed': 'ERR',
  'response-success-status-added': 'INFO',
  'response-non-success-status-removed': 'INFO',
  'response-non-success-status-added': 'INFO',
  'response-media-type-removed': 'ERR',
  'response-media-type-added': 'INFO',
  'response-body-type-changed': 'ERR',
  'response-required-property-removed': 'ERR',
  'response-required-property-added': 'INFO',
  'response-optional-property-removed': 'WARN',
  'response-optional-property-added': 'INFO',
  'response-property-became-optional': 'ERR',
  'response-property-became-required': 'INFO',
  'response-property-type-changed': 'ERR',
  'response-property-enum-value-added': 'WARN',
  'response-property-enum-value-removed': 'INFO',
  'api-security-removed': 'INFO',
  'api-security-added': 'INFO',
  'api-global-security-removed': 'INFO',
  'api-global-security-added': 'INFO',
  'api-operation-id-removed': 'INFO',
  'api-operation-id-added': 'INFO',
  'api-tag-removed': 'INFO',
  'api-tag-added': 'INFO',
};

const SEVERITY = { ERR: 'error', WARN: 'warning', INFO: 'info' } as const;

export const DIFF_RULES: RuleDoc[] = Object.entries(OASDIFF_LEVELS).map(([id, level]) => ({
  id,
  severity: SEVERITY[level],
  summary: `oasdiff check ${id} (level ${level}).`,
  docs: 'https://github.com/oasdiff/oasdiff/blob/main/docs/BREAKING-CHANGES-EXAMPLES.md',
}));

interface Ctx {
  before: OpenApiDoc;
  after: OpenApiDoc;
  findings: Finding[];
}

type Side = 'before' | 'after';

function report(ctx: Ctx, id: string, side: Side, node: object | undefined, key: string | number | undefined, message: string, fix: string, operation?: string): void {
  const doc = side === 'before' ? ctx.before : ctx.after;
  const path = node ? doc.where(node, key) : [];
  const loc = doc.src.locate(path);
  const level = OASDIFF_LEVELS[id];
  ctx.findings.push({
    ruleId: id,
    severity: SEVERITY[level],
    message: operation ? `${operation}: ${message}` : message,
    location: { path: side, line: loc.line, column: loc.column },
    fix: level === 'INFO' ? undefined : fix,
    level,
    operation,
    path: pathString(path),
  });
}

const list = (values: unknown): unknown[] => (Array.isArray(values) ? values : []);
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function diffOpenApi(before: OpenApiDoc, after: OpenApiDoc): Finding[] {
  const ctx: Ctx = { before, after, findings: [] };
  const old = readEndpoints(before);
  const neu = readEndpoints(after);
  const newPaths = new Set([...neu.values()].map((e) => e.key.slice(e.key.indexOf(' ') + 1)));

  for (const [key, e] of old) {
    if (neu.has(key)) continue;
    const pathGone = !newPaths.has(key.slice(key.indexOf(' ') + 1));
    const id = pathGone
      ? e.deprecated ? 'api-path-removed-with-deprecation' : 'api-path-removed-without-deprecation'
      : e.deprecated ? 'api-removed-with-deprecation' : 'api-removed-without-deprecation';
    report(ctx, id, 'before', e.op, undefined, `${pathGone ? 'api path' : 'api'} removed ${e.deprecated ? 'with' : 'without'} deprecation`, 'Restore the operation and mark it deprecated: true first; remove it only after clients have migrated.', e.label);
  }
  for (const [key, e] of neu) {
    const o = old.get(key);
    if (!o) {
      report(ctx, 'endpoint-added', 'after', e.op, undefined, 'endpoint added', '', e.label);
      continue;
    }
    compareEndpoint(ctx, o, e);
  }

  const oldGlobal = securityKeys(before.root.security);
  const newGlobal = securityKeys(after.root.security);
  for (const k of oldGlobal) if (!newGlobal.has(k)) report(ctx, 'api-global-security-removed', 'before', before.root, 'security', `the security scheme ${k} was removed from the API`, '');
  for (const k of newGlobal) if (!oldGlobal.has(k)) report(ctx, 'api-global-security-added', 'after', after.root, 'security', `the security scheme ${k} was added to the API`, '');
  return ctx.findings;
}

function securityKeys(security: unknown): Set<string> {
  return new Set(list(security).filter(isObj).map((r) => Object.keys(r).sort().join(', ') || '(none)'));
}

function compareEndpoint(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  if (!o.deprecated && n.deprecated) report(ctx, 'endpoint-deprecated', 'after', n.op, 'deprecated', 'endpoint deprecated', '', op);
  if (o.deprecated && !n.deprecated) report(ctx, 'endpoint-reactivated', 'after', n.op, undefined, 'endpoint reactivated', '', op);

  // operationId and tags
  if (o.op.operationId !== undefined && o.op.operationId !== n.op.operationId)
    report(ctx, 'api-operation-id-removed', 'after', n.op, n.op.operationId !== undefined ? 'operationId' : undefined, `api operation id ${show(o.op.operationId)} removed and replaced with ${show(n.op.operationId ?? '')}`, '', op);
  if (o.op.operationId === undefined && n.op.operationId !== undefined)
    report(ctx, 'api-operation-id-added', 'after', n.op, 'operationId', `api operation id ${show(n.op.operationId)} was added`, '', op);
  const oldTags = new Set(list(o.op.tags).map(String));
  const newTags = new Set(list(n.op.tags).map(String));
  for (const t of oldTags) if (!newTags.has(t)) report(ctx, 'api-tag-removed', 'after', n.op, undefined, `api tag ${t} removed`, '', op);
  for (const t of newTags) if (!oldTags.has(t)) report(ctx, 'api-tag-added', 'after', n.op, 'tags', `api tag ${t} added`, '', op);

  // security
  for (const k of o.security.keys()) if (!n.security.has(k)) report(ctx, 'api-security-removed', 'after', n.op, 'security', `the endpoint scheme security ${k} was removed from the API`, '', op);
  for (const k of n.security.keys()) if (!o.security.has(k)) report(ctx, 'api-security-added', 'after', n.op, 'security', `the endpoint scheme security ${k} was added to the API`, '', op);

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
    if (p.required === true) report(ctx, 'new-required-request-parameter', 'after', p, undefined, `added the new required ${String(p.in)} request parameter ${String(p.name)}`, `Make ${String(p.name)} optional (with a server-side default) so existing clients keep working.`, op);
    else report(ctx, 'new-optional-request-parameter', 'after', p, undefined, `added the new optional ${String(p.in)} request parameter ${String(p.name)}`, '', op);
  }
  for (let i = oldPath.length; i < newPath.length; i++)
    report(ctx, 'new-request-path-parameter', 'after', newPath[i], undefined, `added the new path request parameter ${String(newPath[i].name)}`, 'Add a new endpoint instead of changing the path of an existing one.', op);
  for (const [k, p] of o.parameters) {
    if (p.in === 'path') continue;
    const q = n.parameters.get(k);
    if (!q) {
      report(ctx, 'request-parameter-removed', 'before', p, undefined, `deleted the ${String(p.in)} request parameter ${String(p.name)}`, `Keep accepting ${String(p.name)} (deprecated) until clients stop sending it.`, op);
      continue;
    }
    compareParameter(ctx, p, q, op);
  }
  oldPath.forEach((p, i) => {
    if (newPath[i]) compareParameter(ctx, p, newPath[i], op);
  });
}

function paramSchema(ctx: Ctx, side: Side, p: Obj): Obj {
  const doc = side === 'before' ? ctx.before : ctx.after;
  const s = doc.deref(p.schema);
  return isObj(s) ? s : p; // 2.0 non-body parameters carry type/enum themselves
}

function compareParameter(ctx: Ctx, p: Obj, q: Obj, op: string): void {
  const where = `${String(q.in)} request parameter ${String(q.name)}`;
  if (p.required !== true && q.required === true) report(ctx, 'request-parameter-became-required', 'after', q, 'required', `the ${where} became required`, `Keep ${String(q.name)} optional or give it a default.`, op);
  if (p.required === true && q.required !== true) report(ctx, 'request-parameter-became-optional', 'after', q, 'required', `the ${where} became optional`, '', op);
  const a = paramSchema(ctx, 'before', p);
  const b = paramSchema(ctx, 'after', q);
  const ta = typeOf(ctx.before, a);
  const tb = typeOf(ctx.after, b);
  if (ta !== undefined && tb !== undefined && ta !== tb)
    report(ctx, 'request-parameter-type-changed', 'after', b, 'type', `for the ${where}, the type/format was changed from '${ta}' to '${tb}'`, `Accept both types, or add a new parameter instead of changing ${String(q.name)}.`, op);
  compareEnum(ctx, a, b, 'request-parameter-enum-value-removed', 'request-parameter-enum-value-added', (v) => `the enum value ${show(v)} from the ${where}`, (v) => `the new enum value ${show(v)} to the ${where}`, op, 'removed', 'added');
  compareMaxLength(ctx, a, b, 'request-parameter-max-length-decreased', 'request-parameter-max-length-increased', `for the ${where}, the maxLength was`, op);
}

function compareEnum(
  ctx: Ctx,
  a: Obj,
  b: Obj,
  removedId: string,
  addedId: string,
  removedText: (v: unknown) => string,
  addedText: (v: unknown) => string,
  op: string,
  removedVerb: string,
  addedVerb: string,
): void {
  if (!Array.isArray(a.enum) || !Array.isArray(b.enum)) return;
  const before = new Set(a.enum.map((v) => JSON.stringify(v)));
  const after = new Set(b.enum.map((v) => JSON.stringify(v)));
  for (const v of a.enum) if (!after.has(JSON.stringify(v))) report(ctx, removedId, 'after', b, 'enum', `${removedVerb} ${removedText(v)}`, `Keep accepting ${show(v)} or map it to its replacement server-side.`, op);
  for (const v of b.enum) if (!before.has(JSON.stringify(v))) report(ctx, addedId, 'after', b, 'enum', `${addedVerb} ${addedText(v)}`, `Make sure clients handle the new value ${show(v)} (treat unknown values as "other").`, op);
}

function compareMaxLength(ctx: Ctx, a: Obj, b: Obj, decreasedId: string, increasedId: string, what: string, op: string): void {
  if (typeof a.maxLength === 'number' && typeof b.maxLength === 'number') {
    if (b.maxLength < a.maxLength) report(ctx, decreasedId, 'after', b, 'maxLength', `${what} decreased from ${a.maxLength} to ${b.maxLength}`, `Keep maxLength at ${a.maxLength} or more; longer values already sent would now be rejected.`, op);
    if (b.maxLength > a.maxLength) report(ctx, increasedId, 'after', b, 'maxLength', `${what} increased from ${a.maxLength} to ${b.maxLength}`, '', op);
  }
}

function compareBody(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  if (!o.body && n.body) {
    if (n.body.required) report(ctx, 'request-body-added-required', 'after', n.body.node, undefined, 'added required request body', 'Make the new request body optional.', op);
    else report(ctx, 'request-body-added-optional', 'after', n.body.node, undefined, 'added optional request body', '', op);
    return;
  }
  if (o.body && !n.body) {
    report(ctx, 'request-body-removed', 'before', o.body.node, undefined, 'removed the request body', 'Keep accepting the request body until clients stop sending it.', op);
    return;
  }
  if (!o.body || !n.body) return;
  if (!o.body.required && n.body.required) report(ctx, 'request-body-became-required', 'after', n.body.node, 'required', 'request body became required', 'Keep the request body optional.', op);
  if (o.body.required && !n.body.required) report(ctx, 'request-body-became-optional', 'after', n.body.node, 'required', 'request body became optional', '', op);
  for (const [media, m] of o.body.content) {
    const nm = n.body.content.get(media);
    if (!nm) {
      report(ctx, 'request-body-media-type-removed', 'before', m.node, undefined, `removed the media type ${media} from the request body`, `Keep accepting ${media}.`, op);
      continue;
    }
    if (m.schema && nm.schema) compareSchema(ctx, m.schema, nm.schema, 'request', [], op, new Set(), undefined);
  }
  for (const [media, m] of n.body.content) if (!o.body.content.has(media)) report(ctx, 'request-body-media-type-added', 'after', m.node, undefined, `added the media type ${media} to the request body`, '', op);
}

function compareResponses(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const op = n.label;
  const success = (code: string) => /^2/.test(code);
  for (const [code, r] of o.responses) {
    const nr = n.responses.get(code);
    if (!nr) {
      if (success(code)) report(ctx, 'response-success-status-removed', 'before', r.node, undefined, `removed the success response with the status ${code}`, `Keep returning ${code} for the cases that returned it, or version the endpoint.`, op);
      else report(ctx, 'response-non-success-status-removed', 'before', r.node, undefined, `removed the non-success response with the status ${code}`, '', op);
      continue;
    }
    for (const [media, m] of r.content) {
      const nm = nr.content.get(media);
      if (!nm) {
        report(ctx, 'response-media-type-removed', 'before', m.node, undefined, `removed the media type ${media} for the response with the status ${code}`, `Keep producing ${media} for clients that ask for it.`, op);
        continue;
      }
      if (m.schema && nm.schema) compareSchema(ctx, m.schema, nm.schema, 'response', [], op, new Set(), code);
    }
    for (const [media, m] of nr.content) if (!r.content.has(media)) report(ctx, 'response-media-type-added', 'after', m.node, undefined, `added the media type ${media} for the response with the status ${code}`, '', op);
  }
  for (const [code, r] of n.responses) {
    if (o.responses.has(code)) continue;
    report(ctx, success(code) ? 'response-success-status-added' : 'response-non-success-status-added', 'after', r.node, undefined, `added the ${success(code) ? 'success' : 'non-success'} response with the status ${code}`, '', op);
  }
}

/** Walks two versions of a request or response schema property by property (oasdiff's `a/b/c` property paths). */
function compareSchema(ctx: Ctx, a: Obj, b: Obj, dir: 'request' | 'response', path: string[], op: string, seen: Set<string>, status: string | undefined): void {
  const pairKey = `${ctx.before.pathOf(a)?.join('/') ?? '?'}|${ctx.after.pathOf(b)?.join('/') ?? '?'}|${path.join('/')}`;
  if (seen.has(pairKey) || path.length > 24) return;
  seen.add(pairKey);
  const name = path.join('/');
  const forStatus = status ? ` for status ${status}` : '';
  const ta = typeOf(ctx.before, a);
  const tb = typeOf(ctx.after, b);
  if (ta !== undefined && tb !== undefined && ta !== tb) {
    if (path.length === 0)
      report(ctx, `${dir}-body-type-changed`, 'after', b, 'type', `the ${dir}'s body type changed from '${ta}' to '${tb}'${forStatus}`, 'Keep the body type, or add a new endpoint or media type for the new shape.', op);
    else
      report(ctx, `${dir}-property-type-changed`, 'after', b, 'type', `the ${dir} property ${name} type changed from '${ta}' to '${tb}'${forStatus}`, `Keep ${name} as ${ta}, or add a new property with the new type.`, op);
    return;
  }
  if (path.length > 0) {
    if (dir === 'request') {
      compareEnum(ctx, a, b, 'request-property-enum-value-removed', 'request-property-enum-value-added', (v) => `the enum value ${show(v)} of the request property ${name}`, (v) => `the new ${show(v)} enum value to the request property ${name}`, op, 'removed', 'added');
      compareMaxLength(ctx, a, b, 'request-property-max-length-decreased', 'request-property-max-length-increased', `the ${name} request property's maxLength was`, op);
    } else {
      compareEnum(ctx, a, b, 'response-property-enum-value-removed', 'response-property-enum-value-added', (v) => `the ${show(v)} enum value from the ${name} response property for the response status ${status}`, (v) => `the new ${show(v)} enum value to the ${name} response property for the response status ${status}`, op, 'removed', 'added');
    }
  }
  const fa = flatten(ctx.before, a);
  const fb = flatten(ctx.after, b);
  const skip = (p: Obj) => (dir === 'request' ? p.readOnly === true : p.writeOnly === true);
  for (const [prop, pa] of fa.properties) {
    const child = [...path, prop].join('/');
    const pb = fb.properties.get(prop);
    if (!pb) {
      if (skip(pa)) continue;
      if (dir === 'request') report(ctx, 'request-property-removed', 'before', pa, undefined, `removed the request property ${child}`, `Keep accepting ${child} (ignored if need be) until clients stop sending it.`, op);
      else if (fa.required.has(prop)) report(ctx, 'response-required-property-removed', 'before', pa, undefined, `removed the required property ${child} from the response with the ${status} status`, `Keep returning ${child}; clients rely on required properties.`, op);
      else report(ctx, 'response-optional-property-removed', 'before', pa, undefined, `removed the optional property ${child} from the response with the ${status} status`, `Keep returning ${child} while clients may still read it.`, op);
      continue;
    }
    if (!skip(pb)) {
      const wasReq = fa.required.has(prop);
      const isReq = fb.required.has(prop);
      if (dir === 'request' && !wasReq && isReq) report(ctx, 'request-property-became-required', 'after', pb, undefined, `the request property ${child} became required`, `Keep ${child} optional or give it a default.`, op);
      if (dir === 'request' && wasReq && !isReq) report(ctx, 'request-property-became-optional', 'after', pb, undefined, `the request property ${child} became optional`, '', op);
      if (dir === 'response' && wasReq && !isReq) report(ctx, 'response-property-became-optional', 'after', pb, undefined, `the response property ${child} became optional for the status ${status}`, `Keep ${child} required in responses; clients may not check for its absence.`, op);
      if (dir === 'response' && !wasReq && isReq) report(ctx, 'response-property-became-required', 'after', pb, undefined, `the response property ${child} became required for the status ${status}`, '', op);
    }
    compareSchema(ctx, pa, pb, dir, [...path, prop], op, seen, status);
  }
  for (const [prop, pb] of fb.properties) {
    if (fa.properties.has(prop) || skip(pb)) continue;
    const child = [...path, prop].join('/');
    const req = fb.required.has(prop);
    if (dir === 'request') {
      if (req) report(ctx, 'new-required-request-property', 'after', pb, undefined, `added the new required request property ${child}`, `Make ${child} optional (with a server-side default).`, op);
      else report(ctx, 'new-optional-request-property', 'after', pb, undefined, `added the new optional request property ${child}`, '', op);
    } else {
      report(ctx, req ? 'response-required-property-added' : 'response-optional-property-added', 'after', pb, undefined, `added the ${req ? 'required' : 'optional'} property ${child} to the response with the ${status} status`, '', op);
    }
  }
  const ia = ctx.before.deref(a.items);
  const ib = ctx.after.deref(b.items);
  if (isObj(ia) && isObj(ib)) compareSchema(ctx, ia, ib, dir, [...path, 'items'], op, seen, status);
}
