import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { checkVulnerabilitiesTool } from './check-vulnerabilities.tool';
import { cvss3BaseScore, levelOf, matchAdvisory } from './affected';
import { startFakeOsv, type FakeOsv } from './osv-fake-server';
import type { OsvRecord } from '@mcp/core-osv';

const lockfile = (name: string) => readFileSync(new URL(`../analyze-lockfile/fixtures/${name}`, import.meta.url), 'utf8');
const record = (id: string) => JSON.parse(readFileSync(new URL(`./fixtures/osv/${id}.json`, import.meta.url), 'utf8')) as OsvRecord;

class MemoryKv {
  store = new Map<string, string>();
  ttls: number[] = [];
  async get(key: string) {
    return this.store.get(key) ?? null;
  }
  async put(key: string, value: string, options?: { expirationTtl?: number }) {
    if (!options?.expirationTtl || options.expirationTtl < 60) throw new Error('KV expirationTtl must be >= 60');
    this.ttls.push(options.expirationTtl);
    this.store.set(key, value);
  }
}

describe('node_check_vulnerabilities', () => {
  let osv: FakeOsv;
  beforeEach(async () => {
    osv = await startFakeOsv();
  });
  afterEach(() => osv.close());
  const env = () => ({ OSV_API_URL: osv.url });

  it('reports the advisories affecting each locked version, matched locally', async () => {
    const reply = await runTool(checkVulnerabilitiesTool, { content: lockfile('package-lock.v3.json') }, { env: env() });
    const out = structured<Envelope>(reply);
    const rows = out.findings.map((f) => [f.ruleId, f.package, f.version, f.severity, f.fixedIn]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['GHSA-35jh-r3h4-6jhm', 'lodash', '4.17.20', 'error', '4.17.21'],
        ['GHSA-xvch-5gv4-984h', 'minimist', '1.2.0', 'error', '1.2.6'],
        ['GHSA-vh95-rmgr-6w4m', 'minimist', '1.2.0', 'warning', '1.2.3'],
        ['GHSA-rv95-896h-c2vc', 'express', '4.17.1', 'warning', '4.19.2'],
        ['GHSA-qw6h-vgh9-j6wx', 'express', '4.17.1', 'warning', '4.20.0'],
        ['GHSA-gxpj-cx7g-858c', 'debug', '3.2.6', 'warning', '3.2.7'],
      ]),
    );
    // The fake server returns every lodash advisory; GHSA-p6mc (fixed in 4.17.20) must be dropped,
    // and debug 2.6.9 is the fixed release of GHSA-gxpj's first range.
    expect(rows.find((r) => r[0] === 'GHSA-p6mc-m468-83gw')).toBeUndefined();
    expect(rows.find((r) => r[0] === 'GHSA-gxpj-cx7g-858c' && r[2] === '2.6.9')).toBeUndefined();
    const lodash = out.findings.find((f) => f.ruleId === 'GHSA-35jh-r3h4-6jhm')!;
    expect(lodash.aliases).toEqual(['CVE-2021-23337']);
    expect(lodash.level).toBe('high');
    expect(lodash.message).toBe('lodash@4.17.20: Command Injection in lodash (GHSA-35jh-r3h4-6jhm, CVE-2021-23337, high)');
    expect(lodash.location?.line).toBe(lockfile('package-lock.v3.json').split('\n').findIndex((l) => l.includes('"node_modules/lodash"')) + 1);
    const m = out.metrics as { packagesQueried: number; vulnerablePackages: number };
    expect(m.packagesQueried).toBeGreaterThan(150);
    expect(osv.requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /v1/querybatch']);
    expect(resultText(reply)).toContain('| lodash | 4.17.20 | GHSA-35jh-r3h4-6jhm | high | 4.17.21 |');
  });

  it('reads yarn and pnpm lockfiles the same way', async () => {
    for (const file of ['yarn.classic.lock', 'yarn.berry.lock', 'pnpm-lock.v9.yaml']) {
      const out = structured<Envelope>(await runTool(checkVulnerabilitiesTool, { content: lockfile(file) }, { env: env() }));
      expect(out.findings.map((f) => `${f.ruleId} ${f.package}@${f.version}`)).toContain('GHSA-xvch-5gv4-984h minimist@1.2.0');
    }
  });

  it('takes a packages list and stays silent on fixed versions', async () => {
    const fixed = structured<Envelope>(
      await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'lodash', version: '4.17.21' }, { name: 'minimist', version: '1.2.8' }] }, { env: env() }),
    );
    expect(fixed.findings).toEqual([]);
    expect(fixed.metrics).toMatchObject({ packagesQueried: 2, vulnerablePackages: 0 });
    const old = structured<Envelope>(await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'minimist', version: '0.0.8' }] }, { env: env() }));
    expect(old.findings.map((f) => [f.ruleId, f.fixedIn])).toEqual([
      ['GHSA-xvch-5gv4-984h', '0.2.4'],
      ['GHSA-vh95-rmgr-6w4m', '0.2.1'],
    ]);
    expect(old.findings[0].location).toBeUndefined();
  });

  it('follows next_page_token', async () => {
    osv.pageSize = 1;
    const out = structured<Envelope>(await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'express', version: '4.17.1' }] }, { env: env() }));
    expect(out.findings.map((f) => f.ruleId).sort()).toEqual(['GHSA-qw6h-vgh9-j6wx', 'GHSA-rv95-896h-c2vc']);
    expect(osv.requests.filter((r) => r.startsWith('POST'))).toHaveLength(2);
  });

  it('caches answers in KV with a TTL and serves the second call from it', async () => {
    const kv = new MemoryKv();
    const args = { packages: [{ name: 'lodash', version: '4.17.20' }] };
    const first = structured(await runTool(checkVulnerabilitiesTool, args, { env: { ...env(), OSV_CACHE: kv } }));
    const calls = osv.requests.length;
    expect(kv.store.has('osv:v1:query:npm:lodash@4.17.20')).toBe(true);
    expect(kv.ttls.every((t) => t >= 60)).toBe(true);
    const second = structured(await runTool(checkVulnerabilitiesTool, args, { env: { ...env(), OSV_CACHE: kv } }));
    expect(osv.requests.length).toBe(calls);
    expect(second).toEqual(first);
  });

  it('answers isError naming OSV when it returns an error', async () => {
    osv.failWith = 503;
    const reply = await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'lodash', version: '4.17.20' }] }, { env: env() });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^OSV advisory database could not be queried: POST .*\/v1\/querybatch answered HTTP 503/);
  });

  it('answers isError when OSV cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const reply = await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'lodash', version: '4.17.20' }] }, { env: { OSV_API_URL: `http://127.0.0.1:${port}` } });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^OSV advisory database could not be queried: POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch failed/);
  });

  it('parses the lockfile before any query', async () => {
    const reply = await runTool(checkVulnerabilitiesTool, { content: '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {}\n  \n}' }, { env: env() });
    expect(resultText(reply)).toMatch(/^line 6, column 2: /);
    expect(osv.requests).toEqual([]);
  });

  it('names the invalid field', async () => {
    const range = await runTool(checkVulnerabilitiesTool, { packages: [{ name: 'lodash', version: '^4.17.0' }] }, { env: env() });
    expect(resultText(range)).toMatch(/^Invalid arguments: packages\[0\]\.version: must be an exact semver version/);
    const none = await runTool(checkVulnerabilitiesTool, {}, { env: env() });
    expect(resultText(none)).toMatch(/^Invalid arguments: content: give exactly one of content/);
  });
});

describe('OSV range evaluation', () => {
  it('handles several ranges, pre-releases and last_affected', () => {
    const express = record('GHSA-rv95-896h-c2vc');
    expect(matchAdvisory(express, 'express', '4.19.2').affected).toBe(false);
    expect(matchAdvisory(express, 'express', '5.0.0-beta.1')).toEqual({ affected: true, fixedIn: '5.0.0-beta.3' });
    expect(matchAdvisory(express, 'express', '5.0.0').affected).toBe(false);
    expect(matchAdvisory(express, 'koa', '2.0.0').affected).toBe(false);
    const last: OsvRecord = { id: 'X', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }] }] }] };
    expect(matchAdvisory(last, 'a', '1.4.0')).toEqual({ affected: true, fixedIn: null });
    expect(matchAdvisory(last, 'a', '1.4.1').affected).toBe(false);
  });

  it('computes CVSS 3 base scores as FIRST defines them', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H')).toBe(7.2);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L')).toBe(5.3);
    const noLevel = { ...record('GHSA-xvch-5gv4-984h'), database_specific: {} };
    expect(levelOf(noLevel)).toBe('critical');
  });
});
