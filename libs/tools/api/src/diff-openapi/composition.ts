import { isObj, type Obj } from '../shared/openapi';
import type { Ctx } from './context';
import { annotationOnly, sameResolved } from './equivalence';
import { atA, atB, propName, report, scopeOf, type SchemaNode } from './schema-node';

// oneOf / anyOf / allOf membership, discriminators and the oneOf wrapping of a body
// (oasdiff check_*_one_of_updated, *_any_of_*, *_all_of_*, *_discriminator_updated,
// diff/subschemas_diff.go for how members are matched).

interface Sub {
  index: number;
  component: string;
  title: string;
}

/** oasdiff's name for a member: its title, else its component, else its 1-based position. */
const subName = (s: Sub) => (s.title ? `subschema #${s.index + 1}: ${s.title}` : s.component ? `#/components/schemas/${s.component}` : `subschema #${s.index + 1}`);
const names = (subs: Sub[]) => subs.map(subName).join(', ');

export interface ModifiedSub {
  /** Path segment for the member's own changes, as oasdiff names it (`oneOf[#/components/schemas/Card]`). */
  segment: string;
  a: Obj;
  b: Obj;
}

interface SubDiff {
  added: Sub[];
  deleted: Sub[];
  modified: ModifiedSub[];
}

const refOf = (raw: unknown) => (isObj(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined);
const componentOf = (raw: unknown) => {
  const ref = refOf(raw);
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : '';
};

/**
 * Matches the members of two subschema lists as oasdiff does: `$ref`s by reference; inline
 * members first by identity, then by title, then a lone untitled pair; finally a member that
 * moved between inline and `$ref` without changing what it validates is no change.
 */
function diffSubschemas(ctx: Ctx, listA: unknown[], listB: unknown[], kind: string): SubDiff {
  const A = listA.map((raw) => ({ raw, value: ctx.before.deref(raw) }));
  const B = listB.map((raw) => ({ raw, value: ctx.after.deref(raw) }));
  const title = (v: unknown) => (isObj(v) && typeof v.title === 'string' ? v.title : '');
  const sub = (list: typeof A, i: number, withComponent: boolean): Sub => ({ index: i, component: withComponent ? componentOf(list[i].raw) : '', title: withComponent ? '' : title(list[i].value) });
  const out: SubDiff = { added: [], deleted: [], modified: [] };
  const pairs: [number, number][] = [];

  // 1. References, by reference.
  const takenB = new Set<number>();
  for (let i = 0; i < A.length; i++) {
    const ref = refOf(A[i].raw);
    if (!ref) continue;
    const j = B.findIndex((m, k) => !takenB.has(k) && refOf(m.raw) === ref);
    if (j >= 0) {
      takenB.add(j);
      pairs.push([i, j]);
    } else out.deleted.push(sub(A, i, true));
  }
  const takenA = new Set<number>();
  for (let j = 0; j < B.length; j++) {
    const ref = refOf(B[j].raw);
    if (!ref) continue;
    const i = A.findIndex((m, k) => !takenA.has(k) && refOf(m.raw) === ref);
    if (i >= 0) takenA.add(i);
    else out.added.push(sub(B, j, true));
  }

  // 2. Inline members: identical ones match; the rest pair by title, or as a lone untitled pair.
  const unmatched = (from: typeof A, fromDoc: 'before' | 'after', to: typeof B) => {
    const used = new Set<number>();
    const result: number[] = [];
    from.forEach((m, i) => {
      if (refOf(m.raw)) return;
      const j = to.findIndex((o, k) => !used.has(k) && !refOf(o.raw) && (fromDoc === 'before' ? sameResolved(ctx.before, m.raw, ctx.after, o.raw) : sameResolved(ctx.before, o.raw, ctx.after, m.raw)));
      if (j >= 0) used.add(j);
      else result.push(i);
    });
    return result;
  };
  let addedIdx = unmatched(B, 'after', A);
  let deletedIdx = unmatched(A, 'before', B);
  const titles = new Set<string>();
  for (const j of [...addedIdx]) {
    const t = title(B[j].value);
    if (!t || titles.has(t)) continue;
    const i = deletedIdx.find((d) => title(A[d].value) === t);
    if (i === undefined) continue;
    titles.add(t);
    pairs.push([i, j]);
    addedIdx = addedIdx.filter((x) => x !== j);
    deletedIdx = deletedIdx.filter((x) => x !== i);
  }
  if (addedIdx.length === 1 && deletedIdx.length === 1 && !title(B[addedIdx[0]].value) && !title(A[deletedIdx[0]].value)) {
    pairs.push([deletedIdx[0], addedIdx[0]]);
    addedIdx = [];
    deletedIdx = [];
  }
  out.added.push(...addedIdx.map((j) => sub(B, j, false)));
  out.deleted.push(...deletedIdx.map((i) => sub(A, i, false)));

  // 3. An inline member replaced by an equivalent $ref (or back) is a refactoring.
  const matchedAdded = new Set<Sub>();
  out.deleted = out.deleted.filter((d) => {
    const hit = out.added.find((a) => !matchedAdded.has(a) && !refOf(A[d.index].raw) !== !refOf(B[a.index].raw) && sameResolved(ctx.before, A[d.index].raw, ctx.after, B[a.index].raw, false));
    if (hit) matchedAdded.add(hit);
    return !hit;
  });
  out.added = out.added.filter((a) => !matchedAdded.has(a));

  for (const [i, j] of pairs) {
    const a = A[i].value;
    const b = B[j].value;
    if (!isObj(a) || !isObj(b) || sameResolved(ctx.before, A[i].raw, ctx.after, B[j].raw)) continue;
    const base = subName({ index: i, component: componentOf(A[i].raw), title: title(a) });
    const rev = subName({ index: j, component: componentOf(B[j].raw), title: title(b) });
    out.modified.push({ segment: `${kind}[${base === rev ? base : `${base} -> ${rev}`}]`, a, b });
  }
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reports composition changes at a body or property node; returns the modified oneOf/anyOf members to descend into. */
export function checkComposition(ctx: Ctx, n: SchemaNode): ModifiedSub[] {
  const scope = scopeOf(n);
  if (scope !== 'body' && scope !== 'property') return [];
  const { site } = n;
  const word = `${site.dir}-${scope}`;
  const args = (members: string) => [members, ...(scope === 'property' ? [propName(n)] : []), ...(site.dir === 'response' ? [site.status!] : [])];
  const modified: ModifiedSub[] = [];

  if (n.t.oneOfWrap && scope === 'body') {
    report(ctx, n, `${site.dir}-body-wrapped-in-one-of`, [], atB(n, 'oneOf'), site.dir === 'request' ? 'Keep the body a single object schema; under oneOf a payload matching two alternatives is rejected.' : 'Keep the response a single object schema; clients relied on its properties being present.');
  }
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const la = list(n.a[kind]);
    const lb = list(n.b[kind]);
    if (la.length === 0 && lb.length === 0) continue;
    const d = diffSubschemas(ctx, la, lb, kind);
    const id = kind === 'oneOf' ? 'one-of' : 'any-of';
    if (d.added.length) report(ctx, n, `${word}-${id}-added`, args(names(d.added)), atB(n, kind), `Do not add alternatives to the ${kind} clients decode, or version the response.`);
    if (d.deleted.length) report(ctx, n, `${word}-${id}-removed`, args(names(d.deleted)), atA(n, kind), `Keep accepting ${names(d.deleted)}.`);
    modified.push(...d.modified);
  }
  // allOf parts are merged into one object view (see flatten), so moving a schema into an
  // allOf is no change; only edits of an allOf that exists on both sides are reported.
  const pa = list(n.a.allOf);
  const pb = list(n.b.allOf);
  if (pa.length > 0 && pb.length > 0) {
    const d = diffSubschemas(ctx, pa, pb, 'allOf');
    const added = d.added.filter((s) => !annotationOnly(ctx.after, pb[s.index]));
    const addedNotes = d.added.filter((s) => annotationOnly(ctx.after, pb[s.index]));
    const deleted = d.deleted.filter((s) => !annotationOnly(ctx.before, pa[s.index]));
    const deletedNotes = d.deleted.filter((s) => annotationOnly(ctx.before, pa[s.index]));
    if (added.length) report(ctx, n, `${word}-all-of-added`, args(names(added)), atB(n, 'allOf'), `Requests valid before must stay valid: fold ${names(added)} into a new version instead.`);
    if (addedNotes.length) report(ctx, n, `${word}-all-of-added-annotation-only`, args(names(addedNotes)), atB(n, 'allOf'));
    if (deleted.length) report(ctx, n, `${word}-all-of-removed`, args(names(deleted)), atA(n, 'allOf'), `Check that clients do not rely on the constraints of ${names(deleted)}.`);
    if (deletedNotes.length) report(ctx, n, `${word}-all-of-removed-annotation-only`, args(names(deletedNotes)), atA(n, 'allOf'));
  }
  discriminator(ctx, n);
  return modified;
}

function discriminator(ctx: Ctx, n: SchemaNode): void {
  const da = ctx.before.deref(n.a.discriminator);
  const db = ctx.after.deref(n.b.discriminator);
  if (!isObj(da) && !isObj(db)) return;
  const scope = scopeOf(n);
  const { site } = n;
  const word = `${site.dir}-${scope}-discriminator`;
  const prop = scope === 'property' ? [propName(n)] : [];
  const status = site.dir === 'response' ? [site.status!] : [];
  const at = atB(n, 'discriminator');
  if (!isObj(da)) return report(ctx, n, `${word}-added`, [...prop, ...status], at);
  if (!isObj(db)) return report(ctx, n, `${word}-removed`, [...prop, ...status], atA(n, 'discriminator'));
  if (da.propertyName !== db.propertyName) report(ctx, n, `${word}-property-name-changed`, [...prop, String(da.propertyName ?? ''), String(db.propertyName ?? ''), ...status], at);
  const ma = isObj(da.mapping) ? da.mapping : {};
  const mb = isObj(db.mapping) ? db.mapping : {};
  const added = Object.keys(mb).filter((k) => !(k in ma)).sort();
  const deleted = Object.keys(ma).filter((k) => !(k in mb)).sort();
  // Mapping messages name the keys first and the property after them.
  if (added.length) report(ctx, n, `${word}-mapping-added`, [added.join(', '), ...prop, ...status], at);
  if (deleted.length) report(ctx, n, `${word}-mapping-deleted`, [deleted.join(', '), ...prop, ...status], at);
  for (const k of Object.keys(ma).sort()) {
    if (k in mb && ma[k] !== mb[k]) report(ctx, n, `${word}-mapping-changed`, [k, String(ma[k]), String(mb[k]), ...prop, ...status], at);
  }
}
