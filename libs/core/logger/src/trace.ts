/** W3C Trace Context (https://www.w3.org/TR/trace-context/): `00-<trace-id>-<parent-id>-<flags>`. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return [...buf].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses a traceparent header; null for anything malformed or all-zero (the spec says ignore it). */
export function parseTraceparent(header: string | null | undefined): TraceContext | null {
  const m = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!m || m[1] === 'ff' || /^0+$/.test(m[2]) || /^0+$/.test(m[3])) return null;
  return { traceId: m[2], spanId: m[3], flags: m[4] };
}

export function formatTraceparent(ctx: TraceContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.flags}`;
}

/** Continues an incoming trace with a new span, or starts a new sampled trace. */
export function childTrace(parent: TraceContext | null): TraceContext {
  return { traceId: parent?.traceId ?? randomHex(16), spanId: randomHex(8), flags: parent?.flags ?? '01' };
}

/** A short random id for requests that carry none. */
export function newRequestId(): string {
  return randomHex(8);
}
