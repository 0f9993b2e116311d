import type { RuleDoc } from '@mcp/core-protocol';
import { FindingSink, isObj, walk, type Obj, type OpenApiDoc, type Operation } from '../shared/openapi';
import type { JsonPath } from '../shared/source';

/** OWASP API Security Top 10 (2023) category pages, the docs of each rule. */
const OWASP_PAGES: Record<string, string> = {
  API1: '0xa1-broken-object-level-authorization',
  API2: '0xa2-broken-authentication',
  API3: '0xa3-broken-object-property-level-authorization',
  API4: '0xa4-unrestricted-resource-consumption',
  API5: '0xa5-broken-function-level-authorization',
  API7: '0xa7-server-side-request-forgery',
  API8: '0xa8-security-misconfiguration',
  API9: '0xa9-improper-inventory-management',
};

const rule = (id: string, severity: RuleDoc['severity'], summary: string, owasp: string): RuleDoc & { owasp: string } => ({
  id,
  severity,
  summary,
  owasp,
  docs: `https://owasp.org/API-Security/editions/2023/en/${OWASP_PAGES[owasp.slice(0, 4).replace(/:$/, '')] ?? ''}/`,
});

/** The Spectral OWASP ruleset 2.0 rules (ids and severities as published), plus two own ids. */
export const SECURITY_RULES = [
  rule('owasp:api1:2023-no-numeric-ids', 'error', 'ID parameters must not be integers: use random, unguessable ids (UUIDs).', 'API1:2023'),
  rule('owasp:api2:2023-no-http-basic', 'error', 'Security schemes must not use HTTP Basic.', 'API2:2023'),
  rule('owasp:api2:2023-no-api-keys-in-url', 'error', 'API keys must not be passed in the query or path.', 'API2:2023'),
  rule('owasp:api2:2023-no-credentials-in-url', 'error', 'Query and path parameters must not carry credentials (token, password, secret, API key).', 'API2:2023'),
  rule('owasp:api2:2023-auth-insecure-schemes', 'error', 'HTTP authorization schemes must not be negotiate or oauth (1.0).', 'API2:2023'),
  rule('owasp:api2:2023-jwt-best-practices', 'error', 'JWT/OAuth2 security schemes must declare RFC8725 compliance in their description.', 'API2:2023'),
  rule('owasp:api2:2023-short-lived-access-tokens', 'error', 'OAuth2 flows must offer a refreshUrl (short-lived access tokens).', 'API2:2023'),
  rule('owasp:api2:2023-write-restricted', 'error', 'Write operations (POST, PUT, PATCH, DELETE) must be protected by a security scheme.', 'API2:2023'),
  rule('owasp:api2:2023-read-restricted', 'warning', 'Read operations (GET, HEAD) should be protected by a security scheme.', 'API2:2023'),
  rule('owasp:api3:2023-no-additionalProperties', 'warning', 'additionalProperties, when used, must be false (OpenAPI 3.0).', 'API3:2023'),
  rule('owasp:api3:2023-constrained-additionalProperties', 'warning', 'Objects with an additionalProperties schema must set maxProperties (OpenAPI 3.0).', 'API3:2023'),
  rule('owasp:api3:2023-no-unevaluatedProperties', 'warning', 'unevaluatedProperties, when used, must be false (OpenAPI 3.1).', 'API3:2023'),
  rule('owasp:api3:2023-constrained-unevaluatedProperties', 'warning', 'Objects with an unevaluatedProperties schema must set maxProperties (OpenAPI 3.1).', 'API3:2023'),
  rule('owasp:api4:2023-rate-limit', 'error', '2XX and 4XX responses must define rate-limit headers.', 'API4:2023'),
  rule('owasp:api4:2023-rate-limit-retry-after', 'error', 'A 429 response must define a Retry-After header.', 'API4:2023'),
  rule('owasp:api4:2023-rate-limit-responses-429', 'warning', 'Operations should define a 429 response with content.', 'API4:2023'),
  rule('owasp:api4:2023-array-limit', 'error', 'Array schemas must specify maxItems.', 'API4:2023'),
  rule('owasp:api4:2023-string-limit', 'error', 'String schemas must specify maxLength, enum or const.', 'API4:2023'),
  rule('owasp:api4:2023-string-restricted', 'warning', 'String schemas should specify format, pattern, enum or const.', 'API4:2023'),
  rule('owasp:api4:2023-integer-limit', 'error', 'Integer schemas must specify minimum and maximum (OpenAPI 3.1).', 'API4:2023'),
  rule('owasp:api4:2023-integer-limit-legacy', 'error', 'Integer schemas must specify minimum and maximum (OpenAPI 2.0/3.0).', 'API4:2023'),
  rule('owasp:api4:2023-integer-format', 'error', 'Integer schemas must specify format (int32 or int64).', 'API4:2023'),
  rule('owasp:api5:2023-admin-security-unique', 'error', 'Admin endpoints must not share a security requirement with non-admin endpoints.', 'API5:2023'),
  rule('owasp:api7:2023-concerning-url-parameter', 'info', 'URL-like parameters (callback, redirect, *_url) need SSRF review.', 'API7:2023'),
  rule('owasp:api8:2023-define-cors-origin', 'error', 'Header maps should define Access-Control-Allow-Origin.', 'API8:2023'),
  rule('owasp:api8:2023-no-scheme-http', 'error', 'Swagger 2.0 schemes must be https or wss.', 'API8:2023'),
  rule('owasp:api8:2023-no-server-http', 'error', 'Server URLs must not use http://.', 'API8:2023'),
  rule('owasp:api8:2023-define-error-validation', 'warning', 'Operations should define a 400, 422 or 4XX response.', 'API8:2023'),
  rule('owasp:api8:2023-define-error-responses-401', 'warning', 'Operations should define a 401 response with content.', 'API8:2023'),
  rule('owasp:api8:2023-define-error-responses-500', 'warning', 'Operations should define a 500 response with content.', 'API8:2023'),
  rule('owasp:api9:2023-inventory-access', 'error', 'Servers must declare x-internal (true or false).', 'API9:2023'),
  rule('owasp:api9:2023-inventory-environment', 'error', 'Server descriptions must name their environment (production, staging, ...).', 'API9:2023'),
  rule('sensitive-data-in-response', 'warning', 'A response property is named like a password, secret, token, card number or national id.', 'API3:2023'),
  rule('define-error-responses-403', 'warning', 'A secured operation should define a 403 response.', 'API8:2023'),
];

