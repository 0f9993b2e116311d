import type { CallToolReply, ToolDescriptor } from '../contract';

/**
 * Results of deterministic tools (read-only, idempotent, closed-world) cached with the Cache
 * API, keyed by a hash of tool name, canonical arguments and the serving worker's version: a
 * deploy of that worker changes the key, so a stale result is never served.
 */
export interface ResultCache {
  get(key: string): Promise<CallToolReply | undefined>;
  put(key: string, reply: CallToolReply): Promise<void>;
}

export function isCacheable(tool: ToolDescriptor | undefined): boolean {
  const a = tool?.annotations;
  return !!a && a.readOnlyHint === true && a.idempotentHint === true && a.openWorldHint !== true;
}

/** JSON with object keys sorted at every depth, so equal arguments hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export async function cacheKey(tool: string, args: unknown, workerVersion: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${tool}\n${workerVersion}\n${canonicalJson(args)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Cache API behind ResultCache; undefined where the runtime has none (Node specs). */
export function workersResultCache(ttlSeconds: number): ResultCache | undefined {
  const storage = (globalThis as { caches?: { default?: Cache } }).caches?.default;
  if (!storage || ttlSeconds <= 0) return undefined;
  const url = (key: string) => `https://result-cache.mcp-workers.internal/v1/${key}`;
  return {
    async get(key) {
      const hit = await storage.match(url(key));
      return hit ? ((await hit.json()) as CallToolReply) : undefined;
    },
    async put(key, reply) {
      const response = new Response(JSON.stringify(reply), {
        headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${ttlSeconds}` },
      });
      await storage.put(url(key), response);
    },
  };
}
