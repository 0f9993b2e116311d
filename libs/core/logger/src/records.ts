/**
 * The log record the tailworker stores: one per JSON log line, exception or abnormal outcome
 * of a worker invocation. Pure functions over tail events, so they are unit-tested in Node.
 */
export interface LogRecord {
  ts: number;
  worker: string;
  level: string;
  requestId?: string;
  traceId?: string;
  tool?: string;
  event: string;
  outcome?: string;
  durationMs?: number;
  msg?: string;
  [field: string]: unknown;
}

/** The parts of a Workers `TraceItem` the store reads (typed loosely: locally some are null). */
export interface TailEvent {
  scriptName?: string | null;
  outcome?: string;
  eventTimestamp?: number | null;
  event?: unknown;
  logs?: { timestamp: number; level: string; message: unknown[] }[];
  exceptions?: { timestamp: number; name: string; message: string }[];
}

const ABNORMAL = new Set(['exception', 'exceededCpu', 'exceededMemory', 'canceled', 'scriptNotFound', 'responseStreamDisconnected', 'unknown']);

export function recordsFromTailEvents(events: readonly TailEvent[]): LogRecord[] {
  const records: LogRecord[] = [];
  for (const ev of events) {
    const fallbackWorker = ev.scriptName ?? 'unknown';
    let context: Pick<LogRecord, 'worker' | 'requestId' | 'traceId' | 'tool'> = { worker: fallbackWorker };
    for (const log of ev.logs ?? []) {
      const record = parseLine(log, fallbackWorker);
      records.push(record);
      // Remember the invocation's identity (from our structured lines, which name the worker
      // even where the runtime does not) so exceptions and outcomes can be attributed.
      if (record.event !== 'console') context = {
        worker: record.worker,
        requestId: record.requestId ?? context.requestId,
        traceId: record.traceId ?? context.traceId,
        tool: record.tool ?? context.tool,
      };
    }
    for (const ex of ev.exceptions ?? []) {
      records.push({ ...context, ts: ex.timestamp, level: 'error', event: 'exception', outcome: 'exception', errorClass: ex.name, msg: ex.message });
    }
    if (ev.outcome && ABNORMAL.has(ev.outcome)) {
      records.push({ ...context, ts: ev.eventTimestamp ?? Date.now(), level: 'error', event: 'invocation.outcome', outcome: ev.outcome, msg: `invocation ended with ${ev.outcome}` });
    }
  }
  return records;
}

function parseLine(log: { timestamp: number; level: string; message: unknown[] }, worker: string): LogRecord {
  const [first] = log.message;
  if (log.message.length === 1 && typeof first === 'string' && first.startsWith('{')) {
    try {
      const parsed = JSON.parse(first) as Partial<LogRecord>;
      return { ...parsed, ts: Number(parsed.ts ?? log.timestamp), worker: String(parsed.worker ?? worker), level: String(parsed.level ?? log.level), event: String(parsed.event ?? 'log') };
    } catch {
      // Not one of ours: kept as a plain console line below.
    }
  }
  const msg = log.message.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return { ts: log.timestamp, worker, level: log.level === 'log' ? 'info' : log.level, event: 'console', msg: msg.slice(0, 2000) };
}
