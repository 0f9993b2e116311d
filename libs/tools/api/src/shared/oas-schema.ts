import { Validator, type OutputUnit } from '@cfworker/json-schema';
import type { JsonPath } from './source';
import type { OasVersion, Obj } from './openapi';
import { oas2Schema } from './oas-schemas/oas2.schema';
import { oas30Schema } from './oas-schemas/oas3-0.schema';
import { oas31Schema } from './oas-schemas/oas3-1.schema';
import { draft04Schema } from './oas-schemas/draft-04.schema';

const DRAFT04_ID = 'http://json-schema.org/draft-04/schema';

export interface SchemaError {
  path: JsonPath;
  message: string;
}

const SCHEMAS: Record<OasVersion, Record<string, unknown>> = { '2.0': oas2Schema, '3.0': oas30Schema, '3.1': oas31Schema };
const validators = new Map<OasVersion, Validator>();

/**
 * Keywords whose failure only says "something below failed": the failure below is the one
 * reported (as ajv reports it). `if` is dropped as Spectral drops it.
 */
const WRAPPERS = new Set([
  'properties', 'patternProperties', 'items', 'prefixItems', 'additionalItems', '$ref', '$dynamicRef', '$recursiveRef',
  'allOf', 'if', 'then', 'else', 'dependentSchemas', 'contains', 'propertyNames', 'false',
]);

/**
 * Validates a document against Spectral's OpenAPI document schema with @cfworker/json-schema
 * (ajv cannot run in workerd: it generates code) and words the errors as Spectral does
 * (ajv messages, `errorMessage` overrides, `"x" property ...` prefixes).
 */
export function validateOasDocument(doc: unknown, version: OasVersion): SchemaError[] {
  let validator = validators.get(version);
  if (!validator) {
    validator = new Validator(SCHEMAS[version] as never, '2020-12', false);
    validator.addSchema(draft04Schema as never, DRAFT04_ID);
    validators.set(version, validator);
  }
  const root = SCHEMAS[version];
  const { errors } = validator.validate(doc);
  // Errors inside an anyOf/oneOf branch are noise once the anyOf/oneOf itself is reported.
  const branchFailures = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.keywordLocation + '/');
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (WRAPPERS.has(error.keyword)) continue;
    if (error.keyword === 'additionalProperties' && !isFalseSchema(root, error.keywordLocation)) continue;
    if (branchFailures.some((prefix) => error.keywordLocation.startsWith(prefix))) continue;
    const result = describe(root, doc, error);
    if (!result) continue;
    const key = `${result.path.join('\u0000')}|${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(result);
  }
  return out;
}

function describe(root: Record<string, unknown>, doc: unknown, error: OutputUnit): SchemaError | undefined {
  const path = pointerToPath(error.instanceLocation);
  const { chain, depths } = schemaChain(root, error.keywordLocation);
  const node = chain[chain.length - 1] ?? {};
  const property = path.length === 0 ? null : String(path[path.length - 1]);
  const descended = depths[depths.length - 1] ?? 0;
  // The instance path where chain[i] applied: descending keywords after it go below it.
  const pathAt = (i: number) => path.slice(0, Math.max(0, path.length - (descended - depths[i])));
  // ajv-errors: a string errorMessage replaces every error below its schema (the outermost
  // wins); an object one replaces errors of the keywords it names on that schema, errors under
  // the properties it names, and (`_`) any other error below it.
  for (let i = 0; i < chain.length; i++) {
    if (typeof chain[i].errorMessage === 'string') return { path: pathAt(i), message: chain[i].errorMessage as string };
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const custom = chain[i].errorMessage;
    if (!custom || typeof custom !== 'object') continue;
    const messages = custom as Obj;
    if (i === chain.length - 1 && typeof messages[error.keyword] === 'string') return { path, message: messages[error.keyword] as string };
    const here = pathAt(i);
    const child = path[here.length];
    if (isObjLike(messages.properties) && child !== undefined && typeof messages.properties[String(child)] === 'string')
      return { path: [...here, child], message: messages.properties[String(child)] as string };
    if (typeof messages._ === 'string') return { path: here, message: messages._ };
  }
  if (error.keyword === 'format' && node.format === 'regex') {
    // ajv (Spectral) compiles patterns without the unicode flag; only a pattern that does not
    // compile at all is invalid.
    try {
      new RegExp(String(valueAt(doc, path)));
      return undefined;
    } catch {
      /* reported below */
    }
  }
  const prefixed = (m: string) => (property === null ? m : `"${property}" property ${m}`);
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = /Property "(.*)" does not match/.exec(error.error)?.[1] ?? '';
      return { path: [...path, extra], message: `Property "${extra}" is not expected to be here` };
    }
    case 'unevaluatedProperties':
      return { path, message: prefixed('must not have unevaluated properties') };
    case 'required': {
      const missing = /required property "(.*)"/.exec(error.error)?.[1] ?? '';
      return { path, message: prefixed(`must have required property "${missing}"`) };
    }
    case 'type': {
      const t = node.type;
      return { path, message: prefixed(`type must be ${Array.isArray(t) ? t.join(',') : String(t)}`) };
    }
    case 'enum': {
      const allowed = Array.isArray(node.enum) ? node.enum : [];
      const value = valueAt(doc, path);
      const best = typeof value === 'string' ? bestMatch(value, allowed) : null;
      const printed = allowed.map((v) => JSON.stringify(v)).join(', ');
      return {
        path,
        message: `${prefixed('must be equal to one of the allowed values')}: ${printed}${best !== null ? `. Did you mean "${best}"?` : ''}`,
      };
    }
    case 'const':
      return { path, message: prefixed('must be equal to constant') };
    case 'pattern':
      return { path, message: prefixed(`must match pattern "${String(node.pattern)}"`) };
    case 'format':
      return { path, message: prefixed(`must match format "${String(node.format)}"`) };
    case 'minItems':
      return { path, message: prefixed(`must not have fewer than ${String(node.minItems)} items`) };
    case 'maxItems':
      return { path, message: prefixed(`must not have more than ${String(node.maxItems)} items`) };
    case 'minProperties':
      return { path, message: prefixed(`must not have fewer than ${String(node.minProperties)} properties`) };
    case 'maxProperties':
      return { path, message: prefixed(`must not have more than ${String(node.maxProperties)} properties`) };
    case 'minLength':
      return { path, message: prefixed(`must not have fewer than ${String(node.minLength)} characters`) };
    case 'uniqueItems':
      return { path, message: prefixed('must not have duplicate items') };
    case 'minimum':
      return { path, message: prefixed(`must be >= ${String(node.minimum)}`) };
    case 'not':
      return { path, message: prefixed('must not be valid') };
    case 'anyOf':
      return { path, message: prefixed('must match a schema in anyOf') };
    case 'oneOf':
      return { path, message: prefixed('must match exactly one schema in oneOf') };
    default:
      return { path, message: prefixed(error.error.replace(/^Instance /, '').replace(/\.$/, '')) };
  }
}

function isFalseSchema(root: Record<string, unknown>, keywordLocation: string): boolean {
  const { chain } = schemaChain(root, keywordLocation);
  return chain[chain.length - 1]?.additionalProperties === false;
}

const isObjLike = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keywords whose subschema applies to a child of the instance (and how many segments name the child). */
const DESCENDING: Record<string, number> = { properties: 1, patternProperties: 1, additionalProperties: 0, items: 0, prefixItems: 1, additionalItems: 0, unevaluatedProperties: 0, unevaluatedItems: 0 };

/**
 * The schema objects along a cfworker keyword location (`#/properties/paths/$ref/...`),
 * following each `$ref` segment to its target; the last one holds the failing keyword.
 * `depths[i]` counts how many instance levels the walk had descended at chain[i].
 */
