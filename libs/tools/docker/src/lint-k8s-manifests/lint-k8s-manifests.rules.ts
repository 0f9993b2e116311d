import type { Finding } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { containersOf, lineOf, matches, podTemplateOf, quantityValue, selectorOf, stringMap, type ContainerRef, type K8sObject, type PodTemplate } from '../shared/k8s/objects';
import { isRecord, type PathSeg } from '../shared/yaml/load-yaml';

const doc = (name: string) => `https://docs.kubelinter.io/#/generated/checks?id=${name}`;

export const RULES: RuleDoc[] = [
  { id: 'unset-cpu-requirements', severity: 'warning', summary: 'Container without a CPU request', docs: doc('unset-cpu-requirements') },
  { id: 'unset-memory-requirements', severity: 'warning', summary: 'Container without a memory limit', docs: doc('unset-memory-requirements') },
  { id: 'latest-tag', severity: 'warning', summary: 'Container image tagged latest or not tagged', docs: doc('latest-tag') },
  { id: 'no-liveness-probe', severity: 'warning', summary: 'Container without a liveness probe', docs: doc('no-liveness-probe') },
  { id: 'no-readiness-probe', severity: 'warning', summary: 'Container without a readiness probe', docs: doc('no-readiness-probe') },
  { id: 'run-as-non-root', severity: 'warning', summary: 'Container not set to runAsNonRoot (or runs as UID/GID 0)', docs: doc('run-as-non-root') },
  { id: 'no-read-only-root-fs', severity: 'warning', summary: 'Container without readOnlyRootFilesystem', docs: doc('no-read-only-root-fs') },
  { id: 'privilege-escalation-container', severity: 'error', summary: 'Container allows privilege escalation (allowPrivilegeEscalation, privileged or SYS_ADMIN)', docs: doc('privilege-escalation-container') },
  { id: 'privileged-container', severity: 'error', summary: 'Container runs privileged', docs: doc('privileged-container') },
  { id: 'host-network', severity: 'error', summary: "Pod shares the host's network namespace", docs: doc('host-network') },
  { id: 'host-pid', severity: 'error', summary: "Pod shares the host's process ID namespace", docs: doc('host-pid') },
  { id: 'host-ipc', severity: 'error', summary: "Pod shares the host's IPC namespace", docs: doc('host-ipc') },
  { id: 'dangling-service', severity: 'warning', summary: 'Service whose selector matches no pod template in the input', docs: doc('dangling-service') },
  { id: 'non-isolated-pod', severity: 'warning', summary: 'Workload whose pods no NetworkPolicy in the input selects', docs: doc('non-isolated-pod') },
];
const RULE = Object.fromEntries(RULES.map((r) => [r.id, r]));

/** Kinds kube-linter calls DeploymentLike. */
export const DEPLOYMENT_LIKE = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'DeploymentConfig']);

type Emit = (rule: string, obj: K8sObject, path: PathSeg[], message: string, fix: string, container?: string) => void;

export function emitter(findings: Finding[]): Emit {
  return (rule, obj, path, message, fix, container) => {
    const r = RULE[rule];
    findings.push({ ruleId: rule, severity: r.severity, message, location: lineOf(obj, path), fix, docs: r.docs, object: obj.id, ...(container !== undefined ? { container } : {}) });
  };
}

