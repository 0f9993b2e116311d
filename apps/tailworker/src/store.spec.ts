import type { LogRecord } from '@mcp/core-logger';
import { BATCH_PREFIX, DEFAULT_TTL, batchMetadata, ttlSeconds, writeBatch } from './store';
import { unpackFragment } from './rollup';
import { MemoryKV } from './memory-kv';

const rec = (r: Partial<LogRecord>): LogRecord => ({ ts: 1_700_000_000_000, worker: 'gateway', level: 'info', event: 'x', ...r });

describe('the batch store', () => {
  it('keeps records 7 days by default, configurable, never under 60 s', () => {
    expect(ttlSeconds(undefined)).toBe(DEFAULT_TTL);
    expect(DEFAULT_TTL).toBe(604800);
    expect(ttlSeconds('3600')).toBe(3600);
    expect(ttlSeconds('10')).toBe(60);
    expect(ttlSeconds('soon')).toBe(DEFAULT_TTL);
    expect(ttlSeconds('0')).toBe(DEFAULT_TTL);
  });

  it('writes one put per batch, keyed by its earliest time, with the TTL', async () => {
    const kv = new MemoryKV();
    const key = await writeBatch(kv.asKV(), [rec({ ts: 1_700_000_000_005 }), rec({ ts: 1_700_000_000_001 })], 120);
    expect(kv.puts).toEqual([{ key, expirationTtl: 120 }]);
    expect(key).toMatch(new RegExp(`^${BATCH_PREFIX}1700000000001:[0-9a-z]+$`));
    expect(await writeBatch(kv.asKV(), [], 120)).toBeUndefined();
    expect(kv.puts).toHaveLength(1);
    // zero-padded times: string order is time order
    const early = await writeBatch(kv.asKV(), [rec({ ts: 999 })], 120);
    expect([early!, key!].sort()).toEqual([early, key]);
  });

  it('puts ids, workers, levels and the rollup fragment in the metadata', () => {
    const meta = batchMetadata([
      rec({ requestId: 'r1', traceId: 'a'.repeat(32), event: 'gateway.tool', tool: 't1', outcome: 'ok', durationMs: 3 }),
      rec({ requestId: 'r1', traceId: 'a'.repeat(32), worker: 'worker-docker', level: 'error', event: 'exception' }),
    ]);
    expect(meta).toMatchObject({ r: ['r1'], t: ['a'.repeat(32)], w: ['gateway', 'worker-docker'], l: ['info', 'error'] });
    expect(meta.more).toBeUndefined();
    expect(unpackFragment(meta.a!).tools.t1).toMatchObject({ c: 1, e: 0 });
  });

  it('flags batches whose ids or fragment do not fit 1 KiB of metadata', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      rec({ requestId: `req-${i}`, traceId: i.toString(16).padStart(32, '0'), event: 'gateway.tool', tool: `tool_number_${i}`, outcome: 'ok', durationMs: i }),
    );
    const meta = batchMetadata(many);
    expect(meta.more).toBe(true);
    expect(meta.ax).toBe(1);
    expect(meta.a).toBeUndefined();
    const kv = new MemoryKV();
    await writeBatch(kv.asKV(), many, 60); // MemoryKV throws over 1024 bytes, as KV does
  });
});
