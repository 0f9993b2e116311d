import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { emit, sameValue, type At, type Ctx } from './context';
import type { Endpoint } from './endpoint-model';

// Security requirements (oasdiff check_api_security_updated.go, diff/security_requirements_diff.go)
// and security schemes (check_components_security_updated.go).

/** One alternative of a `security` list: scheme name -> scopes. */
type Alternative = Record<string, string[]>;

function alternatives(raw: unknown): Alternative[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObj).map((req) => Object.fromEntries(Object.entries(req).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []])));
}

/** oasdiff's text for an alternative: `oauth: [read, write] AND apiKey`, `{}` for the empty one. */
function altText(alt: Alternative): string {
  const schemes = Object.keys(alt).sort();
  if (schemes.length === 0) return '{}';
  return schemes.map((s) => (alt[s].length ? `${s}: [${[...alt[s]].sort().join(', ')}]` : s)).join(' AND ');
}

const schemeKey = (alt: Alternative) => Object.keys(alt).sort().join('\u0000');

interface ScopeChange {
  scheme: string;
  added: string[];
  deleted: string[];
}

function scopeChanges(a: Alternative, b: Alternative): ScopeChange[] {
  const out: ScopeChange[] = [];
  for (const scheme of Object.keys(a).sort()) {
    if (!(scheme in b)) continue;
    const added = b[scheme].filter((s) => !a[scheme].includes(s));
    const deleted = a[scheme].filter((s) => !b[scheme].includes(s));
    if (added.length || deleted.length) out.push({ scheme, added, deleted });
  }
  return out;
}

/**
 * Matches alternatives as oasdiff does: identical ones first; then an alternative whose set of
 * schemes is unique on both sides pairs with its counterpart, and their scopes are compared.
 */
function diffRequirements(ra: unknown, rb: unknown): { added: Alternative[]; deleted: Alternative[]; scopes: ScopeChange[] } {
  const A = alternatives(ra);
  const B = alternatives(rb);
  const ma = A.map(() => false);
  const mb = B.map(() => false);
  A.forEach((a, i) => {
    const j = B.findIndex((b, k) => !mb[k] && schemeKey(a) === schemeKey(b) && scopeChanges(a, b).length === 0);
    if (j >= 0) [ma[i], mb[j]] = [true, true];
  });
  const uniqueUnmatched = (list: Alternative[], matched: boolean[], key: string) => list.filter((x, k) => !matched[k] && schemeKey(x) === key).length === 1;
  const scopes: ScopeChange[] = [];
  A.forEach((a, i) => {
    if (ma[i] || !uniqueUnmatched(A, ma, schemeKey(a))) return;
    const j = B.findIndex((b, k) => !mb[k] && schemeKey(a) === schemeKey(b));
    if (j < 0 || !uniqueUnmatched(B, mb, schemeKey(B[j]))) return;
    [ma[i], mb[j]] = [true, true];
    scopes.push(...scopeChanges(a, B[j]));
  });
  return { added: B.filter((_, j) => !mb[j]), deleted: A.filter((_, i) => !ma[i]), scopes };
}

/** An operation's own `security` (a change of the global list is reported once, globally). */
export function compareOperationSecurity(ctx: Ctx, o: Endpoint, n: Endpoint): void {
  const d = diffRequirements(o.op.security, n.op.security);
  const op = n.label;
  const after: At = { side: 'after', node: n.op, key: 'security' };
  const before: At = { side: 'before', node: o.op, key: 'security' };
  // An empty alternative `{}` (anonymous access) is not a scheme: oasdiff skips it at operation level.
  for (const alt of d.deleted) if (Object.keys(alt).length) emit(ctx, 'api-security-removed', [altText(alt)], after, { op });
  for (const alt of d.added) if (Object.keys(alt).length) emit(ctx, 'api-security-added', [altText(alt)], after, { op });
  for (const c of d.scopes) {
    for (const s of c.added) emit(ctx, 'api-security-scope-added', [s, c.scheme], after, { op });
    for (const s of c.deleted) emit(ctx, 'api-security-scope-removed', [s, c.scheme], before, { op });
  }
}

