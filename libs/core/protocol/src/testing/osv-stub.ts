import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OSV API for integration specs (tests never reach the internet). It answers
 * `POST /v1/querybatch` with the given advisory ids per package name (none by default) and
 * `GET /v1/vulns/{id}` with the given records; anything else is a 404 like OSV's own.
 */
export async function startOsvStub(vulns: Record<string, { id: string; [k: string]: unknown }[]> = {}) {
  const byId = new Map(Object.values(vulns).flat().map((v) => [v.id, v]));
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
  const server = createServer(async (req, res) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && req.url === '/v1/querybatch') {
      const { queries = [] } = JSON.parse((await body(req)) || '{}') as { queries?: { package?: { name?: string } }[] };
      return send(200, { results: queries.map((q) => ({ vulns: (vulns[q.package?.name ?? ''] ?? []).map((v) => ({ id: v.id, modified: v.modified ?? '2024-01-01T00:00:00Z' })) })) });
    }
    const m = /^\/v1\/vulns\/(.+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && m && byId.has(decodeURIComponent(m[1]))) return send(200, byId.get(decodeURIComponent(m[1])));
    send(404, { code: 5, message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The OSV records (one JSON file each) in the given folders, keyed by every package name they
 * affect: the shape `startOsvStub` serves.
 */
export function osvRecordsIn(...dirs: URL[]): Record<string, { id: string; [k: string]: unknown }[]> {
  const out: Record<string, { id: string; [k: string]: unknown }[]> = {};
  for (const dir of dirs.map((d) => fileURLToPath(d.href))) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; affected?: { package?: { name?: string } }[] };
      for (const name of new Set((record.affected ?? []).map((a) => a.package?.name).filter((n): n is string => !!n))) (out[name] ??= []).push(record);
    }
  }
  return out;
}
