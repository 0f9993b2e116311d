import { K8S_TYPES } from '../shared/data/k8s.schema';
import type { PathSeg } from '../shared/yaml/load-yaml';
import { isRecord } from '../shared/yaml/load-yaml';
import { K8S_ENUMS } from './k8s-enums.data';

export interface Violation {
  path: PathSeg[];
  /** Where to report it: the path itself, or its parent for a missing field. */
  at: PathSeg[];
  message: string;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Validates a value against a type of the vendored schema grammar the way kubeconform does
 * without `-strict`: required fields, types, int-or-string, quantities, enums; unknown fields
 * are allowed and null stands for "unset".
 */
export function validate(value: unknown, type: string, path: PathSeg[], out: Violation[], owner?: string): void {
  if (value === null || value === undefined) return;
  const fail = (expected: string): void => {
    out.push({ path, at: path, message: `expected ${expected}, got ${typeName(value)}` });
  };
  if (type.startsWith('[')) {
    if (!Array.isArray(value)) return fail('array');
    const inner = type.slice(1, -1);
    value.forEach((item, i) => validate(item, inner, [...path, i], out));
    return;
  }
  if (type.startsWith('{')) {
    if (!isRecord(value)) return fail('object');
    const inner = type.slice(1, -1);
    for (const [k, v] of Object.entries(value)) validate(v, inner, [...path, k], out);
    return;
  }
  switch (type) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') return fail('string');
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('integer');
      return;
    case 'number':
      if (typeof value !== 'number') return fail('number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('boolean');
      return;
    case 'int-or-string':
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) return fail('integer or string');
      return;
    case 'quantity':
      if (typeof value === 'number') return;
      if (typeof value !== 'string') return fail('quantity (string or number)');
      if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.test(value)) {
        out.push({ path, at: path, message: `"${value}" is not a valid quantity` });
      }
      return;
    default: {
      const model = K8S_TYPES[type];
      if (!model) return;
      if (!isRecord(value)) return fail('object');
      for (const req of model.r ?? []) {
        if (value[req] === undefined || value[req] === null) out.push({ path: [...path, req], at: path, message: `missing required field "${req}"` });
      }
      for (const [k, v] of Object.entries(value)) {
        const t = model.p[k];
        if (t) validate(v, t, [...path, k], out, `${type}.${k}`);
      }
      return;
    }
  }
  // strings with an enum
  if (owner && K8S_ENUMS[owner] && !K8S_ENUMS[owner].includes(value as string)) {
    out.push({ path, at: path, message: `"${String(value)}" is not one of ${K8S_ENUMS[owner].map((e) => `"${e}"`).join(', ')}` });
  }
}