const byId = new Map(SECURITY_RULES.map((r) => [r.id, r]));

type Where = JsonPath | { node: object; key?: string | number };

export function auditOpenApi(doc: OpenApiDoc): FindingSink {
  const sink = new FindingSink(doc, (id) => byId.get(id)?.docs);
  const add = (id: string, where: Where, message: string, fix: string, extra: Record<string, unknown> = {}) => {
    const r = byId.get(id)!;
    sink.add(id, r.severity, where, message, fix, { owasp: r.owasp, ...extra });
  };
  const v = doc.version;
  const root = doc.root;
  const operations = doc.operations();

  // API1: integer ids in path/operation parameters.
  for (const { list, index, param } of allParameters(doc)) {
    const name = param.name;
    if (typeof name !== 'string' || !(name === 'id' || /(_id|Id|-id)$/.test(name))) continue;
    if (!isObj(param.schema)) continue;
    const schema = doc.deref(param.schema);
    if (isObj(schema) && schema.type === 'integer') {
      // Spectral reports where the resolved schema is written: a $ref'd schema at its definition.
      const where: Where = param.schema !== schema ? { node: schema } : list[index] !== param ? { node: param, key: 'schema' } : [...doc.where(list), index, 'schema'];
      add('owasp:api1:2023-no-numeric-ids', where,
        `Parameter "${name}" is an integer id; use random IDs that cannot be guessed (UUIDs are preferred).`,
        `Change the schema of "${name}" to type: string, format: uuid.`);
    }
  }

  // API2: security schemes.
  const schemes = isObj(root.components) && isObj(root.components.securitySchemes) ? root.components.securitySchemes : undefined;
  for (const [name, raw] of Object.entries(schemes ?? {})) {
    const scheme = doc.deref(raw);
    if (!isObj(scheme)) continue;
    if (typeof scheme.scheme === 'string' && /basic/.test(scheme.scheme))
      add('owasp:api2:2023-no-http-basic', { node: scheme, key: 'scheme' }, `Security scheme "${name}" uses HTTP Basic. Use a more secure authentication method, like OAuth 2, or OpenID.`, 'Replace HTTP Basic with OAuth 2 / OpenID Connect or short-lived bearer tokens.');
    const isJwt = scheme.type === 'oauth2' || scheme.bearerFormat === 'jwt' || scheme.bearerFormat === 'JWT';
    if (isJwt && !(typeof scheme.description === 'string' && /.*RFC8725.*/.test(scheme.description)))
      add('owasp:api2:2023-jwt-best-practices', { node: scheme, key: 'description' }, `Security scheme "${name}" uses JWTs but does not declare support for RFC8725 in its description.`, 'State in the description that tokens follow RFC8725 (JWT best current practices: fixed algorithms, no "alg: none").');
    if (scheme.type === 'oauth2' && isObj(scheme.flows)) {
      for (const [flowName, flow] of Object.entries(scheme.flows)) {
        if (isObj(flow) && !flow.refreshUrl)
          add('owasp:api2:2023-short-lived-access-tokens', { node: flow, key: 'refreshUrl' }, `OAuth2 flow "${flowName}" of security scheme "${name}" has no refreshUrl, so access tokens likely do not expire.`, 'Issue short-lived access tokens and declare the refreshUrl.');
      }
    }
  }
  if (v !== '2.0') {
    walkSecuritySchemes(doc, (scheme, path, name) => {
      if (scheme.type === 'apiKey' && typeof scheme.in === 'string' && /^(path|query)$/.test(scheme.in))
        add('owasp:api2:2023-no-api-keys-in-url', [...path, 'in'], `API Key passed in URL: security scheme "${name}" sends its key in the ${scheme.in}.`, 'Send API keys in a header (in: header) so they do not end up in logs and browser history.');
      if (scheme.type === 'http' && typeof scheme.scheme === 'string' && /^(negotiate|oauth)$/.test(scheme.scheme))
        add('owasp:api2:2023-auth-insecure-schemes', [...path, 'scheme'], `Authentication scheme is considered outdated or insecure: security scheme "${name}" uses "${scheme.scheme}".`, 'Use OAuth 2.0 / OpenID Connect or bearer tokens instead.');
    });
  }

  // API2: credentials in query/path parameters (`$..parameters[?(@.in matches query|path)].name`).
  if (v !== '2.0') {
    doc.eachNode((node, at) => {
      if (Array.isArray(node) || !(Array.isArray(node.parameters) || isObj(node.parameters))) return;
      const params = node.parameters as Obj | unknown[];
      for (const [key, param] of Object.entries(params)) {
        if (!isObj(param) || typeof param.in !== 'string' || !/query|path/.test(param.in) || typeof param.name !== 'string') continue;
        if (/^.*(client_?secret|token|access_?token|refresh_?token|id_?token|password|secret|api-?key).*$/i.test(param.name))
          add('owasp:api2:2023-no-credentials-in-url', [...at.path(), 'parameters', Array.isArray(params) ? Number(key) : key, 'name'], `Security credentials detected in ${param.in} parameter: ${param.name}.`, `Move ${param.name} into a header (Authorization or a custom header) so it is not logged with the URL.`);
      }
    });
  }

  // API2: operations without security (Spectral's checkSecurity: missing or empty list).
  for (const operation of operations) {
    const { op, method, label } = operation;
    const write = ['post', 'put', 'patch', 'delete'].includes(method);
    const read = ['get', 'head'].includes(method);
    if (!write && !read) continue;
    const own = op.security;
    const effective = own === undefined ? root.security : own;
    if (!effective || (Array.isArray(effective) && effective.length === 0)) {
      const where: Where = own !== undefined ? { node: op, key: 'security' } : { node: op };
      if (write)
        add('owasp:api2:2023-write-restricted', where, `${label}: this write operation is not protected by any security scheme.`, 'Add a security requirement to the operation or a global one.', { operation: label });
      else
        add('owasp:api2:2023-read-restricted', where, `${label}: this read operation is not protected by any security scheme.`, 'Add a security requirement to the operation or a global one, or document why the data is public.', { operation: label });
    }
  }

  // API3 and API4: schema-like objects anywhere in the document.
  doc.eachNode((node, at) => {
    if (Array.isArray(node)) return;
    const types = Array.isArray(node.type) && v === '3.1' ? node.type : [node.type];
    const isType = (t: string) => node.type === t || types.includes(t);
    if (v === '3.0' && node.type === 'object' && node.additionalProperties) {
      add('owasp:api3:2023-no-additionalProperties', [...at.path(), 'additionalProperties'], `${subject(at.path())}: if the additionalProperties keyword is used it must be set to false.`, 'Set additionalProperties: false, or bound the map with maxProperties.');
      if (node.additionalProperties !== true && node.maxProperties === undefined)
        add('owasp:api3:2023-constrained-additionalProperties', [...at.path(), 'maxProperties'], `${subject(at.path())}: objects should not allow unconstrained additionalProperties.`, 'Add maxProperties to bound the map.');
    }
    if (v === '3.1' && node.type === 'object' && node.unevaluatedProperties) {
      add('owasp:api3:2023-no-unevaluatedProperties', [...at.path(), 'unevaluatedProperties'], `${subject(at.path())}: if the unevaluatedProperties keyword is used it must be set to false.`, 'Set unevaluatedProperties: false, or bound the object with maxProperties.');
      if (node.unevaluatedProperties !== true && node.maxProperties === undefined)
        add('owasp:api3:2023-constrained-unevaluatedProperties', [...at.path(), 'maxProperties'], `${subject(at.path())}: objects should not allow unconstrained unevaluatedProperties.`, 'Add maxProperties to bound the object.');
    }
    if (isType('array') && node.maxItems === undefined)
      add('owasp:api4:2023-array-limit', [...at.path(), 'maxItems'], `${subject(at.path())}: schema of type array must specify maxItems.`, 'Add maxItems (and constrain the items schema too).');
    if (isType('string')) {
      if (node.maxLength === undefined && node.enum === undefined && node.const === undefined)
        add('owasp:api4:2023-string-limit', at.path(), `${subject(at.path())}: schema of type string must specify maxLength, enum, or const.`, 'Add maxLength (or enum/const) to bound the string.');
      if (node.format === undefined && node.pattern === undefined && node.enum === undefined && node.const === undefined)
        add('owasp:api4:2023-string-restricted', at.path(), `${subject(at.path())}: schema of type string should specify a format, pattern, enum, or const.`, 'Add a format (uuid, date-time, email, ...) or a pattern.');
    }
    if (isType('integer')) {
      if (v === '3.1') {
        const one = (a: string, b: string) => (node[a] !== undefined) !== (node[b] !== undefined);
        if (!one('minimum', 'exclusiveMinimum') || !one('maximum', 'exclusiveMaximum'))
          add('owasp:api4:2023-integer-limit', at.path(), `${subject(at.path())}: schema of type integer must specify minimum and maximum.`, 'Add minimum (or exclusiveMinimum) and maximum (or exclusiveMaximum), one of each.');
      } else if (node.minimum === undefined || node.maximum === undefined) {
        add('owasp:api4:2023-integer-limit-legacy', [...at.path(), node.minimum === undefined ? 'minimum' : 'maximum'], `${subject(at.path())}: schema of type integer must specify minimum and maximum.`, 'Add minimum and maximum.');
      }
      if (node.format === undefined)
        add('owasp:api4:2023-integer-format', [...at.path(), 'format'], `${subject(at.path())}: schema of type integer must specify format (int32 or int64).`, 'Add format: int32 or format: int64.');
    }
    // API8: every `headers` map anywhere should carry Access-Control-Allow-Origin.
    if ('headers' in node) {
      const headers = node.headers;
      if (!(isObj(headers) && headers['Access-Control-Allow-Origin']))
        add('owasp:api8:2023-define-cors-origin', [...at.path(), 'headers', 'Access-Control-Allow-Origin'], `${subject([...at.path(), 'headers'])}: header \`Access-Control-Allow-Origin\` should be defined on all responses.`, 'Declare the Access-Control-Allow-Origin response header.');
    }
  });

  // API4 and API8: responses of every operation (callbacks included, as `$.paths..responses`).
  for (const { responses, label } of allResponses(doc, operations)) {
    const codes = Object.keys(responses);
    const extra = label ? { operation: label } : {};
    const who = label ?? 'Operation';
    for (const code of codes) {
      const response = doc.deref(responses[code]);
      if (!isObj(response)) continue;
      // A $ref'd response is one finding where it is defined, whichever operations use it.
      const shared = responses[code] !== response;
      const subjectOf = shared ? `Response ${subject(doc.where(response))}` : `${who}: response ${code}`;
      const own = shared ? {} : extra;
      if (doc.isOas3 && /^(2|4)/.test(code)) {
        const h = isObj(response.headers) ? response.headers : undefined;
        const sets = [['RateLimit'], ['RateLimit-Limit', 'RateLimit-Reset'], ['X-RateLimit-Limit'], ['X-Rate-Limit-Limit']];
        const matches = h ? sets.filter((s) => s.every((k) => k in h)).length : 0;
        if (matches !== 1)
          add('owasp:api4:2023-rate-limit', { node: response, key: 'headers' }, `${subjectOf} should define rate limiting headers (all 2XX and 4XX responses should).`, 'Add exactly one set of rate-limit headers: RateLimit, RateLimit-Limit + RateLimit-Reset, X-RateLimit-Limit or X-Rate-Limit-Limit.', own);
      }
      if (doc.isOas3 && code === '429' && isObj(response.headers) && response.headers['Retry-After'] === undefined)
        add('owasp:api4:2023-rate-limit-retry-after', { node: response.headers, key: 'Retry-After' }, `${subjectOf} (429) should define a Retry-After header.`, 'Add a Retry-After header to the 429 response.', own);
    }
    const missing = (id: string, code: string, fix: string) => {
      const r = doc.deref(responses[code]);
      if (!r) add(id, { node: responses, key: code }, `${who}: operation is missing ${id.includes('429') ? 'rate limiting response in ' : ''}${code}.`, fix, extra);
      if (!(isObj(r) && r.content)) {
        const shared = isObj(r) && responses[code] !== r;
        const text = `is missing ${id.includes('429') ? 'rate limiting response in ' : ''}content`;
        if (shared) add(id, { node: r, key: 'content' }, `Response ${subject(doc.where(r))} ${text}.`, fix);
        else add(id, r && isObj(r) ? { node: r, key: 'content' } : { node: responses, key: code }, `${who}: operation ${text}${r ? ` of the ${code} response` : ` (no ${code} response)`}.`, fix, extra);
      }
    };
    missing('owasp:api4:2023-rate-limit-responses-429', '429', 'Define a 429 Too Many Requests response with an error body.');
    missing('owasp:api8:2023-define-error-responses-401', '401', 'Define a 401 Unauthorized response with an error body.');
    missing('owasp:api8:2023-define-error-responses-500', '500', 'Define a 500 Internal Server Error response with an error body.');
    if (!codes.some((c) => c === '400' || c === '422' || c === '4XX'))
      add('owasp:api8:2023-define-error-validation', { node: responses }, `${who}: missing error response of either 400, 422 or 4XX.`, 'Define the 400 (or 422) response returned for invalid requests.', extra);
  }

  // API5: admin endpoints sharing a security requirement with other endpoints.
  const nonAdmin = new Set<string>();
  const admin: { label: string; path: string; list: unknown[]; index: number; hash: string }[] = [];
  for (const { op, path, label } of operations) {
    if (!Array.isArray(op.security)) continue;
    op.security.forEach((entry, index) => {
      if (entry === null || typeof entry !== 'object') return;
      const hash = JSON.stringify(entry);
      if (path.includes('/admin')) admin.push({ label, path, list: op.security as unknown[], index, hash });
      else nonAdmin.add(hash);
    });
  }
  for (const a of admin) {
    if (nonAdmin.has(a.hash))
      add('owasp:api5:2023-admin-security-unique', { node: a.list, key: a.index }, `${a.label}: admin endpoint ${a.path} has the same security requirement as a non-admin endpoint.`, 'Protect admin endpoints with their own scheme or scopes.', { operation: a.label });
  }

  // API7: URL-like parameters (path-level and operation-level).
  for (const { list, index, param } of allParameters(doc)) {
    if (typeof param.name === 'string' && /(^(callback|redirect)|(_url|Url|-url))$/.test(param.name)) {
      const at = list[index] !== param ? { node: param, key: 'name' } : [...doc.where(list), index, 'name'];
      add('owasp:api7:2023-concerning-url-parameter', at, `Parameter "${param.name}" takes a URL: make sure to review the way this URL is handled to protect against Server Side Request Forgery.`, 'Allow-list the destinations, resolve and check the address server-side, and never follow redirects blindly.');
    }
  }

  // API8 and API9: transport and servers.
  if (v === '2.0' && Array.isArray(root.schemes)) {
    root.schemes.forEach((s, i) => {
      if (s !== 'https' && s !== 'wss')
        add('owasp:api8:2023-no-scheme-http', ['schemes', i], `Scheme "${String(s)}": server schemes must not use http. Use https or wss instead.`, 'List only https (or wss) in schemes.');
    });
  }
  if (v !== '2.0' && Array.isArray(root.servers)) {
    walk(root.servers, (node, at) => {
      if (!Array.isArray(node) && typeof node.url === 'string' && /^http:/.test(node.url))
        add('owasp:api8:2023-no-server-http', ['servers', ...at.path(), 'url'], `Server URL ${node.url} must not use http://. Use https:// or wss:// instead.`, `Serve the API over TLS: ${node.url.replace(/^http:/, 'https:')}.`);
    });
    root.servers.forEach((server, i) => {
      if (!isObj(server)) return;
      const url = typeof server.url === 'string' ? server.url : String(i);
      if (server['x-internal'] === undefined)
        add('owasp:api9:2023-inventory-access', ['servers', i, 'x-internal'], `Server ${url}: declare its intended audience by defining servers.x-internal as true/false.`, 'Add x-internal: true (internal) or false (public) to the server.');
      if (typeof server.description === 'string' && !/(local|sandbox|alpha|beta|test|testing|stag|staging|prod|production|next|preprod|preproduction)/i.test(server.description))
        add('owasp:api9:2023-inventory-environment', ['servers', i, 'description'], `Server ${url}: declare the intended environment in its description using terms like local, staging, production.`, 'Name the environment (production, staging, sandbox, ...) in the server description.');
    });
  }

  // Own: sensitive properties in response bodies, and secured operations without 403.
  for (const operation of operations) {
    checkSensitiveResponses(doc, operation, add);
    const effective = operation.op.security === undefined ? root.security : operation.op.security;
    const secured = Array.isArray(effective) && effective.some((req) => isObj(req) && Object.keys(req).length > 0);
    const responses = doc.deref(operation.op.responses);
    if (secured && isObj(responses) && !('403' in responses) && !('4XX' in responses))
      add('define-error-responses-403', { node: responses }, `${operation.label}: secured operation has no 403 response for authenticated callers that lack permission.`, 'Define a 403 Forbidden response with an error body.', { operation: operation.label });
  }
  return sink;
}