function schemaChain(root: Record<string, unknown>, keywordLocation: string): { chain: Obj[]; depths: number[] } {
  const segments = keywordLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeSegment);
  segments.pop();
  const chain: Obj[] = [root];
  const depths: number[] = [0];
  let node: unknown = root;
  let depth = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (!isObjLike(node)) break;
    if (seg === '$ref' && typeof node.$ref === 'string') {
      node = resolveLocal(root, node.$ref);
    } else if (seg in DESCENDING && seg !== 'items') {
      const skip = DESCENDING[seg];
      node = node[seg];
      for (let k = 0; k < skip && i + 1 < segments.length; k++) node = isObjLike(node) ? node[segments[++i]] : undefined;
      depth++;
    } else if (seg === 'items') {
      node = node.items;
      if (Array.isArray(node) && i + 1 < segments.length) node = node[Number(segments[++i])];
      depth++;
    } else {
      node = (node as Obj)[seg];
    }
    if (isObjLike(node)) {
      chain.push(node);
      depths.push(depth);
    }
  }
  return { chain, depths };
}

function resolveLocal(root: Record<string, unknown>, ref: string): unknown {
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  let node: unknown = ref.startsWith(DRAFT04_ID) ? draft04Schema : root;
  for (const seg of ref.slice(hash + 2).split('/').filter(Boolean).map(decodeSegment)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Obj)[seg];
  }
  return node;
}

function decodeSegment(seg: string): string {
  return decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointerToPath(pointer: string): JsonPath {
  return pointer.replace(/^#\/?/, '').split('/').filter((s, i, all) => s !== '' || all.length > 1).map(decodeSegment);
}

function valueAt(doc: unknown, path: JsonPath): unknown {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Obj)[key as string];
  }
  return node;
}

/** Spectral's "Did you mean" suggestion: the closest allowed value by edit distance. */
function bestMatch(value: string, allowed: unknown[]): string | null {
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  if (strings.length === 0) return null;
  const ranked = strings.map((v) => ({ v, d: levenshtein(value, v) })).sort((a, b) => a.d - b.d);
  return allowed.length === 1 || ranked[0].d < ranked[0].v.length ? ranked[0].v : null;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
