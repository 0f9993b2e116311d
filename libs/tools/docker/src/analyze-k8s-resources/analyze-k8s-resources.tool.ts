import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { containersOf, cpuMillicores, lineOf, loadObjects, matches, podTemplateOf, quantityValue, selectorOf, type ContainerRef, type K8sObject } from '../shared/k8s/objects';
import { isRecord } from '../shared/yaml/load-yaml';

const RULES: RuleDoc[] = [
  { id: 'missing-hpa', severity: 'info', summary: 'A workload with more than one replica and no HorizontalPodAutoscaler targeting it', docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/' },
  { id: 'missing-pdb', severity: 'warning', summary: 'A workload with more than one replica and no PodDisruptionBudget selecting its pods', docs: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/' },
];

const WORKLOADS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

interface ContainerRow {
  namespace: string;
  workload: string;
  kind: string;
  container: string;
  init: boolean;
  cpuRequest: string | null;
  cpuLimit: string | null;
  memoryRequest: string | null;
  memoryLimit: string | null;
}

interface WorkloadRow {
  namespace: string;
  kind: string;
  name: string;
  replicas: number;
  qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort';
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
}

interface NamespaceRow {
  namespace: string;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  cpuLimitMillicores: number;
  memoryLimitBytes: number;
}

const written = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

interface Amounts {
  cpuReq: number;
  memReq: number;
  cpuLim: number;
  memLim: number;
}

/** Requests and limits of one container; a limit without a request also requests the limit. */
function amounts(c: ContainerRef): Amounts & { raw: { cr: unknown; cl: unknown; mr: unknown; ml: unknown } } {
  const res = rec(c.container.resources);
  const req = rec(res.requests);
  const lim = rec(res.limits);
  const cl = cpuMillicores(lim.cpu) ?? 0;
  const ml = quantityValue(lim.memory) ?? 0;
  const cr = req.cpu !== undefined ? (cpuMillicores(req.cpu) ?? 0) : cl;
  const mr = req.memory !== undefined ? (quantityValue(req.memory) ?? 0) : ml;
  return { cpuReq: cr, memReq: mr, cpuLim: cl, memLim: ml, raw: { cr: req.cpu, cl: lim.cpu, mr: req.memory, ml: lim.memory } };
}

/**
 * The pod's effective figure per resource, as the scheduler computes it: the larger of the sum
 * over app containers (restartable init "sidecar" containers included) and the largest regular
 * init container plus the sidecars started before it.
 */
function podTotals(cs: ContainerRef[]): Amounts {
  const out: Amounts = { cpuReq: 0, memReq: 0, cpuLim: 0, memLim: 0 };
  const keys = ['cpuReq', 'memReq', 'cpuLim', 'memLim'] as const;
  const app: Amounts = { cpuReq: 0, memReq: 0, cpuLim: 0, memLim: 0 };
  const sidecars: Amounts = { cpuReq: 0, memReq: 0, cpuLim: 0, memLim: 0 };
  const initPeak: Amounts = { cpuReq: 0, memReq: 0, cpuLim: 0, memLim: 0 };
  for (const c of cs) {
    const a = amounts(c);
    const sidecar = c.init && c.container.restartPolicy === 'Always';
    for (const k of keys) {
      if (!c.init) app[k] += a[k];
      else if (sidecar) sidecars[k] += a[k];
      else initPeak[k] = Math.max(initPeak[k], a[k] + sidecars[k]);
    }
  }
  for (const k of keys) out[k] = Math.max(app[k] + sidecars[k], initPeak[k]);
  return out;
}

function qosClass(cs: ContainerRef[]): WorkloadRow['qosClass'] {
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const res = rec(c.container.resources);
    const req = rec(res.requests);
    const lim = rec(res.limits);
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const l = r === 'cpu' ? cpuMillicores(lim[r]) : quantityValue(lim[r]);
      const q = req[r] === undefined ? l : r === 'cpu' ? cpuMillicores(req[r]) : quantityValue(req[r]);
      if (!l || q !== l) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function replicasOf(obj: K8sObject): number {
  if (!SCALABLE.has(obj.kind)) return 1;
  const r = rec(obj.value.spec).replicas;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 1;
}

export const analyzeK8sResources = defineTool({
  name: 'docker_analyze_k8s_resources',
  title: 'Kubernetes resource analysis',
  description:
    'Tabulates CPU/memory requests and limits per container, the QoS class and effective requests per pod, and the totals per namespace at the declared replica counts; flags multi-replica workloads without a HorizontalPodAutoscaler or PodDisruptionBudget.',
  input: z.object({ content: contentArg('Kubernetes workload manifests, YAML'), options: analyzerOptions({}) }).strict(),
  rules: RULES,
  run({ content }) {
    const objects = loadObjects(content);
    const findings: Finding[] = [];
    const containers: ContainerRow[] = [];
    const workloads: WorkloadRow[] = [];
    const namespaces = new Map<string, NamespaceRow>();
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const obj of objects) {
      if (!WORKLOADS.has(obj.kind)) continue;
      const pod = podTemplateOf(obj);
      if (!pod) continue;
      const cs = containersOf(pod);
      for (const c of cs) {
        const { raw } = amounts(c);
        containers.push({ namespace: obj.namespace, workload: obj.name, kind: obj.kind, container: c.name, init: c.init, cpuRequest: written(raw.cr), cpuLimit: written(raw.cl), memoryRequest: written(raw.mr), memoryLimit: written(raw.ml) });
      }
      const totals = podTotals(cs);
      const replicas = replicasOf(obj);
      workloads.push({ namespace: obj.namespace, kind: obj.kind, name: obj.name, replicas, qosClass: qosClass(cs), cpuRequestMillicores: totals.cpuReq, memoryRequestBytes: totals.memReq });
      const ns = namespaces.get(obj.namespace) ?? { namespace: obj.namespace, cpuRequestMillicores: 0, memoryRequestBytes: 0, cpuLimitMillicores: 0, memoryLimitBytes: 0 };
      ns.cpuRequestMillicores += totals.cpuReq * replicas;
      ns.memoryRequestBytes += totals.memReq * replicas;
      ns.cpuLimitMillicores += totals.cpuLim * replicas;
      ns.memoryLimitBytes += totals.memLim * replicas;
      namespaces.set(obj.namespace, ns);
      if (replicas <= 1) continue;
      const where = lineOf(obj, ['spec', 'replicas']);
      const hasHpa = hpas.some((h) => {
        const ref = rec(rec(h.value.spec).scaleTargetRef);
        return h.namespace === obj.namespace && ref.kind === obj.kind && ref.name === obj.name;
      });
      if (!hasHpa) {
        findings.push({ ruleId: 'missing-hpa', severity: 'info', message: `${obj.id} runs ${replicas} replicas at a fixed count: no HorizontalPodAutoscaler targets it.`, location: where, fix: `Add a HorizontalPodAutoscaler with scaleTargetRef ${obj.kind}/${obj.name} (minReplicas ${replicas}).`, docs: RULES[0].docs, object: obj.id });
      }
      const hasPdb = pdbs.some((p) => {
        const sel = selectorOf(rec(p.value.spec).selector);
        return p.namespace === obj.namespace && sel !== null && matches(sel, pod.labels);
      });
      if (!hasPdb) {
        findings.push({ ruleId: 'missing-pdb', severity: 'warning', message: `${obj.id} runs ${replicas} replicas and no PodDisruptionBudget selects its pods: a node drain can evict all of them at once.`, location: where, fix: `Add a PodDisruptionBudget with minAvailable ${Math.max(1, replicas - 1)} (or maxUnavailable 1) selecting ${Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'these pods'}.`, docs: RULES[1].docs, object: obj.id });
      }
    }
    return { findings, metrics: { containers, workloads, namespaces: [...namespaces.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : 1)) } };
  },
  render(envelope) {
    const w = (envelope.metrics?.workloads ?? []) as WorkloadRow[];
    const n = (envelope.metrics?.namespaces ?? []) as NamespaceRow[];
    const mi = (b: number) => `${Math.round((b / 2 ** 20) * 100) / 100}Mi`;
    return [
      table(['namespace', 'workload', 'replicas', 'QoS', 'CPU request / pod', 'memory request / pod'], w.map((r) => [r.namespace, `${r.kind}/${r.name}`, r.replicas, r.qosClass, `${r.cpuRequestMillicores}m`, mi(r.memoryRequestBytes)])),
      table(['namespace', 'CPU requests', 'memory requests', 'CPU limits', 'memory limits'], n.map((r) => [r.namespace, `${r.cpuRequestMillicores}m`, mi(r.memoryRequestBytes), `${r.cpuLimitMillicores}m`, mi(r.memoryLimitBytes)])),
    ];
  },
});