function subject(path: JsonPath): string {
  return path.length === 0 ? 'Document' : path.map(String).join('.');
}

function walkSecuritySchemes(doc: OpenApiDoc, visit: (scheme: Obj, path: JsonPath, name: string) => void): void {
  // `$..[securitySchemes]`: a securitySchemes map anywhere in the document.
  doc.eachNode((node, at) => {
    if (Array.isArray(node) || !isObj(node.securitySchemes)) return;
    for (const [name, scheme] of Object.entries(node.securitySchemes)) {
      if (isObj(scheme)) visit(scheme, [...at.path(), 'securitySchemes', name], name);
    }
  });
}

/** Parameters listed on path items and operations, resolved, with the list they sit in. */
function allParameters(doc: OpenApiDoc): { list: unknown[]; index: number; param: Obj }[] {
  const out: { list: unknown[]; index: number; param: Obj }[] = [];
  const seen = new Set<Obj>();
  const paths = doc.root.paths;
  if (!isObj(paths)) return out;
  for (const key of Object.keys(paths)) {
    const item = doc.deref(paths[key]);
    if (!isObj(item)) continue;
    const lists = [item.parameters, ...Object.entries(item).filter(([m, op]) => m !== 'parameters' && isObj(op)).map(([, op]) => (op as Obj).parameters)];
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((raw, index) => {
        const param = doc.deref(raw);
        if (!isObj(param) || seen.has(param)) return;
        seen.add(param);
        out.push({ list, index, param });
      });
    }
  }
  return out;
}

