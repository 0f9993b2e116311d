import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { OsvRecord } from '@mcp/core-osv';

/**
 * A loopback stand-in for api.osv.dev serving the GHSA records in fixtures/osv in OSV's wire
 * format. It answers querybatch by package name only (every advisory of the package, whatever
 * the version), which is looser than OSV: the tool must do the version matching itself.
 * Test-only (imported by specs): uses node:http.
 */
export interface FakeOsv {
  url: string;
  requests: string[];
  /** Answer every request with this HTTP status instead. */
  failWith?: number;
  /** Split querybatch answers into pages of this many ids (exercises next_page_token). */
  pageSize?: number;
  close(): Promise<void>;
}

export async function startFakeOsv(): Promise<FakeOsv> {
  const dir = new URL('./fixtures/osv/', import.meta.url);
  const records = new Map<string, OsvRecord>();
  for (const f of readdirSync(dir)) {
    const r = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as OsvRecord;
    records.set(r.id, r);
  }
  const byName = (name: string) =>
    [...records.values()].filter((r) => r.affected?.some((a) => a.package?.name === name && a.package.ecosystem === 'npm')).map((r) => r.id).sort();

  const state: FakeOsv = { url: '', requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.requests.push(`${req.method} ${req.url}`);
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (state.failWith) return send(state.failWith, { code: 13, message: 'internal error' });
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] };
        const results = queries.map((q) => {
          const ids = q.package.ecosystem === 'npm' ? byName(q.package.name) : [];
          const start = q.page_token ? Number(q.page_token) : 0;
          const size = state.pageSize ?? ids.length;
          const page = ids.slice(start, start + size);
          const out: { vulns?: { id: string; modified: string }[]; next_page_token?: string } = {};
          if (page.length) out.vulns = page.map((id) => ({ id, modified: records.get(id)!.modified! }));
          if (start + size < ids.length) out.next_page_token = String(start + size);
          return out;
        });
        return send(200, { results });
      }
      const m = /^\/v1\/vulns\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && m) {
        const r = records.get(decodeURIComponent(m[1]));
        return r ? send(200, r) : send(404, { code: 5, message: 'Bug not found.' });
      }
      send(404, { code: 5, message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
