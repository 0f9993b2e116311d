import pino from 'pino';
import { redact } from './redact';

/**
 * The fields every log line may carry. The tailworker turns each line into a record
 * `{ts, worker, level, requestId, traceId, tool, event, outcome, durationMs, msg}`, so these
 * names are a contract between every worker and the log store.
 */
export interface LogFields {
  worker?: string;
  category?: string;
  requestId?: string;
  traceId?: string;
  spanId?: string;
  tool?: string;
  event?: string;
  outcome?: 'ok' | 'error' | 'tool_error' | 'rejected' | 'timeout' | string;
  durationMs?: number;
  errorClass?: string;
  cacheHit?: boolean;
  argsBytes?: number;
  argsHash?: string;
  [key: string]: unknown;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface Logger {
  trace(fields: LogFields, msg?: string): void;
  debug(fields: LogFields, msg?: string): void;
  info(fields: LogFields, msg?: string): void;
  warn(fields: LogFields, msg?: string): void;
  error(fields: LogFields, msg?: string): void;
  child(fields: LogFields): Logger;
}

const LEVEL_NAMES: Record<number, LogLevel> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export interface LoggerOptions {
  worker: string;
  level?: LogLevel;
  /** Where a finished line goes; console.log in workers (that is what tail() receives). */
  sink?: (line: string) => void;
}

/**
 * One JSON line per event through pino's browser build (the one bundlers pick for workerd).
 * The worker name is in every line because local tail events carry `scriptName: null`.
 */
export function createLogger({ worker, level = 'info', sink = (l) => console.log(l) }: LoggerOptions): Logger {
  const base = pino({
    level,
    browser: {
      asObject: true,
      write: (o: object) => {
        const { time, level: num, ...rest } = o as { time: number; level: number; [k: string]: unknown };
        sink(JSON.stringify({ ts: time, level: LEVEL_NAMES[num] ?? 'info', ...(redact(rest) as object) }));
      },
    },
  });
  return wrap(base.child({ worker }));
}

function wrap(p: pino.Logger): Logger {
  return {
    trace: (f, m) => p.trace(f, m),
    debug: (f, m) => p.debug(f, m),
    info: (f, m) => p.info(f, m),
    warn: (f, m) => p.warn(f, m),
    error: (f, m) => p.error(f, m),
    child: (f) => wrap(p.child(f)),
  };
}