/** Every `responses` object under paths (operations and their callbacks). */
function allResponses(doc: OpenApiDoc, operations: Operation[]): { responses: Obj; label?: string }[] {
  const out: { responses: Obj; label?: string }[] = [];
  const seen = new Set<Obj>();
  for (const { op, label } of operations) {
    const responses = doc.deref(op.responses);
    if (isObj(responses) && !seen.has(responses)) {
      seen.add(responses);
      out.push({ responses, label });
    }
    if (isObj(op.callbacks)) {
      walk(op.callbacks, (node, _p, key) => {
        if (key !== 'responses' || Array.isArray(node) || seen.has(node)) return;
        seen.add(node);
        out.push({ responses: node, label: `${label} (callback)` });
      });
    }
  }
  return out;
}

const SENSITIVE = [
  'password', 'passwd', 'passphrase', 'pin', 'secret', 'clientsecret', 'apikey', 'apisecret', 'privatekey', 'token', 'accesstoken',
  'refreshtoken', 'idtoken', 'sessiontoken', 'authtoken', 'bearertoken', 'cardnumber', 'creditcard', 'creditcardnumber', 'pan', 'cvv',
  'cvc', 'cvv2', 'ssn', 'socialsecuritynumber', 'nationalid', 'nationalidnumber', 'taxid', 'passportnumber', 'iban',
];
const SENSITIVE_SUFFIX = /(password|passwd|secret|accesstoken|refreshtoken|sessiontoken|apikey|privatekey|cardnumber|ssn|nationalid)$/;

