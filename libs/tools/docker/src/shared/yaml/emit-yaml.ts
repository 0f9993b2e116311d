import { resolvePlain } from './fast-yaml';

/**
 * Emits plain data (objects, arrays, strings, numbers, booleans, null) as block YAML in the
 * `yaml` package's default style (2-space indent, sequences indented under their key), without
 * anchors. Strings are written plain only when they read back as the same string; otherwise
 * they are double-quoted with JSON escapes, which YAML accepts. Linear in the output size,
 * unlike the `yaml` package's document model.
 */
export function emitYaml(value: unknown): string {
  const out: string[] = [];
  emit(value, 0, out, null);
  return out.join('\n') + '\n';
}

const SAFE_PLAIN = /^[A-Za-z0-9_./$()][A-Za-z0-9_./$() :=@+,-]*$/;

export function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  const plain = SAFE_PLAIN.test(s) && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #') && resolvePlain(s) === s;
  return plain ? s : JSON.stringify(s);
}

function isEmptyCollection(v: unknown): string | null {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : null;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length === 0 ? '{}' : null;
  return null;
}

/** `prefix` is what goes before the first line of this node (`- ` of a sequence item). */
function emit(v: unknown, indent: number, out: string[], prefix: string | null): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const head = i === 0 && prefix !== null ? prefix : pad;
      const empty = isEmptyCollection(item);
      if (empty !== null || typeof item !== 'object' || item === null) out.push(`${head}- ${empty ?? scalar(item)}`);
      else emit(item, indent + 2, out, `${head}- `);
    });
    return;
  }
  if (typeof v === 'object' && v !== null) {
    Object.entries(v).forEach(([k, x], i) => {
      const head = i === 0 && prefix !== null ? prefix : pad;
      const key = scalar(k);
      const empty = isEmptyCollection(x);
      if (empty !== null) out.push(`${head}${key}: ${empty}`);
      else if (typeof x === 'object' && x !== null) {
        out.push(`${head}${key}:`);
        emit(x, indent + 2, out, null);
      } else out.push(`${head}${key}: ${scalar(x)}`);
    });
    return;
  }
  out.push(`${prefix ?? pad}${scalar(v)}`);
}
