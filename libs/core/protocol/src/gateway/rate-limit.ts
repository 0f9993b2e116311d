/** The Workers rate-limit binding (`ratelimits` in wrangler.jsonc). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * Per API key, or per client address when keys are off. Returns the 429 to send, if any.
 * The binding counts per period (60 s in wrangler.jsonc), so Retry-After names that period.
 */
export async function rateLimited(limiter: RateLimiter | undefined, request: Request, keyName: string | undefined, periodSeconds: number): Promise<Response | undefined> {
  if (!limiter) return undefined;
  const client = keyName ? `key:${keyName}` : `ip:${request.headers.get('cf-connecting-ip') ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local'}`;
  const { success } = await limiter.limit({ key: client });
  if (success) return undefined;
  return Response.json(
    { jsonrpc: '2.0', id: null, error: { code: -32000, message: `Rate limit exceeded; retry after ${periodSeconds} s` } },
    { status: 429, headers: { 'retry-after': String(periodSeconds) } },
  );
}
