import { InputError, ServiceError } from '@mcp/core-response';
import { osvOptions, queryOsv, type KvLike, type OsvRecord } from './index';

// Pure-logic unit tests with an in-memory OSV; the tools' specs run the client against a
// loopback HTTP server serving real advisory records.
const record = (id: string, name: string): OsvRecord => ({ id, affected: [{ package: { ecosystem: 'PyPI', name } }] });

function fakeOsv(byName: Record<string, string[]>, pageSize = 100) {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = (async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method} ${new URL(url).pathname}`);
    if (url.endsWith('/v1/querybatch')) {
      const { queries } = JSON.parse(String(init?.body)) as { queries: { package: { name: string }; page_token?: string }[] };
      const results = queries.map((q) => {
        const all = byName[q.package.name] ?? [];
        const from = Number(q.page_token ?? 0);
        const page = all.slice(from, from + pageSize);
        return { vulns: page.map((id) => ({ id })), ...(from + pageSize < all.length ? { next_page_token: String(from + pageSize) } : {}) };
      });
      return Response.json({ results });
    }
    const id = decodeURIComponent(url.split('/v1/vulns/')[1]);
    const name = Object.keys(byName).find((n) => byName[n].includes(id));
    return name ? Response.json(record(id, name)) : new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function memoryKv(): KvLike & { keys: () => string[] } {
  const store = new Map<string, string>();
  return { get: async (k) => store.get(k) ?? null, put: async (k, v) => void store.set(k, v), keys: () => [...store.keys()] };
}

describe('queryOsv', () => {
  it('follows next_page_token and loads each advisory once', async () => {
    const osv = fakeOsv({ requests: ['PYSEC-2', 'PYSEC-1', 'GHSA-3'], urllib3: ['PYSEC-1'] }, 2);
    const out = await queryOsv('PyPI', [{ name: 'requests', version: '2.0.0' }, { name: 'urllib3', version: '1.0' }], { baseUrl: 'http://osv.test/', fetch: osv.fetch });
    expect(out.get('requests@2.0.0')?.map((r) => r.id)).toEqual(['GHSA-3', 'PYSEC-1', 'PYSEC-2']);
    expect(out.get('urllib3@1.0')?.map((r) => r.id)).toEqual(['PYSEC-1']);
    expect(osv.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
    expect(osv.calls.filter((c) => c.startsWith('GET'))).toHaveLength(3);
  });

  it('answers from the KV cache the second time, keyed by ecosystem', async () => {
    const kv = memoryKv();
    const osv = fakeOsv({ jinja2: ['PYSEC-9'] });
    const q = [{ name: 'jinja2', version: '2.10' }];
    await queryOsv('PyPI', q, { baseUrl: 'http://osv.test', fetch: osv.fetch, cache: kv });
    const before = osv.calls.length;
    const again = await queryOsv('PyPI', q, { baseUrl: 'http://osv.test', fetch: osv.fetch, cache: kv });
    expect(osv.calls.length).toBe(before);
    expect(again.get('jinja2@2.10')?.[0].id).toBe('PYSEC-9');
    expect(kv.keys().sort()).toEqual(['osv:v1:query:PyPI:jinja2@2.10', 'osv:v1:vuln:PYSEC-9']);
  });

  it('leaves the cache alone for lockfiles too large for one invocation’s KV budget', async () => {
    const kv = memoryKv();
    const many = Array.from({ length: 301 }, (_, i) => ({ name: `pkg${i}`, version: '1.0.0' }));
    await queryOsv('npm', many, { baseUrl: 'http://osv.test', fetch: fakeOsv({}).fetch, cache: kv });
    expect(kv.keys()).toEqual([]);
  });

  it('fails with a ServiceError, never an empty answer, when OSV cannot be queried', async () => {
    const down = (async () => new Response('busy', { status: 503 })) as unknown as typeof fetch;
    await expect(queryOsv('npm', [{ name: 'x', version: '1.0.0' }], { baseUrl: 'http://osv.test', fetch: down })).rejects.toThrow(ServiceError);
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(queryOsv('npm', [{ name: 'x', version: '1.0.0' }], { baseUrl: 'http://osv.test', fetch: unreachable })).rejects.toThrow(/fetch failed/);
  });
});

describe('osvOptions', () => {
  it('reads OSV_API_URL and OSV_CACHE from the worker vars', () => {
    const kv = memoryKv();
    const opts = osvOptions({ env: { OSV_API_URL: 'http://127.0.0.1:9', OSV_CACHE: kv }, fetch });
    expect(opts).toMatchObject({ baseUrl: 'http://127.0.0.1:9', cache: kv });
    expect(osvOptions({ env: {}, fetch }).baseUrl).toBe('https://api.osv.dev');
    expect(() => osvOptions({ env: { OSV_API_URL: 'ftp://x' }, fetch })).toThrow(InputError);
  });
});
