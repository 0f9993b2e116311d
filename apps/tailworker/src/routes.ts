import { BadRequest, json, queryLogs, queryTrace } from './query';
import { queryAnalytics } from './analytics';
import { dashboardResponse } from './dashboard';

/** Routes /admin/* (the gateway forwards the path as is; `/admin` is stripped here). */
export async function handleQuery(request: Request, kv: KVNamespace, ttl: number): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/admin/, '') || '/';
  if (request.method !== 'GET') return json({ error: 'method not allowed' }, 405);
  try {
    if (path === '/logs') return await queryLogs(url.searchParams, kv);
    if (path === '/analytics') return await queryAnalytics(url.searchParams, kv, ttl);
    if (path === '/dashboard' || path === '/') return dashboardResponse();
    const trace = /^\/traces\/([^/]*)$/.exec(path);
    if (trace) {
      if (!/^[0-9a-f]{32}$/.test(trace[1])) return json({ error: 'traceId must be 32 lowercase hex digits' }, 400);
      return await queryTrace(trace[1], url.searchParams, kv);
    }
  } catch (error) {
    if (error instanceof BadRequest) return json({ error: error.message }, 400);
    throw error;
  }
  return json({ error: `no such endpoint: /admin${path}; try /admin/logs, /admin/traces/:traceId, /admin/analytics, /admin/dashboard` }, 404);
}