export function compareGlobalSecurity(ctx: Ctx): void {
  const ra = ctx.before.root;
  const rb = ctx.after.root;
  const d = diffRequirements(ra.security, rb.security);
  const before: At = { side: 'before', node: ra, key: 'security' };
  const after: At = { side: 'after', node: rb, key: 'security' };
  for (const alt of d.deleted) emit(ctx, 'api-global-security-removed', [altText(alt)], before);
  for (const alt of d.added) emit(ctx, 'api-global-security-added', [altText(alt)], after);
  for (const c of d.scopes) {
    for (const s of c.added) emit(ctx, 'api-global-security-scope-added', [s, c.scheme], after);
    for (const s of c.deleted) emit(ctx, 'api-global-security-scope-removed', [s, c.scheme], before);
  }
}

interface Scheme {
  node: Obj;
  type: string;
  implicit?: { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const scopesOf = (v: unknown): Record<string, string> => (isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, d]) => [k, str(d)])) : {});

/** Security schemes, with Swagger 2.0 definitions read as oasdiff converts them to 3.0. */
function schemes(doc: OpenApiDoc): Map<string, Scheme> {
  const out = new Map<string, Scheme>();
  const oas2 = doc.version === '2.0';
  const components = doc.root.components;
  const raw = oas2 ? doc.root.securityDefinitions : isObj(components) ? components.securitySchemes : undefined;
  if (!isObj(raw)) return out;
  for (const [name, r] of Object.entries(raw)) {
    const s = doc.deref(r);
    if (!isObj(s)) continue;
    if (oas2) {
      const implicit = s.type === 'oauth2' && s.flow === 'implicit' ? { authorizationUrl: str(s.authorizationUrl), tokenUrl: '', scopes: scopesOf(s.scopes) } : undefined;
      out.set(name, { node: s, type: s.type === 'basic' ? 'http' : str(s.type), implicit });
    } else {
      const flows = doc.deref(s.flows);
      const flow = isObj(flows) ? doc.deref(flows.implicit) : undefined;
      const implicit = isObj(flow) ? { authorizationUrl: str(flow.authorizationUrl), tokenUrl: str(flow.tokenUrl), scopes: scopesOf(flow.scopes) } : undefined;
      out.set(name, { node: s, type: str(s.type), implicit });
    }
  }
  return out;
}

export function compareSecuritySchemes(ctx: Ctx): void {
  const sa = schemes(ctx.before);
  const sb = schemes(ctx.after);
  for (const [name, s] of sa) if (!sb.has(name)) emit(ctx, 'api-security-component-removed', [name], { side: 'before', node: s.node });
  for (const [name, s] of sb) if (!sa.has(name)) emit(ctx, 'api-security-component-added', [name], { side: 'after', node: s.node });
  for (const [name, a] of sa) {
    const b = sb.get(name);
    if (!b) continue;
    const at: At = { side: 'after', node: b.node };
    // oasdiff compares the implicit flow's URLs and scopes only, not the other OAuth flows.
    if (a.implicit && b.implicit) {
      const fa = a.implicit;
      const fb = b.implicit;
      if (fa.authorizationUrl !== fb.authorizationUrl) emit(ctx, 'api-security-component-oauth-url-changed', [name, fa.authorizationUrl, fb.authorizationUrl], at);
      if (fa.tokenUrl !== fb.tokenUrl) emit(ctx, 'api-security-component-oauth-token-url-changed', [name, fa.tokenUrl, fb.tokenUrl], at);
      for (const s of Object.keys(fb.scopes)) if (!(s in fa.scopes)) emit(ctx, 'api-security-component-oauth-scope-added', [name, s], at);
      for (const s of Object.keys(fa.scopes)) if (!(s in fb.scopes)) emit(ctx, 'api-security-component-oauth-scope-removed', [name, s], { side: 'before', node: a.node });
      for (const s of Object.keys(fa.scopes)) {
        if (s in fb.scopes && !sameValue(fa.scopes[s], fb.scopes[s])) emit(ctx, 'api-security-component-oauth-scope-changed', [name, s, fa.scopes[s], fb.scopes[s]], at);
      }
    }
    if (a.type !== b.type) emit(ctx, 'api-security-component-type-changed', [name, a.type, b.type], { side: 'after', node: b.node, key: 'type' });
  }
}
