import type { LogRecord } from '@mcp/core-logger';
import { writeBatch } from './store';
import { analytics, rollupKey, writeAnalyticsEngine } from './analytics';
import { BUCKET_MS, SETTLE_MS } from './rollup';
import { handleQuery } from './routes';
import { MemoryKV } from './memory-kv';

const NOW = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS) + 123_456;
const rec = (r: Partial<LogRecord>): LogRecord => ({ ts: NOW, worker: 'gateway', level: 'info', event: 'x', ...r });

async function calls(kv: MemoryKV, ago: number, tool: string, n: number, errors: number, durationMs: number) {
  for (let i = 0; i < n; i++) {
    const outcome = i < errors ? 'tool_error' : 'ok';
    const ts = NOW - ago + i;
    await writeBatch(kv.asKV(), [rec({ ts, event: 'gateway.tool', tool, outcome, durationMs }), rec({ ts, event: 'http.request', path: '/mcp', outcome: 'ok', durationMs })], 600);
    await writeBatch(kv.asKV(), [rec({ ts, worker: `worker-${tool.split('_')[0]}`, event: 'tool.call', tool, outcome, durationMs: durationMs - 1 })], 600);
  }
}

describe('GET /admin/analytics', () => {
  let kv: MemoryKV;
  beforeEach(async () => {
    kv = new MemoryKV();
    await calls(kv, 30_000, 'docker_lint_dockerfile', 20, 5, 8); // open bucket
    await calls(kv, 40 * 60_000, 'db_lint_sql', 10, 0, 120); // closed bucket, inside 1h
    await calls(kv, 3 * 3_600_000, 'api_lint_graphql', 4, 4, 30); // only inside 24h
  });

  it('answers calls, errors, error rate and p50/p95/p99 per tool and per worker', async () => {
    const a = await analytics(kv.asKV(), '1h', 600, NOW);
    expect(a.tools).toEqual([
      { tool: 'docker_lint_dockerfile', calls: 20, errors: 5, errorRate: 25, p50: 10, p95: 10, p99: 10 },
      { tool: 'db_lint_sql', calls: 10, errors: 0, errorRate: 0, p50: 150, p95: 150, p99: 150 },
    ]);
    expect(a.workers.find((w) => w.worker === 'gateway')).toMatchObject({ calls: 30, errors: 0 });
    expect(a.workers.find((w) => w.worker === 'worker-docker')).toMatchObject({ calls: 20, errors: 5, errorRate: 25 });
    expect(a.stepMs).toBe(60_000);
    expect(a.series.reduce((n, p) => n + p.requests, 0)).toBe(30);
    expect(a.series.reduce((n, p) => n + p.errors, 0)).toBe(5);
    const day = await analytics(kv.asKV(), '24h', 600, NOW);
    expect(day.tools.map((t) => [t.tool, t.calls, t.errorRate])).toEqual([
      ['docker_lint_dockerfile', 20, 25],
      ['db_lint_sql', 10, 0],
      ['api_lint_graphql', 4, 100],
    ]);
    expect(day.series).toHaveLength(97);
    const five = await analytics(kv.asKV(), '5m', 600, NOW);
    expect(five.tools.map((t) => t.tool)).toEqual(['docker_lint_dockerfile']);
  });

  it('compacts closed buckets once into rollup keys and reads them afterwards', async () => {
    const first = await analytics(kv.asKV(), '1h', 600, NOW);
    const rollups = [...kv.entries.keys()].filter((k) => k.startsWith('rollup:'));
    expect(rollups.length).toBe(first.source.closedBuckets);
    expect(rollups.length).toBeGreaterThan(8);
    const bucket = Math.floor((NOW - 40 * 60_000) / BUCKET_MS) * BUCKET_MS;
    expect(kv.entries.get(rollupKey(bucket))?.expirationTtl).toBe(600);
    const puts = kv.puts.length;
    // Drop the raw batches of the closed bucket: the answer must now come from the rollup.
    for (const k of [...kv.entries.keys()]) if (k.startsWith('log:') && Number(k.slice(4, 17)) < NOW - SETTLE_MS - BUCKET_MS) kv.entries.delete(k);
    const again = await analytics(kv.asKV(), '1h', 600, NOW);
    expect(again.tools).toEqual(first.tools);
    expect(kv.puts.length).toBe(puts);
  });

  it('gives the same answer when queries race to compact the same buckets', async () => {
    const results = await Promise.all([1, 2, 3].map(() => analytics(kv.asKV(), '1h', 600, NOW)));
    expect(results[1].tools).toEqual(results[0].tools);
    expect(results[2].workers).toEqual(results[0].workers);
  });

  it('rejects unknown windows and parameters with 400', async () => {
    for (const q of ['window=2h', 'window=', 'window=1h&tool=x']) {
      const res = await handleQuery(new Request(`http://tail/admin/analytics?${q}`), kv.asKV(), 600);
      expect([q, res.status]).toEqual([q, 400]);
      expect(((await res.json()) as { error: string }).error).toMatch(/window|parameter/);
    }
  });
});

describe('Workers Analytics Engine', () => {
  it('writes one data point per counted call when the binding exists', () => {
    const points: unknown[] = [];
    const records = [
      rec({ event: 'gateway.tool', tool: 'docker_lint_dockerfile', outcome: 'tool_error', durationMs: 7 }),
      rec({ event: 'http.request', path: '/mcp', outcome: 'ok', durationMs: 9 }),
      rec({ event: 'console' }),
    ];
    expect(writeAnalyticsEngine({ writeDataPoint: (p) => points.push(p) }, records)).toBe(2);
    expect(points[0]).toEqual({ indexes: ['docker_lint_dockerfile'], blobs: ['tool', 'docker_lint_dockerfile', 'gateway', 'tool_error', 'gateway.tool'], doubles: [7, 1, 1] });
    expect(writeAnalyticsEngine(undefined, records)).toBe(0);
  });
});
