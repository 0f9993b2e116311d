import { ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';
import { formatTraceparent, type Logger, type TraceContext } from '@mcp/core-logger';
import type { CategoryWorkerRpc } from '../contract';
import { routeForTool, type CategoryRoute } from '../routing';
import type { ToolCatalog } from './catalog';
import { dispatchTool } from './dispatch';
import { cacheKey, isCacheable, type ResultCache } from './result-cache';
import { mayUse } from './access';
import { completePromptArgument, getPrompt, listPrompts } from './prompts';
import { completeRuleArgument, listRuleResources, listRuleTemplates, readRule, RULE_TEMPLATE } from './resources';

export const SERVER_INFO = { name: 'mcp-workers-gateway', version: '0.1.0' };
const PAGE_SIZE = 100;

export interface GatewayServices {
  catalog: ToolCatalog;
  /** Results of deterministic tools; absent where the runtime has no Cache API. */
  resultCache?: ResultCache;
  lookup: (route: CategoryRoute) => CategoryWorkerRpc | undefined;
  routes: readonly CategoryRoute[];
  callTimeoutMs: number;
  listTtlMs: number;
}

export interface RequestState {
  requestId: string;
  trace: TraceContext;
  logger: Logger;
  /** Categories the caller's API key may use; undefined when keys are off. */
  categories?: string[];
}

/**
 * A low-level `Server` per request (createMcpHandler asks for a fresh one each time). It holds
 * no tool definitions of its own: the lists come from the per-isolate catalog, so building
 * one costs microseconds (registering 64 typed tools per request would cost ~10 ms of CPU).
 */
export function buildServer(services: GatewayServices, state: RequestState): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, prompts: {}, resources: {}, completions: {}, logging: {} },
    instructions:
      'Developer analysis tools in 8 categories (node_, python_, docker_, quality_, web_, db_, api_, arch_). ' +
      'Every tool is read-only and deterministic; pass code as text in `content` or `files`.',
    // The lists depend only on the deployed worker versions, the same for every caller.
    cacheHints: {
      'tools/list': { ttlMs: services.listTtlMs, cacheScope: 'public' },
      'prompts/list': { ttlMs: services.listTtlMs, cacheScope: 'public' },
      'resources/list': { ttlMs: services.listTtlMs, cacheScope: 'public' },
      'resources/templates/list': { ttlMs: services.listTtlMs, cacheScope: 'public' },
      'resources/read': { ttlMs: services.listTtlMs, cacheScope: 'public' },
    },
  });

  server.setRequestHandler('tools/list', async (request) => {
    const catalog = await services.catalog.get();
    const start = decodeCursor(request.params?.cursor);
    // A key sees only its categories' tools.
    const visible = state.categories ? catalog.tools.filter((t) => mayUse(state.categories, catalog.owner.get(t.name)?.category ?? '')) : catalog.tools;
    const page = visible.slice(start, start + PAGE_SIZE);
    const next = start + PAGE_SIZE < visible.length ? encodeCursor(start + PAGE_SIZE) : undefined;
    const missing = catalog.categories.filter((c) => c.status !== 'ok').map((c) => c.category);
    if (missing.length) state.logger.warn({ event: 'catalog.degraded', missing }, 'categories missing from tools/list');
    return {
      tools: page,
      ...(next ? { nextCursor: next } : {}),
      _meta: { 'mcp-workers/listVersion': catalog.version, ...(missing.length ? { 'mcp-workers/unavailable': missing } : {}) },
    };
  });

  server.setRequestHandler('prompts/list', async () => ({ prompts: listPrompts() }));
  server.setRequestHandler('prompts/get', async (request) => getPrompt(request.params.name, request.params.arguments));
  server.setRequestHandler('resources/templates/list', async () => listRuleTemplates());
  server.setRequestHandler('resources/list', async (request) => {
    const catalog = await services.catalog.get();
    return { ...listRuleResources(catalog, request.params?.cursor), _meta: { 'mcp-workers/listVersion': catalog.version } };
  });
  server.setRequestHandler('resources/read', async (request) => readRule(await services.catalog.get(), request.params.uri));
  server.setRequestHandler('completion/complete', async (request) => {
    const { ref, argument, context } = request.params;
    const values =
      ref.type === 'ref/prompt'
        ? completePromptArgument(ref.name, argument.name, argument.value)
        : ref.uri === RULE_TEMPLATE
          ? completeRuleArgument(await services.catalog.get(), argument.name, argument.value, context?.arguments)
          : [];
    return { completion: { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 } };
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args } = request.params;
    const catalog = await services.catalog.get();
    const route = catalog.owner.get(name) ?? routeForTool(name, services.routes);
    const known = catalog.owner.has(name);
    const down = route && catalog.categories.find((c) => c.category === route.category && c.status !== 'ok');
    if (!route || (!known && !down)) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    }
    if (!mayUse(state.categories, route.category)) {
      state.logger.warn({ event: 'gateway.tool', tool: name, category: route.category, outcome: 'rejected', errorClass: 'Forbidden', durationMs: 0 });
      return { content: [{ type: 'text', text: `This API key may not use ${route.category} tools (${name}).` }], isError: true };
    }
    if (down) {
      // The category's tools are unknown while it is down; never call a worker we refused.
      state.logger.warn({ event: 'gateway.tool', tool: name, category: route.category, outcome: 'error', errorClass: 'CategoryDown', durationMs: 0 });
      return {
        content: [{ type: 'text', text: `The ${route.category} category is unavailable: ${publicReason(down.error)}. Tools of other categories are not affected.` }],
        isError: true,
        _meta: { 'mcp-workers/category': route.category, 'mcp-workers/unavailable': true, 'mcp-workers/requestId': state.requestId },
      };
    }
    const descriptor = catalog.tools.find((t) => t.name === name);
    const started = Date.now();
    const progressToken = request.params._meta?.progressToken;
    const progress = (value: number, message: string) =>
      progressToken === undefined
        ? Promise.resolve()
        : ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: value, total: 2, message } }).catch(() => undefined);
    const workerVersion = catalog.categories.find((c) => c.category === route.category)?.version ?? 'unknown';
    const key = services.resultCache && isCacheable(descriptor) ? await cacheKey(name, args ?? {}, workerVersion) : undefined;
    const cached = key ? await services.resultCache!.get(key).catch(() => undefined) : undefined;
    if (cached) {
      state.logger.info({ event: 'gateway.tool', tool: name, category: route.category, outcome: cached.isError ? 'tool_error' : 'ok', cacheHit: true, durationMs: Date.now() - started });
      return {
        ...cached,
        _meta: { ...cached._meta, 'mcp-workers/cache': 'hit', 'mcp-workers/requestId': state.requestId, 'mcp-workers/traceId': state.trace.traceId },
      };
    }
    await progress(0, `calling ${name} on the ${route.category} worker`);
    const reply = await dispatchTool(
      route,
      services.lookup(route),
      name,
      args ?? {},
      { requestId: state.requestId, traceparent: formatTraceparent(state.trace), deadlineMs: Date.now() + services.callTimeoutMs },
      { timeoutMs: services.callTimeoutMs, readOnly: descriptor?.annotations?.readOnlyHint === true, logger: state.logger, signal: ctx.mcpReq.signal },
    );
    await progress(2, `${name} finished`);
    const unavailable = !!reply._meta?.['mcp-workers/unavailable'];
    // Tool errors on bad input are as deterministic as results; an unavailable worker is not.
    if (key && !unavailable) await services.resultCache!.put(key, reply).catch(() => undefined);
    state.logger.info({
      event: 'gateway.tool',
      tool: name,
      category: route.category,
      outcome: unavailable ? 'error' : reply.isError ? 'tool_error' : 'ok',
      cacheHit: key ? false : undefined,
      durationMs: Date.now() - started,
    });
    return {
      ...reply,
      _meta: { ...reply._meta, ...(key ? { 'mcp-workers/cache': 'miss' } : {}), 'mcp-workers/requestId': state.requestId, 'mcp-workers/traceId': state.trace.traceId },
    };
  });

  return server;
}

/** Why a category is down, in words safe for clients (no binding or stack details beyond these). */
function publicReason(error: string | undefined): string {
  if (!error) return 'it did not answer';
  if (/contract/.test(error)) return error;
  if (/timed out/.test(error)) return 'it did not answer in time';
  if (/no service binding/.test(error)) return 'it is not deployed behind this gateway';
  return 'it failed to list its tools';
}

function encodeCursor(offset: number): string {
  return btoa(JSON.stringify({ o: offset }));
}

/** Cursors are opaque to clients; one we did not issue is invalid params (-32602). */
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const { o } = JSON.parse(atob(cursor)) as { o: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the error below
  }
  throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor');
}
