import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import { childTrace, createLogger, formatTraceparent, newRequestId, parseTraceparent, type Logger, type TraceContext } from '@mcp/core-logger';
import type { CategoryWorkerRpc } from '../contract';
import type { CategoryRoute } from '../routing';
import { ToolCatalog } from './catalog';
import { checkHealth } from './health';
import { buildServer, type GatewayServices, type RequestState } from './mcp-server';
import { forwardAdmin } from './admin';
import { securityRejection, type SecurityEnv } from './security';
import { workersResultCache } from './result-cache';
import { routeLegacySse, type LegacySseNamespace } from './legacy-sse';
import { authenticate, parseApiKeys, type ApiKey } from './access';
import { rateLimited, type RateLimiter } from './rate-limit';
import { invalidLogLevel } from './log-level';
import { PollingEventBus } from './polling-bus';

export interface GatewayEnv extends SecurityEnv {
  /** Category bindings (NODEJS_MCP_WORKER, ...) and TAILWORKER. */
  [binding: string]: unknown;
  CALL_TIMEOUT_MS?: string;
  LIST_TTL_MS?: string;
  ADMIN_TOKEN?: string;
  LOG_LEVEL?: string;
  /** JSON list of API keys as hashes with their categories (a secret); unset = open gateway. */
  API_KEYS?: string;
  /** The period of the RATE_LIMITER binding, for Retry-After. */
  RATE_LIMIT_PERIOD_S?: string;
  /** Seconds a deterministic tool's result stays cached (0 disables the cache). */
  RESULT_CACHE_TTL_S?: string;
  /** Largest POST body read (413 above it, before parsing); tool text is limited to 1 MiB. */
  MAX_BODY_BYTES?: string;
}

interface Isolate {
  services: GatewayServices;
  logger: Logger;
  mcp: McpHttpHandler;
  apiKeys?: ApiKey[];
}

// The SDK hands the factory its own copy of the request, so the request's identity travels
// in headers the gateway sets itself (overwriting whatever a client sent under those names).
const REQUEST_ID_HEADER = 'x-mcp-workers-request-id';
const CATEGORIES_HEADER = 'x-mcp-workers-categories';

/**
 * The gateway's fetch handler. Everything per isolate (catalog cache, MCP handler) is built
 * on the first request, because Workers hand `env` to the handler, not to module scope.
 */
