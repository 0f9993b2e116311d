export { createLogger } from './logger';
export type { Logger, LogFields, LogLevel, LoggerOptions } from './logger';
export { parseTraceparent, formatTraceparent, childTrace, newRequestId } from './trace';
export type { TraceContext } from './trace';
export { redact, fingerprint, REDACTED } from './redact';
export { recordsFromTailEvents } from './records';
export type { LogRecord, TailEvent } from './records';
