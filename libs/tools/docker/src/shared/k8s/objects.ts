import { InputError } from '@mcp/core-response';
import { isRecord, loadYaml, type PathSeg, type YamlDoc } from '../yaml/load-yaml';

/** One Kubernetes object from a manifest stream (`List` items are unpacked). */
export interface K8sObject {
  doc: YamlDoc;
  /** Path of the object inside its document ([] or ['items', i]). */
  base: PathSeg[];
  value: Record<string, unknown>;
  kind: string;
  apiVersion: string;
  name: string;
  /** metadata.namespace, or `default` for namespaced objects without one. */
  namespace: string;
  /** `Kind/namespace/name` (TOOLS.md: findings on objects carry it as `object`). */
  id: string;
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass', 'IngressClass',
  'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'PodSecurityPolicy', 'RuntimeClass', 'CSIDriver',
]);

export function loadObjects(content: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of loadYaml(content)) {
    const v = doc.value;
    if (!isRecord(v)) throw new InputError(`Document ${doc.index + 1} (line ${doc.line}) is not a Kubernetes object: expected a mapping with apiVersion and kind.`);
    if (v.kind === 'List' || (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items))) {
      (v.items as unknown[]).forEach((item, i) => {
        if (isRecord(item)) objects.push(makeObject(doc, ['items', i], item));
      });
    } else objects.push(makeObject(doc, [], v));
  }
  return objects;
}

function makeObject(doc: YamlDoc, base: PathSeg[], value: Record<string, unknown>): K8sObject {
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const kind = typeof value.kind === 'string' ? value.kind : '';
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : CLUSTER_SCOPED.has(kind) ? '' : 'default';
  return {
    doc,
    base,
    value,
    kind,
    apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
    name,
    namespace,
    id: `${kind}/${namespace ? namespace + '/' : ''}${name}`,
  };
}

/** Line and column of a path inside an object. */
export function lineOf(obj: K8sObject, path: PathSeg[]): { line: number; column: number } {
  return obj.doc.position([...obj.base, ...path]);
}

export interface PodTemplate {
  /** Path of the pod spec inside the object. */
  path: PathSeg[];
  spec: Record<string, unknown>;
  labels: Record<string, string>;
}

/** The pod spec of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...). */
export function podTemplateOf(obj: K8sObject): PodTemplate | null {
  const v = obj.value;
  const spec = isRecord(v.spec) ? v.spec : null;
  if (!spec) return null;
  const meta = isRecord(v.metadata) ? v.metadata : {};
  if (obj.kind === 'Pod') return { path: ['spec'], spec, labels: stringMap(meta.labels) };
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].includes(obj.kind)) {
    const t = isRecord(spec.template) ? spec.template : null;
    if (!t || !isRecord(t.spec)) return null;
    return { path: ['spec', 'template', 'spec'], spec: t.spec, labels: stringMap(isRecord(t.metadata) ? t.metadata.labels : undefined) };
  }
  if (obj.kind === 'CronJob') {
    const jt = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : null;
    const t = jt && isRecord(jt.template) ? jt.template : null;
    if (!t || !isRecord(t.spec)) return null;
    return { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], spec: t.spec, labels: stringMap(isRecord(t.metadata) ? t.metadata.labels : undefined) };
  }
  return null;
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

export interface ContainerRef {
  container: Record<string, unknown>;
  name: string;
  init: boolean;
  path: PathSeg[];
}

export function containersOf(pod: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [key, init] of [['initContainers', true], ['containers', false]] as const) {
    const list = pod.spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isRecord(c)) out.push({ container: c, name: typeof c.name === 'string' ? c.name : `#${i}`, init, path: [...pod.path, key, i] });
    });
  }
  return out;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorOf(v: unknown): LabelSelector | null {
  if (!isRecord(v)) return null;
  const out: LabelSelector = {};
  if (isRecord(v.matchLabels)) out.matchLabels = stringMap(v.matchLabels);
  if (Array.isArray(v.matchExpressions)) {
    out.matchExpressions = v.matchExpressions.filter(isRecord).map((e) => ({
      key: String(e.key ?? ''),
      operator: String(e.operator ?? ''),
      values: Array.isArray(e.values) ? e.values.map(String) : undefined,
    }));
  }
  return out;
}

/** Kubernetes label selector semantics; an empty selector matches everything. */
export function matches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const vals = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** CPU quantity in millicores ("500m" -> 500, "1" -> 1000, 0.5 -> 500); null when unparsable. */
export function cpuMillicores(q: unknown): number | null {
  if (typeof q === 'number') return q * 1000;
  if (typeof q !== 'string') return null;
  const m = /^([0-9]*\.?[0-9]+)(m|)$/.exec(q.trim());
  if (m) return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
  const bytes = quantityValue(q);
  return bytes === null ? null : bytes * 1000;
}

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** A resource quantity as a plain number ("1Gi" -> 1073741824, "1e3" -> 1000); null when unparsable. */
export function quantityValue(q: unknown): number | null {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return null;
  const m = /^([+-]?[0-9]*\.?[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return null;
  const base = Number(m[1] + (m[2] ?? ''));
  return base * SUFFIX[m[3] ?? ''];
}
