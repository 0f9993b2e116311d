import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { emit, type Ctx } from './context';
import type { Endpoint } from './endpoint-model';
import { compareSchemaTree } from './schema-diff';

// Response headers of a status both versions return (oasdiff check_response_header_*.go).
// Header names compare as written, as oasdiff compares them.

function headersOf(doc: OpenApiDoc, response: Obj): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const raw = doc.deref(response.headers);
  if (!isObj(raw)) return out;
  for (const [name, h] of Object.entries(raw)) {
    const header = doc.deref(h);
    if (isObj(header)) out.set(name, header);
  }
  return out;
}

/** A 3.x header's schema; a Swagger 2.0 header carries its type itself. */
function headerSchema(doc: OpenApiDoc, header: Obj): Obj {
  const s = doc.deref(header.schema);
  return isObj(s) ? s : header;
}

export function compareHeaders(ctx: Ctx, n: Endpoint, status: string, before: Obj, after: Obj): void {
  const op = n.label;
  const ha = headersOf(ctx.before, before);
  const hb = headersOf(ctx.after, after);
  for (const [name, h] of ha) {
    if (hb.has(name)) continue;
    const required = h.required === true;
    emit(ctx, required ? 'required-response-header-removed' : 'optional-response-header-removed', [name, status], { side: 'before', node: h }, {
      op,
      fix: `Keep sending the ${name} header with ${status} responses${required ? '; it was promised to every client' : ' while clients may still read it'}.`,
    });
  }
  for (const [name, h] of hb) {
    if (!ha.has(name)) emit(ctx, 'response-header-added', [name, status], { side: 'after', node: h }, { op });
  }
  for (const [name, a] of ha) {
    const b = hb.get(name);
    if (!b) continue;
    if (a.required === true && b.required !== true) {
      emit(ctx, 'response-header-became-optional', [name, status], { side: 'after', node: b, key: 'required' }, { op, fix: `Keep the ${name} header required; clients read it from every ${status} response.` });
    }
    compareSchemaTree(ctx, { dir: 'response', root: 'header', op, opNode: n.op, status, header: name }, headerSchema(ctx.before, a), headerSchema(ctx.after, b));
  }
}
