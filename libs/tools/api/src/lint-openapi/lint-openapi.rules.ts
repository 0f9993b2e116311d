import type { RuleDoc } from '@mcp/core-protocol';
import { FindingSink, HTTP_METHODS, isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { validateOasDocument } from '../shared/oas-schema';
import { checkRestNaming, REST_NAMING_RULES } from './rest-naming.rules';

const SPECTRAL_DOCS = 'https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules';

const spectral = (id: string, severity: RuleDoc['severity'], summary: string): RuleDoc => ({
  id,
  severity,
  summary,
  docs: `${SPECTRAL_DOCS}#${id}`,
});

/** Spectral `spectral:oas` rules this tool ports, with Spectral's own severities. */
export const OAS_RULES: RuleDoc[] = [
  spectral('operation-operationId', 'warning', 'Operation must have "operationId".'),
  spectral('operation-operationId-unique', 'error', 'Every operation must have a unique "operationId".'),
  spectral('operation-tags', 'warning', 'Operation must have a non-empty "tags" array.'),
  spectral('operation-description', 'warning', 'Operation "description" must be present and non-empty.'),
  spectral('operation-success-response', 'warning', 'Operation must have at least one 2xx or 3xx response.'),
  spectral('operation-parameters', 'warning', 'Operation parameters are unique and non-repeating.'),
  spectral('path-params', 'error', 'Path parameters must be defined, required and used.'),
  spectral('path-keys-no-trailing-slash', 'warning', 'Path must not end with a slash.'),
  spectral('no-$ref-siblings', 'error', 'No property may be placed beside a $ref (OpenAPI 2.0 and 3.0).'),
  spectral('oas3-unused-component', 'warning', 'A component is defined but never referenced.'),
  spectral('oas3-schema', 'error', 'The document must validate against the OpenAPI 3.x schema.'),
  spectral('oas2-schema', 'error', 'The document must validate against the OpenAPI 2.0 schema.'),
  spectral('info-contact', 'warning', 'Info object must have a "contact" object.'),
  spectral('info-description', 'warning', 'Info "description" must be present and non-empty.'),
  spectral('tag-description', 'warning', 'Tag object must have a "description".'),
  spectral('typed-enum', 'warning', 'Enum values must respect the declared type.'),
];

export const LINT_RULES: RuleDoc[] = [...OAS_RULES, ...REST_NAMING_RULES];

const severityOf = new Map(LINT_RULES.map((r) => [r.id, r.severity]));
const docsOf = (id: string) => LINT_RULES.find((r) => r.id === id)?.docs;

const truthy = (v: unknown) => Boolean(v);

export function lintOpenApi(doc: OpenApiDoc): FindingSink {
  const sink = new FindingSink(doc, docsOf);
  const add: Add = (id, where, message, fix, extra) => sink.add(id, severityOf.get(id) ?? 'warning', where, message, fix, extra);
  const root = doc.root;

  // info-contact, info-description: reported on `info` (or the root when it is missing).
  const info = isObj(root.info) ? root.info : undefined;
  if (!truthy(info?.contact))
    add('info-contact', ['info', 'contact'], 'Info object must have a "contact" object.', 'Add info.contact with name, url and email of the API owner.');
  if (!truthy(info?.description))
    add('info-description', ['info', 'description'], 'Info "description" must be present and non-empty string.', 'Describe what the API does in info.description.');

  if (Array.isArray(root.tags)) {
    root.tags.forEach((tag, i) => {
      if (!truthy(isObj(tag) ? tag.description : undefined)) {
        const name = isObj(tag) ? String(tag.name) : String(i);
        add('tag-description', ['tags', i, 'description'], `Tag "${name}" must have a "description".`, `Add a description to tag "${name}".`);
      }
    });
  }

  checkOperations(doc, add);
  checkPathParams(doc, add);
  checkPathKeys(doc, add);
  checkRefSiblings(doc, add);
  checkTypedEnum(doc, add);
  if (doc.isOas3) checkUnusedComponents(doc, add);
  for (const error of validateOasDocument(root, doc.version)) {
    add(doc.isOas3 ? 'oas3-schema' : 'oas2-schema', error.path, `${error.message}.`, 'Correct the document so that it matches the OpenAPI specification.');
  }
  checkRestNaming(doc, add);
  return sink;
}

export type Add = (
  id: string,
  where: Parameters<FindingSink['add']>[2],
  message: string,
  fix: string,
  extra?: Record<string, unknown>,
) => void;

function checkOperations(doc: OpenApiDoc, add: Add): void {
  const seenIds = new Set<unknown>();
  for (const operation of doc.operations()) {
    const { op, label } = operation;
    const extra = { operation: label };
    if (!truthy(op.operationId))
      add('operation-operationId', [...doc.where(op), 'operationId'], `${label}: operation must have "operationId".`, 'Add a unique operationId (such as getOrder) so clients and generators can name the call.', extra);
    else if (seenIds.has(op.operationId))
      add('operation-operationId-unique', { node: op, key: 'operationId' }, `${label}: operationId "${String(op.operationId)}" must be unique.`, 'Rename this operationId; each operation needs its own.', extra);
    if ('operationId' in op) seenIds.add(op.operationId);
    if (!Array.isArray(op.tags) || op.tags.length === 0)
      add('operation-tags', [...doc.where(op), 'tags'], `${label}: operation must have non-empty "tags" array.`, 'Add at least one tag to group the operation in documentation.', extra);
    if (!truthy(op.description))
      add('operation-description', [...doc.where(op), 'description'], `${label}: operation "description" must be present and non-empty string.`, 'Describe what the operation does, its side effects and errors.', extra);
    const responses = doc.deref(op.responses);
    if (isObj(responses)) {
      const ok = Object.keys(responses).some(
        (code) => (doc.isOas3 && (code === '2XX' || code === '3XX')) || (Number(code) >= 200 && Number(code) < 400),
      );
      if (!ok)
        add('operation-success-response', { node: op, key: 'responses' }, `${label}: operation must define at least a single 2xx or 3xx response.`, 'Add the success response (200, 201, 204 or a redirect) the operation returns.', extra);
    }
    checkOperationParameters(doc, op, label, add);
  }
}

/** Spectral's oasOpParams on `#OperationObject.parameters` (path-level parameters are not included). */
function checkOperationParameters(doc: OpenApiDoc, op: Obj, label: string, add: Add): void {
  const params = op.parameters;
  if (!Array.isArray(params) || params.length < 2) return;
  const seen = new Set<string>();
  const body: number[] = [];
  const formData: number[] = [];
  params.forEach((raw, i) => {
    const p = doc.deref(raw);
    if (!isObj(p) || '$ref' in p) return;
    const fingerprint = `${String(p.in)}-${String(p.name)}`;
    if (seen.has(fingerprint))
      add('operation-parameters', { node: params, key: i }, `${label}: a parameter in this operation already exposes the same combination of "name" and "in" values (${String(p.name)} in ${String(p.in)}).`, 'Remove the duplicate parameter or rename it.', { operation: label });
    else seen.add(fingerprint);
    if (p.in === 'body') body.push(i);
    if (p.in === 'formData') formData.push(i);
  });
  if (body.length > 0 && formData.length > 0)
    add('operation-parameters', { node: params }, `${label}: operation must not have both "in:body" and "in:formData" parameters.`, 'Send either a body or form fields, not both.', { operation: label });
  for (const i of body.slice(1))
    add('operation-parameters', { node: params, key: i }, `${label}: operation must not have more than a single instance of the "in:body" parameter.`, 'Merge the body parameters into one schema.', { operation: label });
}

const PATH_PARAM = /(\{;?\??[a-zA-Z0-9_-]+\*?\})/g;

/** Spectral's oasPathParam: equivalent paths, repeated/undeclared/unused/optional path parameters. */
function checkPathParams(doc: OpenApiDoc, add: Add): void {
  const paths = doc.root.paths;
  if (!isObj(paths)) return;
  const normalized = new Map<string, string>();
  for (const path of Object.keys(paths)) {
    const item = doc.deref(paths[path]);
    if (!isObj(item)) continue;
    const norm = path.replace(PATH_PARAM, '%');
    const prior = normalized.get(norm);
    if (prior !== undefined)
      add('path-params', ['paths', path], `Paths "${prior}" and "${path}" must not be equivalent.`, 'Merge the two paths; they only differ in parameter names.');
    else normalized.set(norm, path);
    const expected: string[] = [];
    for (const m of path.matchAll(PATH_PARAM)) {
      const name = m[0].replace(/[{}?*;]/g, '');
      if (expected.includes(name))
        add('path-params', ['paths', path], `Path "${path}" must not use parameter "{${name}}" multiple times.`, 'Give each path parameter its own name.');
      else expected.push(name);
    }
    const collect = (list: unknown, into: Map<string, { node: object; key: number }>) => {
      if (!Array.isArray(list)) return;
      list.forEach((raw, i) => {
        const p = doc.deref(raw);
        if (!isObj(p) || p.in !== 'path' || p.name === undefined) return;
        // A $ref'd parameter is reported where it is defined.
        const at = raw !== p ? { node: p } : { node: list, key: i };
        if (p.required !== true)
          add('path-params', at, `Path parameter "${String(p.name)}" must have "required" property that is set to "true".`, 'Set required: true; path parameters are always required.');
        if (into.has(String(p.name)))
          add('path-params', at, `Path parameter "${String(p.name)}" must not be defined multiple times.`, 'Remove the repeated definition.');
        else into.set(String(p.name), at as { node: object; key: number });
      });
    };
    const top = new Map<string, { node: object; key: number }>();
    collect(item.parameters, top);
    for (const method of Object.keys(item)) {
      const op = item[method];
      if (!isObj(op) || !(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const own = new Map<string, { node: object; key: number }>();
      collect(op.parameters, own);
      const defined = new Map([...top, ...own]);
      const label = `${method.toUpperCase()} ${path}`;
      for (const [name, at] of defined) {
        if (!expected.includes(name))
          add('path-params', at, `Parameter "${name}" must be used in path "${path}".`, `Add {${name}} to the path or change the parameter's "in".`);
      }
      for (const name of expected) {
        if (!defined.has(name))
          add('path-params', { node: op }, `${label}: operation must define parameter "{${name}}" as expected by path "${path}".`, `Declare the path parameter ${name} (in: path, required: true) on the path item or the operation.`, { operation: label });
      }
    }
  }
}

function checkPathKeys(doc: OpenApiDoc, add: Add): void {
  const paths = doc.root.paths;
  if (!isObj(paths)) return;
  for (const path of Object.keys(paths)) {
    if (/.+\/$/.test(path))
      add('path-keys-no-trailing-slash', ['paths', path], `Path "${path}" must not end with slash.`, `Rename it to "${path.replace(/\/+$/, '')}".`);
  }
}

/** `no-$ref-siblings` runs on the unresolved document, and only for OpenAPI 2.0 and 3.0. */
function checkRefSiblings(doc: OpenApiDoc, add: Add): void {
  if (doc.version === '3.1') return;
  doc.eachNode((node, at) => {
    if (Array.isArray(node) || !('$ref' in node)) return;
    for (const key of Object.keys(node)) {
      if (key !== '$ref')
        add('no-$ref-siblings', [...at.path(), key], `"${key}" must not be placed next to $ref (${String(node.$ref)}): $ref must not be placed next to any other properties.`, `Remove "${key}", or wrap the reference in allOf: [{$ref: ...}] and put "${key}" beside the allOf.`);
    }
  });
}

function jsonType(value: unknown, integer: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return integer && Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Spectral's typedEnum: every enum value must have the declared type (nullable adds "null"). */
function checkTypedEnum(doc: OpenApiDoc, add: Add): void {
  doc.eachNode((node, at) => {
    if (Array.isArray(node) || !Array.isArray(node.enum) || node.type === undefined) return;
    if (!(typeof node.type === 'string' || (Array.isArray(node.type) && node.type.every((t) => typeof t === 'string')))) return;
    let type: string | string[] = node.type as string | string[];
    if ((node.nullable === true && doc.version === '3.0') || (node['x-nullable'] === true && doc.version === '2.0')) {
      type = Array.isArray(type) ? [...type, 'null'] : [type, 'null'];
    }
    const types = Array.isArray(type) ? type : [type];
    const integer = types.includes('integer');
    node.enum.forEach((value, i) => {
      const actual = jsonType(value, integer);
      if (types.includes(actual) || (!Array.isArray(type) && actual === type)) return;
      add('typed-enum', [...at.path(), 'enum', i], `Enum value ${printValue(value)} must be "${types.join(',')}".`, `Change the value to a ${types.join(' or ')} or fix the schema's type.`);
    });
  });
}

function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

const COMPONENT_TYPES = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks'];

/**
 * Spectral's unreferencedReusableObject: a component is used when some `$ref` anywhere in
 * the document (even inside another component) points exactly at it.
 */
function checkUnusedComponents(doc: OpenApiDoc, add: Add): void {
  const components = doc.root.components;
  if (!isObj(components)) return;
  const referenced = new Set<string>();
  doc.eachNode((node) => {
    if (!Array.isArray(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      referenced.add(decodeRef(node.$ref));
    }
  });
  for (const type of COMPONENT_TYPES) {
    const group = components[type];
    if (!isObj(group)) continue;
    for (const name of Object.keys(group)) {
      if (!referenced.has(`#/components/${type}/${name}`))
        add('oas3-unused-component', ['components', type, name], `Potentially unused component has been detected: components.${type}.${name} is never referenced.`, `Reference it with $ref: '#/components/${type}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}' or delete it.`);
    }
  }
}

function decodeRef(ref: string): string {
  return ref
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return s;
      }
    })
    .join('/');
}
