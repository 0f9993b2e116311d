import { HTTP_METHODS, isObj, type Obj, type OpenApiDoc, type Operation } from '../shared/openapi';

/** One operation, normalized across OpenAPI 2.0 and 3.x so that two versions compare field by field. */
export interface Endpoint {
  /** `GET /orders/{}`: path parameters renamed away, so renaming one is not a removal. */
  key: string;
  label: string;
  path: string;
  method: string;
  op: Obj;
  deprecated: boolean;
  parameters: Map<string, Obj>;
  /** Request body: `required` and schema per media type (2.0 `in: body` becomes one). */
  body?: { node: Obj; required: boolean; content: Map<string, { node: Obj; schema?: Obj }> };
  responses: Map<string, { node: Obj; content: Map<string, { node: Obj; schema?: Obj }> }>;
}

export function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

/**
 * The operations of webhooks both versions define, named `webhook:<name>` as oasdiff names
 * them (a webhook added or removed as a whole is reported as such instead).
 */
function webhookOperations(doc: OpenApiDoc, names: Set<string>): Operation[] {
  const out: Operation[] = [];
  const hooks = doc.root.webhooks;
  if (!isObj(hooks)) return out;
  for (const name of Object.keys(hooks)) {
    const pathItem = doc.deref(hooks[name]);
    if (!names.has(name) || !isObj(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      const path = `webhook:${name}`;
      if (isObj(op)) out.push({ path, method, label: `${method.toUpperCase()} ${path}`, op, pathItem });
    }
  }
  return out;
}

/** Reads every operation of a document into the comparable model. */
export function readEndpoints(doc: OpenApiDoc, webhooks: Set<string> = new Set()): Map<string, Endpoint> {
  const out = new Map<string, Endpoint>();
  const root = doc.root;
  const oas2 = doc.version === '2.0';
  const globalConsumes = Array.isArray(root.consumes) ? (root.consumes as string[]) : ['application/json'];
  const globalProduces = Array.isArray(root.produces) ? (root.produces as string[]) : ['application/json'];
  for (const operation of [...doc.operations(), ...webhookOperations(doc, webhooks)]) {
    const { op, path, method, label } = operation;
    const key = `${method.toUpperCase()} ${normalizePath(path)}`;
    const parameters = new Map<string, Obj>();
    let body: Endpoint['body'];
    for (const p of doc.parameters(operation)) {
      if (p.in === 'body') {
        const consumes = Array.isArray(op.consumes) ? (op.consumes as string[]) : globalConsumes;
        const schema = doc.deref(p.schema);
        body = { node: p, required: p.required === true, content: new Map(consumes.map((m) => [m, { node: p, schema: isObj(schema) ? schema : undefined }])) };
      } else if (typeof p.name === 'string') {
        parameters.set(`${String(p.in)} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
      }
    }
    const requestBody = doc.deref(op.requestBody);
    if (!oas2 && isObj(requestBody)) {
      body = { node: requestBody, required: requestBody.required === true, content: mediaMap(doc, requestBody.content) };
    }
    const responses = new Map<string, { node: Obj; content: Map<string, { node: Obj; schema?: Obj }> }>();
    const rawResponses = doc.deref(op.responses);
    if (isObj(rawResponses)) {
      for (const [code, raw] of Object.entries(rawResponses)) {
        const response = doc.deref(raw);
        if (!isObj(response) || code.startsWith('x-')) continue;
        if (oas2) {
          const produces = Array.isArray(op.produces) ? (op.produces as string[]) : globalProduces;
          const schema = doc.deref(response.schema);
          responses.set(code, {
            node: response,
            content: isObj(schema) ? new Map(produces.map((m) => [m, { node: response, schema }])) : new Map(),
          });
        } else {
          responses.set(code, { node: response, content: mediaMap(doc, response.content) });
        }
      }
    }
    out.set(key, {
      key,
      label,
      path,
      method,
      op,
      deprecated: op.deprecated === true,
      parameters,
      body,
      responses,
    });
  }
  return out;
}

function mediaMap(doc: OpenApiDoc, content: unknown): Map<string, { node: Obj; schema?: Obj }> {
  const out = new Map<string, { node: Obj; schema?: Obj }>();
  if (!isObj(content)) return out;
  for (const [media, raw] of Object.entries(content)) {
    const m = doc.deref(raw);
    if (!isObj(m)) continue;
    const schema = doc.deref(m.schema);
    out.set(media, { node: m, schema: isObj(schema) ? schema : undefined });
  }
  return out;
}

/**
 * A schema's object view: properties and required names with allOf parts merged in, so that
 * splitting a schema into allOf pieces or moving it to components is no change.
 */
export function flatten(doc: OpenApiDoc, schema: Obj, depth = 0): { properties: Map<string, Obj>; required: Set<string> } {
  const properties = new Map<string, Obj>();
  const required = new Set<string>();
  if (depth > 16) return { properties, required };
  if (isObj(schema.properties)) {
    for (const [name, raw] of Object.entries(schema.properties)) {
      const p = doc.deref(raw);
      if (isObj(p)) properties.set(name, p);
    }
  }
  if (Array.isArray(schema.required)) for (const r of schema.required) if (typeof r === 'string') required.add(r);
  if (Array.isArray(schema.allOf)) {
    for (const raw of schema.allOf) {
      const part = doc.deref(raw);
      if (!isObj(part)) continue;
      const sub = flatten(doc, part, depth + 1);
      for (const [k, v] of sub.properties) if (!properties.has(k)) properties.set(k, v);
      for (const r of sub.required) required.add(r);
    }
  }
  return { properties, required };
}
