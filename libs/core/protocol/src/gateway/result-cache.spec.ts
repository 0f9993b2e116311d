import { cacheKey, canonicalJson, isCacheable } from './result-cache';

describe('result cache keys', () => {
  it('hash equal arguments equally whatever their key order', async () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], z: undefined })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(await cacheKey('t', { a: 1, b: 2 }, 'v1')).toBe(await cacheKey('t', { b: 2, a: 1 }, 'v1'));
  });

  it('change with the tool, the arguments and the worker version', async () => {
    const base = await cacheKey('t', { a: 1 }, 'v1');
    expect(await cacheKey('u', { a: 1 }, 'v1')).not.toBe(base);
    expect(await cacheKey('t', { a: 2 }, 'v1')).not.toBe(base);
    expect(await cacheKey('t', { a: 1 }, 'v2')).not.toBe(base);
  });

  it('only caches read-only, idempotent, closed-world tools', () => {
    const tool = (annotations: Record<string, boolean>) => ({ name: 'x', description: '', inputSchema: { type: 'object' as const }, annotations });
    expect(isCacheable(tool({ readOnlyHint: true, idempotentHint: true, openWorldHint: false }))).toBe(true);
    expect(isCacheable(tool({ readOnlyHint: true, idempotentHint: true, openWorldHint: true }))).toBe(false);
    expect(isCacheable(tool({ readOnlyHint: true, idempotentHint: false }))).toBe(false);
    expect(isCacheable(undefined)).toBe(false);
  });
});
