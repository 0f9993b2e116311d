import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

// The dashboard in a real browser: Debian's Chromium driven by playwright-core. It loads the
// page through the gateway with the ?token= login, sees the calls this spec made, opens an
// error's trace with a click, watches the live tail pick up a new call without a reload, and
// keeps a screenshot in test-artifacts/.
const CHROMIUM = '/usr/bin/chromium';
const ADMIN_TOKEN = 'dashboard-admin-token';
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const MUTED = ['log', 'info', 'error', 'warn'] as const;
const saved = Object.fromEntries(MUTED.map((m) => [m, console[m]]));

const available = existsSync(CHROMIUM);
if (!available) process.stderr.write(`SKIPPED the dashboard browser spec: ${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)\n`);

(available ? describe : describe.skip)('the dashboard in headless Chromium', () => {
  let cluster: Cluster;
  let browser: import('playwright-core').Browser;

  const call = async (name: string, args: unknown) => {
    const res = await fetch(cluster.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
    });
    const text = await res.text();
    const meta = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)).result._meta;
    return { requestId: meta['mcp-workers/requestId'] as string, traceId: meta['mcp-workers/traceId'] as string };
  };
  const stored = async (traceId: string) => {
    for (let i = 0; i < 150; i++) {
      const res = await fetch(`${cluster.url}/admin/logs?traceId=${traceId}&event=gateway.tool`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (((await res.json()) as { records: unknown[] }).records.length) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`trace ${traceId} never reached the store`);
  };

  beforeAll(async () => {
    // verbose so miniflare drains workerd's stdout (see observability-load.spec.ts); muted here.
    for (const m of MUTED) console[m] = () => undefined;
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'], vars: { gateway: { ADMIN_TOKEN } }, verbose: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    Object.assign(console, saved);
  });

  it('shows the calls, opens an error trace on click, tails live, and keeps a screenshot', async () => {
    const good = [];
    for (let i = 0; i < 3; i++) good.push(await call('docker_lint_dockerfile', { content: `FROM node:latest\n# ${i}\n` }));
    const bad = await call('docker_lint_dockerfile', { content: 42 });
    await Promise.all([...good, bad].map((c) => stored(c.traceId)));

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    const external: string[] = [];
    page.on('request', (r) => !r.url().startsWith(cluster.url) && external.push(r.url()));

    await page.goto(`${cluster.url}/admin/dashboard?token=${ADMIN_TOKEN}`);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.waitForSelector('#health .card.ok[data-worker="worker-docker"]', { timeout: 30_000 });
    await page.waitForSelector('#health .card.ok[data-worker="gateway"]');
    const slow = await page.waitForSelector('#slow tr[data-tool="docker_lint_dockerfile"]', { timeout: 30_000 });
    expect(await slow.innerText()).toMatch(/docker_lint_dockerfile\s+4\s+1\s+25%/);
    expect(await page.locator('#req rect.bar[height]:not([height="0"])').count()).toBeGreaterThan(0);
    for (const c of good) await page.waitForSelector(`#tail div[data-request="${c.requestId}"]`, { timeout: 30_000 });

    // Recent errors -> click -> the trace across gateway and worker.
    const row = await page.waitForSelector(`#errors tr[data-trace="${bad.traceId}"]`, { timeout: 30_000 });
    await row.click();
    await page.waitForSelector('#trace.open');
    await page.waitForFunction(() => document.querySelectorAll('#trace-rows tr').length >= 3, undefined, { timeout: 30_000 });
    const trace = await page.locator('#trace').innerText();
    expect(trace).toContain(bad.traceId);
    expect(trace).toContain('worker-docker');
    expect(trace).toContain('tool.call');
    expect(trace).toContain('tool_error');

    // A call made now shows up in the live tail without a reload.
    const late = await call('docker_lint_dockerfile', { content: 'FROM alpine:3.20\n' });
    await page.waitForSelector(`#tail div[data-request="${late.requestId}"]`, { timeout: 60_000 });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
    expect(existsSync(`${ARTIFACTS}dashboard.png`)).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  }, 300_000);
});
