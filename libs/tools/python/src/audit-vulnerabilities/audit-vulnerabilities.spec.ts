import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { auditVulnerabilities } from './audit-vulnerabilities.tool';
import { cvss3BaseScore } from '../shared/osv';

const dir = new URL('./fixtures/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
// Real advisory records (PyPA advisory-database and GitHub advisory-database), in OSV's JSON schema.
const records = readdirSync(new URL('osv/', dir)).map((f) => JSON.parse(read(`osv/${f}`)) as { id: string; affected: { package: { name: string } }[] });
const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * A loopback stand-in for api.osv.dev. It answers querybatch with every advisory of the
 * package whatever the version, so that only the tool's own PEP 440 matching decides.
 */
function osvServer(status = 200) {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (status !== 200) {
        res.statusCode = status;
        return res.end('{"code":13,"message":"internal error"}');
      }
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string } }[] };
        const results = queries.map((q) => {
          const vulns = records.filter((r) => r.affected.some((a) => norm(a.package.name) === norm(q.package.name))).map((r) => ({ id: r.id, modified: '2024-01-01T00:00:00Z' }));
          return vulns.length ? { vulns } : {};
        });
        return res.end(JSON.stringify({ results }));
      }
      const id = /^\/v1\/vulns\/(.+)$/.exec(req.url ?? '')?.[1];
      const record = records.find((r) => r.id === id);
      if (req.method === 'GET' && record) return res.end(JSON.stringify(record));
      res.statusCode = 404;
      res.end('{"code":5,"message":"Bug not found."}');
    });
  });
  return new Promise<{ url: string; calls: string[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

function memoryKv() {
  const store = new Map<string, string>();
  const ttls: number[] = [];
  return {
    store,
    ttls,
    binding: {
      get: async (key: string) => store.get(key) ?? null,
      put: async (key: string, value: string, opts?: { expirationTtl?: number }) => {
        store.set(key, value);
        ttls.push(opts?.expirationTtl ?? 0);
      },
    },
  };
}

describe('python_audit_vulnerabilities', () => {
  let osv: Awaited<ReturnType<typeof osvServer>>;
  beforeAll(async () => {
    osv = await osvServer();
  });
  afterAll(() => osv.close());

  it('reports advisories matched locally by PEP 440, PYSEC and GHSA records of one flaw merged', async () => {
    const env = structured<Envelope>(await runTool(auditVulnerabilities, { content: read('requirements-pinned.txt') }, { env: { OSV_API_URL: osv.url } }));
    expect(env.findings.map((f) => [f.ruleId, f.severity, f.location?.line, f.package, f.version, f.fixedIn, f.aliases])).toEqual([
      ['PYSEC-2021-66', 'warning', 10, 'jinja2', '2.11.2', '2.11.3', ['CVE-2020-28493']],
      ['PYSEC-2021-142', 'error', 12, 'pyyaml', '5.3.1', '5.4', ['CVE-2020-14343']],
      ['PYSEC-2023-74', 'warning', 14, 'requests', '2.28.2', '2.31.0', ['CVE-2023-32681']],
      ['unpinned-requirement', 'info', 16, 'urllib3', undefined, undefined, undefined],
    ]);
    const yaml = env.findings[1];
    expect(yaml.level).toBe('CRITICAL');
    expect(yaml.advisories).toEqual(['PYSEC-2021-142', 'GHSA-8q59-q68h-6hv4']);
    expect(yaml.message).toBe('pyyaml 5.3.1 is affected by PYSEC-2021-142 (CVE-2020-14343): Improper Input Validation in PyYAML');
    expect(yaml.fix).toBe('Upgrade pyyaml to 5.4 or later');
    expect(env.metrics).toMatchObject({ packagesQueried: 4, vulnerablePackages: 3 });
    expect(osv.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('reports nothing for upgraded pins although OSV lists advisories for those packages', async () => {
    const env = structured<Envelope>(await runTool(auditVulnerabilities, { content: read('requirements-fixed.txt') }, { env: { OSV_API_URL: osv.url } }));
    expect(env.findings).toEqual([]);
    expect(env.metrics).toMatchObject({ packagesQueried: 3, vulnerablePackages: 0 });
  });

  it('audits a poetry.lock', async () => {
    const lock = '[[package]]\nname = "PyYAML"\nversion = "5.3.1"\noptional = false\npython-versions = "*"\nfiles = []\n\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.9"\ncontent-hash = "0"\n';
    const env = structured<Envelope>(await runTool(auditVulnerabilities, { content: lock }, { env: { OSV_API_URL: osv.url } }));
    expect(env.findings.map((f) => `${f.ruleId}@${f.location?.line}`)).toEqual(['PYSEC-2021-142@1']);
  });

  it('caches queries and records in KV with a TTL of at least 60 s', async () => {
    const kv = memoryKv();
    const before = osv.calls.length;
    const args = { content: 'requests==2.28.2\n' };
    const first = structured<Envelope>(await runTool(auditVulnerabilities, args, { env: { OSV_API_URL: osv.url, OSV_CACHE: kv.binding } }));
    const afterFirst = osv.calls.length;
    const second = structured<Envelope>(await runTool(auditVulnerabilities, args, { env: { OSV_API_URL: osv.url, OSV_CACHE: kv.binding } }));
    expect(second).toEqual(first);
    expect(afterFirst - before).toBe(3);
    expect(osv.calls.length).toBe(afterFirst);
    expect([...kv.store.keys()].sort()).toEqual(['osv:v1:query:PyPI:requests@2.28.2', 'osv:v1:vuln:GHSA-j8r2-6x86-q33q', 'osv:v1:vuln:PYSEC-2023-74']);
    expect(Math.min(...kv.ttls)).toBeGreaterThanOrEqual(60);
  });

  it('answers isError naming OSV when the database is unreachable or failing, never "no vulnerabilities"', async () => {
    const down = await osvServer();
    const url = down.url;
    await down.close();
    const unreachable = await runTool(auditVulnerabilities, { content: 'requests==2.28.2\n' }, { env: { OSV_API_URL: url } });
    expect(unreachable.isError).toBe(true);
    expect(resultText(unreachable)).toMatch(/^OSV advisory database could not be queried: POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch failed/);
    const failing = await osvServer(500);
    const reply = await runTool(auditVulnerabilities, { content: 'requests==2.28.2\n' }, { env: { OSV_API_URL: failing.url } });
    await failing.close();
    expect(resultText(reply)).toMatch(/^OSV advisory database could not be queried: POST .*\/v1\/querybatch answered HTTP 500/);
  });

  it('parses before querying: an invalid line is a parse error naming it', async () => {
    const reply = await runTool(auditVulnerabilities, { content: 'requests==2.28.2\nnot a requirement ???\n' }, { env: { OSV_API_URL: 'http://127.0.0.1:9' } });
    expect(resultText(reply)).toBe("line 2, column 1: invalid requirement: 'not a requirement ???'");
  });

  it('computes CVSS v3 base scores for advisories without a severity label', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N')).toBe(6.1);
  });

  it('names a missing argument', async () => {
    expect(resultText(await runTool(auditVulnerabilities, {}))).toMatch(/^Invalid arguments: content:/);
  });
});
