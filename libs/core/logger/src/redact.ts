/** Keys whose values are never written to a log line, at any depth. */
const SECRET_KEY = /authorization|cookie|password|passwd|secret|token|api[-_]?key|credential|private[-_]?key/i;
/** Values that look like credentials even under an innocent key (bearer tokens, AWS keys, JWTs). */
const SECRET_VALUE = /^(Bearer\s+\S+|AKIA[0-9A-Z]{16}|eyJ[\w-]+\.[\w-]+\.[\w-]+|gh[pousr]_[A-Za-z0-9]{30,}|sk-[A-Za-z0-9_-]{20,})$/;

export const REDACTED = '[REDACTED]';

/** Returns a copy of `value` with secret-looking keys and values replaced by `[REDACTED]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[TRUNCATED]';
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && !/^(traceId|requestId)$/.test(k) ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Size and fingerprint of tool arguments: enough to correlate identical calls and spot huge
 * inputs without ever logging the code itself (code can hold secrets).
 */
export async function fingerprint(args: unknown): Promise<{ argsBytes: number; argsHash: string }> {
  const bytes = new TextEncoder().encode(JSON.stringify(args ?? null));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { argsBytes: bytes.byteLength, argsHash: hex };
}
