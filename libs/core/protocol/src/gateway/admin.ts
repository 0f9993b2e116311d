import type { RequestState } from './mcp-server';

interface AdminEnv {
  ADMIN_TOKEN?: string;
  [binding: string]: unknown;
}

/**
 * /admin/* goes to the tailworker over its service binding; the tailworker has no public URL.
 * Without ADMIN_TOKEN configured the admin API is closed, not open.
 */
export async function forwardAdmin(request: Request, env: AdminEnv, state: RequestState): Promise<Response> {
  const token = env.ADMIN_TOKEN;
  if (!token) return Response.json({ error: 'admin API disabled: ADMIN_TOKEN is not set' }, { status: 403 });
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!(await constantTimeEqual(given, token))) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
  }
  const tail = env.TAILWORKER as { fetch(request: Request): Promise<Response> } | undefined;
  if (!tail) return Response.json({ error: 'log store unavailable: no TAILWORKER binding' }, { status: 503 });
  const forwarded = new Request(request.url, { method: request.method, headers: { 'x-request-id': state.requestId } });
  return tail.fetch(forwarded);
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
