import type { LogRecord } from '@mcp/core-logger';
import { binOf, fragmentOf, mergeFragment, packFragment, quantile, summarize, unpackFragment, emptyFragment, LATENCY_BINS } from './rollup';

const rec = (r: Partial<LogRecord>): LogRecord => ({ ts: 1_700_000_000_000, worker: 'gateway', level: 'info', event: 'x', ...r });

describe('rollup fragments', () => {
  const records = [
    rec({ event: 'gateway.tool', tool: 'docker_lint_dockerfile', outcome: 'ok', durationMs: 4 }),
    rec({ event: 'gateway.tool', tool: 'docker_lint_dockerfile', outcome: 'tool_error', durationMs: 40 }),
    rec({ event: 'http.request', path: '/mcp', outcome: 'ok', durationMs: 5 }),
    rec({ event: 'http.request', path: '/admin/logs', outcome: 'ok', durationMs: 1 }),
    rec({ worker: 'worker-docker', event: 'tool.call', tool: 'docker_lint_dockerfile', outcome: 'error', durationMs: 2, ts: 1_700_000_012_000 }),
    rec({ event: 'http.request', path: '/mcp', outcome: 'rejected', status: 403, durationMs: 1, ts: 1_700_000_013_000 }),
    rec({ event: 'tool.retry', tool: 'docker_lint_dockerfile' }),
  ];

  it('counts tools from gateway.tool, workers from http.request (not /admin) and tool.call', () => {
    const f = fragmentOf(records);
    expect(Object.keys(f.tools)).toEqual(['docker_lint_dockerfile']);
    expect(f.tools.docker_lint_dockerfile).toMatchObject({ c: 2, e: 1 });
    expect(f.workers.gateway).toMatchObject({ c: 2, e: 1 });
    expect(f.workers['worker-docker']).toMatchObject({ c: 1, e: 1 });
    // requests over time are the gateway's; errors are rejected requests and failed tool calls
    expect(f.series).toEqual({ 1_700_000_000_000: [1, 1], 1_700_000_010_000: [1, 1] });
  });

  it('packs into KV metadata and back without loss', () => {
    const f = fragmentOf(records);
    const packed = packFragment(f, 1_700_000_000_000);
    expect(JSON.stringify(packed).length).toBeLessThan(200);
    expect(unpackFragment(JSON.parse(JSON.stringify(packed)))).toEqual(f);
  });

  it('merges fragments by adding, and clips the series to a window', () => {
    const f = fragmentOf(records);
    const m = mergeFragment(mergeFragment(emptyFragment(), f), f);
    expect(m.tools.docker_lint_dockerfile).toMatchObject({ c: 4, e: 2 });
    expect(m.series).toEqual({ 1_700_000_000_000: [2, 2], 1_700_000_010_000: [2, 2] });
    expect(mergeFragment(emptyFragment(), f, 1_700_000_005_000).series).toEqual({ 1_700_000_010_000: [1, 1] });
  });

  it('answers percentiles as histogram bin upper bounds, error rate in percent', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(4)).toBe(LATENCY_BINS.indexOf(5));
    expect(binOf(10 ** 9)).toBe(LATENCY_BINS.length);
    const h: Record<number, number> = {};
    for (let ms = 1; ms <= 100; ms++) h[binOf(ms)] = (h[binOf(ms)] ?? 0) + 1;
    expect(quantile(h, 0.5)).toBe(50);
    expect(quantile(h, 0.95)).toBe(100);
    expect(quantile(h, 0.99)).toBe(100);
    expect(quantile({}, 0.5)).toBeNull();
    expect(summarize({ c: 3, e: 1, h })).toMatchObject({ calls: 3, errors: 1, errorRate: 33.33, p50: 50 });
    expect(summarize({ c: 0, e: 0, h: {} })).toMatchObject({ errorRate: 0, p50: null });
  });
});