function isSensitive(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_\s]/g, '');
  return SENSITIVE.includes(n) || SENSITIVE_SUFFIX.test(n);
}

/** Response body properties (followed through $ref, allOf/anyOf/oneOf, items) named like secrets. */
function checkSensitiveResponses(
  doc: OpenApiDoc,
  operation: Operation,
  add: (id: string, where: Where, message: string, fix: string, extra?: Record<string, unknown>) => void,
): void {
  const responses = doc.deref(operation.op.responses);
  if (!isObj(responses)) return;
  const seen = new Set<unknown>();
  const visit = (raw: unknown, code: string) => {
    const schema = doc.deref(raw);
    if (!isObj(schema) || seen.has(schema)) return;
    seen.add(schema);
    if (isObj(schema.properties)) {
      for (const [name, prop] of Object.entries(schema.properties)) {
        const resolved = doc.deref(prop);
        if (isSensitive(name) && !(isObj(resolved) && resolved.writeOnly === true))
          add('sensitive-data-in-response', { node: schema.properties as object, key: name }, `${operation.label}: response ${code} exposes property "${name}", which looks like sensitive data.`, `Remove "${name}" from the response schema, or mark it writeOnly if clients only send it.`, { operation: operation.label });
        visit(prop, code);
      }
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((s) => visit(s, code));
    if (schema.items) visit(schema.items, code);
    if (isObj(schema.additionalProperties)) visit(schema.additionalProperties, code);
  };
  for (const [code, raw] of Object.entries(responses)) {
    const response = doc.deref(raw);
    if (!isObj(response)) continue;
    if (isObj(response.schema)) visit(response.schema, code);
    if (isObj(response.content)) for (const media of Object.values(response.content)) if (isObj(media)) visit(media.schema, code);
  }
}