function sc(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/** The value of a security setting: the container's, else the pod's (TOOLS.md: pod level applies to all). */
function effective(pod: PodTemplate, c: ContainerRef, key: string): unknown {
  const own = sc(c.container.securityContext)[key];
  return own !== undefined && own !== null ? own : sc(pod.spec.securityContext)[key];
}

const BLOCKED_IMAGE = [/.*:(latest)$/, /^[^:]*$/, /(.*\/[^:]+)$/];

export function checkWorkload(obj: K8sObject, pod: PodTemplate, emit: Emit): void {
  const id = obj.id;
  for (const c of containersOf(pod)) {
    const name = c.name;
    const res = sc(c.container.resources);
    const cpuReq = quantityValue(sc(res.requests).cpu);
    if (!cpuReq) emit('unset-cpu-requirements', obj, c.container.resources ? [...c.path, 'resources'] : c.path, `${id}: container "${name}" has cpu request 0`, 'Set resources.requests.cpu to what the container needs (e.g. `100m`).', name);
    const memLimit = quantityValue(sc(res.limits).memory);
    if (!memLimit) emit('unset-memory-requirements', obj, c.container.resources ? [...c.path, 'resources'] : c.path, `${id}: container "${name}" has memory limit 0`, 'Set resources.limits.memory (e.g. `512Mi`).', name);
    const image = typeof c.container.image === 'string' ? c.container.image : '';
    if (image && BLOCKED_IMAGE.some((re) => re.test(image)) && !image.includes('@sha256:')) {
      emit('latest-tag', obj, [...c.path, 'image'], `${id}: container "${name}" uses image "${image}" ${image.endsWith(':latest') ? 'tagged latest' : 'without a tag'}`, `Pin a release tag or digest: \`${image.replace(/:latest$/, '')}:<version>\`.`, name);
    }
    if (!c.init) {
      if (!isRecord(c.container.livenessProbe)) emit('no-liveness-probe', obj, c.path, `${id}: container "${name}" does not specify a liveness probe`, 'Add livenessProbe (httpGet, tcpSocket, grpc or exec).', name);
      if (!isRecord(c.container.readinessProbe)) emit('no-readiness-probe', obj, c.path, `${id}: container "${name}" does not specify a readiness probe`, 'Add readinessProbe so that traffic only reaches ready pods.', name);
    }
    const group = effective(pod, c, 'runAsGroup');
    if (group === 0) emit('run-as-non-root', obj, c.path, `${id}: container "${name}" is set to runAsGroup 0`, 'Set runAsGroup to a non-zero GID.', name);
    const user = effective(pod, c, 'runAsUser');
    if (!(typeof user === 'number' && user > 0)) {
      if (effective(pod, c, 'runAsNonRoot') === true) {
        if (user === 0) emit('run-as-non-root', obj, c.path, `${id}: container "${name}" is set to runAsNonRoot, but runAsUser set to 0`, 'Set runAsUser to a non-zero UID.', name);
      } else {
        emit('run-as-non-root', obj, c.path, `${id}: container "${name}" is not set to runAsNonRoot`, 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser (pod or container level).', name);
      }
    }
    const csc = sc(c.container.securityContext);
    if (csc.readOnlyRootFilesystem !== true) emit('no-read-only-root-fs', obj, c.path, `${id}: container "${name}" does not have a read-only root file system`, 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the app writes.', name);
    const scPath = [...c.path, 'securityContext'];
    const caps = sc(csc.capabilities);
    const added = Array.isArray(caps.add) ? caps.add.map(String) : [];
    if (csc.allowPrivilegeEscalation === true) emit('privilege-escalation-container', obj, [...scPath, 'allowPrivilegeEscalation'], `${id}: container "${name}" has AllowPrivilegeEscalation set to true.`, 'Set allowPrivilegeEscalation: false.', name);
    else if (csc.privileged === true) emit('privilege-escalation-container', obj, [...scPath, 'privileged'], `${id}: container "${name}" is Privileged hence allows privilege escalation.`, 'Remove privileged: true.', name);
    else if (added.some((a) => a === 'SYS_ADMIN' || a === 'CAP_SYS_ADMIN')) emit('privilege-escalation-container', obj, [...scPath, 'capabilities'], `${id}: container "${name}" has SYS_ADMIN capability hence allows privilege escalation.`, 'Drop SYS_ADMIN from capabilities.add.', name);
    if (csc.privileged === true) emit('privileged-container', obj, [...scPath, 'privileged'], `${id}: container "${name}" is privileged`, 'Remove privileged: true; grant only the capabilities the container needs.', name);
  }
  for (const [key, rule] of [['hostNetwork', 'host-network'], ['hostPID', 'host-pid'], ['hostIPC', 'host-ipc']] as const) {
    if (pod.spec[key] === true) emit(rule, obj, [...pod.path, key], `${id}: resource shares host's ${rule === 'host-network' ? 'network' : rule === 'host-pid' ? 'process ID' : 'IPC'} namespace (via ${key}=true).`, `Remove ${key}: true.`);
  }
}

export function checkServices(objects: K8sObject[], pods: { obj: K8sObject; pod: PodTemplate }[], emit: Emit): void {
  for (const svc of objects) {
    if (svc.kind !== 'Service') continue;
    const spec = sc(svc.value.spec);
    if (spec.type === 'ExternalName') continue;
    const selector = stringMap(spec.selector);
    if (Object.keys(selector).length === 0) {
      emit('dangling-service', svc, ['spec'], `${svc.id}: service has no selector specified`, 'Add a selector that matches the pods, or use an ExternalName service.');
      continue;
    }
    const found = pods.some(({ obj, pod }) => obj.namespace === svc.namespace && matches({ matchLabels: selector }, pod.labels));
    if (!found) {
      emit('dangling-service', svc, ['spec', 'selector'], `${svc.id}: no pods found matching service labels (${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')})`, 'Make the selector match the pod template labels of a workload in the same namespace.');
    }
  }
}

export function checkIsolation(objects: K8sObject[], pods: { obj: K8sObject; pod: PodTemplate }[], emit: Emit): void {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  for (const { obj, pod } of pods) {
    const selected = policies.some((np) => {
      if (np.namespace !== obj.namespace) return false;
      const sel = selectorOf(sc(np.value.spec).podSelector) ?? {};
      return matches(sel, pod.labels);
    });
    if (!selected) emit('non-isolated-pod', obj, pod.path.slice(0, -1).length ? pod.path.slice(0, -1) : [], `${obj.id}: pods created by this object are non-isolated (no NetworkPolicy in the input selects them)`, 'Add a NetworkPolicy whose podSelector matches these pods.');
  }
}

export function podWorkloads(objects: K8sObject[]): { obj: K8sObject; pod: PodTemplate }[] {
  const out: { obj: K8sObject; pod: PodTemplate }[] = [];
  for (const obj of objects) {
    if (!DEPLOYMENT_LIKE.has(obj.kind)) continue;
    const pod = podTemplateOf(obj);
    if (pod) out.push({ obj, pod });
  }
  return out;
}
