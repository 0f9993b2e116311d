import { isLegacyRequest } from '@modelcontextprotocol/server';

export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/**
 * `logging/setLevel` with an unknown level must be invalid params (-32602), but the SDK
 * validates the params before any handler runs and reports the failure as -32603. Such a
 * request is tiny, so only small bodies are peeked at; everything else goes straight on. On
 * 2026-07-28 the method no longer exists and the SDK answers it (404, -32601) itself.
 */
export async function invalidLogLevel(request: Request): Promise<Response | undefined> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (request.method !== 'POST' || !(length < 1024)) return undefined;
  if (!(await isLegacyRequest(request))) return undefined;
  let message: { id?: unknown; method?: unknown; params?: { level?: unknown } };
  try {
    message = JSON.parse(await request.clone().text());
  } catch {
    return undefined; // the SDK answers malformed JSON itself
  }
  if (message?.method !== 'logging/setLevel') return undefined;
  const level = message.params?.level;
  if (typeof level === 'string' && LOG_LEVELS.includes(level)) return undefined;
  return Response.json({
    jsonrpc: '2.0',
    id: message.id ?? null,
    error: { code: -32602, message: `Invalid log level ${JSON.stringify(level ?? null)}: use one of ${LOG_LEVELS.join(', ')}` },
  });
}
