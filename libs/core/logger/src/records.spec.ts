import { recordsFromTailEvents } from './records';
import { createLogger } from './logger';
import { childTrace, formatTraceparent, parseTraceparent } from './trace';
import { redact } from './redact';

describe('tail events to log records', () => {
  const lines: string[] = [];
  const log = createLogger({ worker: 'worker-docker', sink: (l) => lines.push(l) });
  log.child({ requestId: 'r1', traceId: 't'.repeat(32) }).info({ event: 'tool.call', tool: 'docker_lint_dockerfile', outcome: 'ok', durationMs: 3 });

  it('turns our JSON lines into records with the contract fields', () => {
    const [record] = recordsFromTailEvents([{ scriptName: null, outcome: 'ok', logs: [{ timestamp: 5, level: 'log', message: [lines[0]] }] }]);
    expect(record).toMatchObject({ worker: 'worker-docker', level: 'info', requestId: 'r1', tool: 'docker_lint_dockerfile', event: 'tool.call', outcome: 'ok', durationMs: 3 });
    expect(typeof record.ts).toBe('number');
  });

  it('keeps plain console lines, exceptions and abnormal outcomes, attributed to the invocation', () => {
    const records = recordsFromTailEvents([
      {
        scriptName: 'gateway',
        outcome: 'exceededCpu',
        eventTimestamp: 9,
        logs: [
          { timestamp: 6, level: 'log', message: [lines[0]] },
          { timestamp: 7, level: 'warn', message: ['plain', { a: 1 }] },
        ],
        exceptions: [{ timestamp: 8, name: 'TypeError', message: 'x is undefined' }],
      },
    ]);
    expect(records.map((r) => [r.event, r.level, r.worker, r.requestId])).toEqual([
      ['tool.call', 'info', 'worker-docker', 'r1'],
      ['console', 'warn', 'gateway', undefined],
      ['exception', 'error', 'worker-docker', 'r1'],
      ['invocation.outcome', 'error', 'worker-docker', 'r1'],
    ]);
    expect(records[3].outcome).toBe('exceededCpu');
    expect(records[1].msg).toBe('plain {"a":1}');
  });
});

describe('trace context', () => {
  it('continues a valid traceparent and rejects malformed ones', () => {
    const parent = parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(parent).toEqual({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', flags: '01' });
    const child = childTrace(parent);
    expect(child.traceId).toBe(parent!.traceId);
    expect(child.spanId).not.toBe(parent!.spanId);
    expect(formatTraceparent(child)).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    for (const bad of ['', 'garbage', '00-00000000000000000000000000000000-b7ad6b7169203331-01', 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01']) {
      expect(parseTraceparent(bad)).toBeNull();
    }
    expect(childTrace(null).traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('redaction', () => {
  it('hides secret-looking keys and values at any depth', () => {
    expect(redact({ authorization: 'Bearer abc', nested: { apiKey: 'k', ok: 'fine', token: 1 }, v: 'AKIAIOSFODNN7EXAMPLE', traceId: 'keep' })).toEqual({
      authorization: '[REDACTED]',
      nested: { apiKey: '[REDACTED]', ok: 'fine', token: '[REDACTED]' },
      v: '[REDACTED]',
      traceId: 'keep',
    });
  });

  it('applies to every log line', () => {
    const out: string[] = [];
    createLogger({ worker: 'w', sink: (l) => out.push(l) }).info({ event: 'x', password: 'hunter2' });
    expect(out[0]).not.toContain('hunter2');
  });
});
