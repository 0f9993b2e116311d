import { isObj, type OpenApiDoc } from '../shared/openapi';

/** Keywords that annotate a schema without changing which instances it accepts (oasdiff's list). */
export const ANNOTATION_KEYS = new Set(['title', 'description', 'default', 'example', 'examples', 'externalDocs', '$comment']);

/**
 * Whether two nodes of two documents are the same once `$ref`s are followed. With
 * `annotations: false`, annotation keywords are ignored at every level: oasdiff's
 * "validation-equivalent". A pair met again while being compared (a recursive schema)
 * counts as equal, so cycles terminate.
 */
export function sameResolved(docA: OpenApiDoc, a: unknown, docB: OpenApiDoc, b: unknown, annotations = true): boolean {
  const open = new Map<object, Set<object>>();
  const eq = (x: unknown, y: unknown, depth: number): boolean => {
    x = docA.deref(x);
    y = docB.deref(y);
    if (x === y && (x === null || typeof x !== 'object')) return true;
    if (typeof x !== typeof y || x === null || y === null || typeof x !== 'object') return Number.isNaN(x) && Number.isNaN(y);
    if (depth > 64) return true;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const pending = open.get(x as object);
    if (pending?.has(y as object)) return true;
    if (pending) pending.add(y as object);
    else open.set(x as object, new Set([y as object]));
    if (Array.isArray(x)) {
      const ys = y as unknown[];
      return x.length === ys.length && x.every((v, i) => eq(v, ys[i], depth + 1));
    }
    const keep = (k: string) => annotations || !ANNOTATION_KEYS.has(k);
    const kx = Object.keys(x as object).filter(keep);
    const ky = Object.keys(y as object).filter(keep);
    if (kx.length !== ky.length) return false;
    return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && eq((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], depth + 1));
  };
  return eq(a, b, 0);
}

/** A schema holding only annotation keywords: it accepts everything, like `{}`. */
export function annotationOnly(doc: OpenApiDoc, schema: unknown): boolean {
  const s = doc.deref(schema);
  return isObj(s) && Object.keys(s).every((k) => ANNOTATION_KEYS.has(k));
}