export function createGateway(routes: readonly CategoryRoute[]) {
  let isolate: Isolate | undefined;

  function init(env: GatewayEnv): Isolate {
    if (isolate) return isolate;
    const logger = createLogger({ worker: 'gateway', level: (env.LOG_LEVEL as 'info') ?? 'info' });
    const lookup = (route: CategoryRoute) => env[route.binding] as CategoryWorkerRpc | undefined;
    const callTimeoutMs = positive(env.CALL_TIMEOUT_MS, 10_000);
    const listTtlMs = positive(env.LIST_TTL_MS, 30_000);
    const notifier: { notify?: () => void } = {};
    const services: GatewayServices = {
      routes,
      lookup,
      callTimeoutMs,
      listTtlMs,
      resultCache: workersResultCache(env.RESULT_CACHE_TTL_S === undefined ? 3600 : Number(env.RESULT_CACHE_TTL_S)),
      catalog: new ToolCatalog(routes, lookup, {
        ttlMs: listTtlMs,
        timeoutMs: Math.min(callTimeoutMs, 5_000),
        onChange: () => notifier.notify?.(),
      }),
    };
    const bus = new PollingEventBus(() => void services.catalog.get().catch(() => undefined), listTtlMs);
    const mcp = createMcpHandler(
      ({ requestInfo }) => buildServer(services, stateFromHeaders(logger, requestInfo?.headers)),
      {
        bus,
        onerror: (error) => logger.warn({ event: 'mcp.rejected', errorClass: error.name, msg: error.message }),
        maxRequestBodySize: positive(env.MAX_BODY_BYTES, 2 * 1024 * 1024),
      },
    );
    notifier.notify = () => mcp.notify.toolsChanged();
    isolate = { services, logger, mcp, apiKeys: parseApiKeys(env.API_KEYS) };
    return isolate;
  }

  /**
   * `inProcess`: a legacy-SSE message the session's Durable Object replays as a POST to /mcp.
   * Its /messages POST already passed the Origin/Host checks and counted against the rate
   * limit; the replay is authenticated again (its key travels along) but not counted twice.
   */
  async function serve(request: Request, env: GatewayEnv, inProcess: boolean): Promise<Response> {
    const { services, logger, mcp, apiKeys } = init(env);
    const url = new URL(request.url);
    const state = freshState(logger, request.headers.get('traceparent'));
    const started = Date.now();
    let response: Response;
    try {
      const isMcp = ['/mcp', '/sse', '/messages'].includes(url.pathname);
      const access = isMcp ? await authenticate(request, apiKeys) : { ok: true as const };
      let rejected: Response | undefined;
      if (isMcp) {
        rejected = (inProcess ? undefined : securityRejection(request, env)) ?? (access.ok ? undefined : access.response);
        if (!rejected && !inProcess) rejected = await rateLimited(env.RATE_LIMITER as RateLimiter | undefined, request, access.ok ? access.key?.name : undefined, positive(env.RATE_LIMIT_PERIOD_S, 60));
      }
      if (rejected) {
        response = rejected;
      } else if (url.pathname === '/mcp') {
        const headers = new Headers(request.headers);
        headers.set(REQUEST_ID_HEADER, state.requestId);
        headers.set('traceparent', formatTraceparent(state.trace));
        // Which categories this caller may use travels like the request id: set here only.
        const key = access.ok ? access.key : undefined;
        if (key) headers.set(CATEGORIES_HEADER, key.categories.join(','));
        else headers.delete(CATEGORIES_HEADER);
        response = (await invalidLogLevel(request)) ?? (await mcp.fetch(new Request(request, { headers })));
      } else if (url.pathname === '/sse' || url.pathname === '/messages') {
        response = await routeLegacySse(request, env.LEGACY_SSE as LegacySseNamespace | undefined, formatTraceparent(state.trace));
      } else if (url.pathname === '/health' && request.method === 'GET') {
        response = Response.json(await checkHealth(services));
      } else if (url.pathname.startsWith('/health/') && request.method === 'GET') {
        // One category's health(): the bare RPC path under a tools/call (the benchmark's baseline).
        const route = services.routes.find((r) => r.category === url.pathname.slice('/health/'.length));
        const report = route ? await checkHealth({ ...services, routes: [route] }) : undefined;
        response = report ? Response.json(report, { status: report.status === 'ok' ? 200 : 503 }) : new Response('Not found\n', { status: 404 });
      } else if (url.pathname.startsWith('/admin/') || url.pathname === '/admin') {
        response = await forwardAdmin(request, env, state);
      } else if (url.pathname === '/' && request.method === 'GET') {
        response = new Response('MCP gateway: POST /mcp (Streamable HTTP), GET /sse (legacy HTTP+SSE), GET /health\n');
      } else {
        response = new Response('Not found\n', { status: 404 });
      }
    } catch (error) {
      // Never a stack trace or an internal name to the client; the log has the class.
      state.logger.error({ event: 'http.crash', errorClass: error instanceof Error ? error.name : typeof error, msg: String(error) });
      response = Response.json({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } }, { status: 500 });
    }
    state.logger.info({
      event: 'http.request',
      method: request.method,
      path: url.pathname,
      status: response.status,
      outcome: response.status < 400 ? 'ok' : 'rejected',
      durationMs: Date.now() - started,
    });
    const headers = new Headers(response.headers);
    headers.set('x-request-id', state.requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  return {
    fetch: (request: Request, env: GatewayEnv): Promise<Response> => serve(request, env, false),
    /** For the LegacySseSession Durable Object only: see `serve`. Not reachable over HTTP. */
    fetchInProcess: (request: Request, env: GatewayEnv): Promise<Response> => serve(request, env, true),
  };
}

function freshState(logger: Logger, traceparent: string | null): RequestState {
  return stateOf(logger, newRequestId(), childTrace(parseTraceparent(traceparent)));
}

function stateFromHeaders(logger: Logger, headers: Headers | undefined): RequestState {
  const trace = parseTraceparent(headers?.get('traceparent'));
  const requestId = headers?.get(REQUEST_ID_HEADER);
  const state = requestId && trace ? stateOf(logger, requestId, trace) : freshState(logger, null);
  const categories = headers?.get(CATEGORIES_HEADER);
  return categories === null || categories === undefined ? state : { ...state, categories: categories.split(',').filter(Boolean) };
}

function stateOf(logger: Logger, requestId: string, trace: TraceContext): RequestState {
  return { requestId, trace, logger: logger.child({ requestId, traceId: trace.traceId, spanId: trace.spanId }) };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
