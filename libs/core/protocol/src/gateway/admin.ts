import type { RequestState } from './mcp-server';

interface AdminEnv {
  ADMIN_TOKEN?: string;
  [binding: string]: unknown;
}

export const ADMIN_COOKIE = 'mcp_admin';
const COOKIE_TTL_S = 12 * 3600;

/**
 * /admin/* goes to the tailworker over its service binding; the tailworker has no public URL.
 * Without ADMIN_TOKEN configured the admin API is closed, not open.
 *
 * Three ways in: `Authorization: Bearer <token>` (API clients); `?token=<token>` on a GET (the
 * dashboard link `npm start` prints), answered with a redirect to the same URL without the
 * token plus an HttpOnly cookie, so the token leaves the address bar and history at once; and
 * that cookie. The cookie holds no token: it is `<expiry>.<HMAC(token, expiry)>`, valid for 12 h
 * and for /admin only, SameSite=Strict (the admin API is read-only GETs, and no other site can
 * make the browser send it). Rotating ADMIN_TOKEN invalidates every cookie.
 */
export async function forwardAdmin(request: Request, env: AdminEnv, state: RequestState): Promise<Response> {
  const token = env.ADMIN_TOKEN;
  if (!token) return Response.json({ error: 'admin API disabled: ADMIN_TOKEN is not set' }, { status: 403 });
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && request.method === 'GET') {
    if (!(await constantTimeEqual(fromQuery, token))) return unauthorized();
    url.searchParams.delete('token');
    const secure = url.protocol === 'https:' ? '; Secure' : '';
    const cookie = `${ADMIN_COOKIE}=${await signCookie(token, Math.floor(Date.now() / 1000) + COOKIE_TTL_S)}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_TTL_S}${secure}`;
    return new Response(null, {
      status: 303,
      headers: { location: url.pathname + url.search, 'set-cookie': cookie, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  }
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const authorized = given !== undefined ? await constantTimeEqual(given, token) : await verifyCookie(cookieValue(request, ADMIN_COOKIE), token);
  if (!authorized) return unauthorized();
  const tail = env.TAILWORKER as { fetch(request: Request): Promise<Response> } | undefined;
  if (!tail) return Response.json({ error: 'log store unavailable: no TAILWORKER binding' }, { status: 503 });
  const forwarded = new Request(url.toString(), { method: request.method, headers: { 'x-request-id': state.requestId } });
  return tail.fetch(forwarded);
}

function unauthorized(): Response {
  return Response.json(
    { error: 'unauthorized: send Authorization: Bearer <ADMIN_TOKEN>, or open /admin/dashboard?token=<ADMIN_TOKEN>' },
    { status: 401, headers: { 'www-authenticate': 'Bearer' } },
  );
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function hmacHex(key: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(`mcp-admin-cookie:${message}`)));
  return [...sig].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function signCookie(token: string, expiresAtS: number): Promise<string> {
  return `${expiresAtS}.${await hmacHex(token, String(expiresAtS))}`;
}

export async function verifyCookie(value: string | undefined, token: string, nowS = Math.floor(Date.now() / 1000)): Promise<boolean> {
  const m = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(value ?? '');
  if (!m || Number(m[1]) < nowS) return false;
  return constantTimeEqual(m[2], await hmacHex(token, m[1]));
}

/** Compares digests, so timing says nothing about how much of the token matched. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest('SHA-256', enc.encode(a)), crypto.subtle.digest('SHA-256', enc.encode(b))]);
  const x = new Uint8Array(da);
  const y = new Uint8Array(db);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0 && a.length > 0;
}
