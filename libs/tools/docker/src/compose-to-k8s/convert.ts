import type { Finding } from '@mcp/core-response';
import { splitWords, unquote } from '../shared/dockerfile/parse-dockerfile';
import { interpolate, networksOf, portsOf, volumesOf, refsOf, type ComposeFile } from '../shared/compose/compose-model';
import { isRecord, type PathSeg } from '../shared/yaml/load-yaml';

export type Controller = 'deployment' | 'statefulset' | 'daemonset';

export interface ConvertOptions {
  controller: Controller;
  pvcSize: string;
}

/** One generated object, with a comment printed above its YAML document. */
export interface K8sDoc {
  kind: string;
  name: string;
  body: Record<string, unknown>;
  comment?: string;
}

/** Compose keys kompose does not convert (its loader's `unsupportedKey` list, by compose name). */
const UNSUPPORTED = [
  'cgroup_parent', 'cpuset', 'cpu_shares', 'devices', 'depends_on', 'dns', 'dns_search', 'external_links', 'extra_hosts', 'ipc',
  'logging', 'mac_address', 'memswap_limit', 'network_mode', 'security_opt', 'shm_size', 'stop_signal', 'volume_driver', 'uts',
  'ulimits', 'sysctls', 'links', 'configs',
];

const SELECTOR = 'io.kompose.service';

/** DNS-1123 name as kompose formats resource names: `_` -> `-`, lower case. */
export function dnsName(name: string): string {
  return name.replace(/_/g, '-').toLowerCase();
}

function envFileName(file: string, service: string): string {
  let name = file.replace(/^[./]+|[./]+$/g, '').replace(/[^a-zA-Z0-9]/g, '-');
  if (name.startsWith('-')) name = service + name;
  return name.slice(0, 63).toLowerCase();
}

/** Compose byte values ("256m", "1g", "512MB", 1024) as Kubernetes quantities (binary suffixes). */
export function memoryQuantity(v: unknown): string | null {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i.exec(String(v).trim());
  if (!m) return null;
  const factor = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'b' | 'k' | 'm' | 'g' | 't'];
  const bytes = Math.round(Number(m[1]) * factor);
  for (const [suffix, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

/** Compose CPUs ("0.5", 2) as millicores ("500m", "2"). */
export function cpuQuantity(v: unknown): string | null {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) return null;
  const milli = Math.round(n * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Compose durations ("1m30s", "10s", "500ms") in whole seconds. */
function seconds(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g;
  let matched = false;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    matched = true;
    total += Number(m[1]) * ({ h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, ns: 1e-9 } as Record<string, number>)[m[2]];
  }
  return matched ? Math.max(1, Math.round(total)) : undefined;
}

function words(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return splitWords(v).map(unquote);
  return undefined;
}

function probeFrom(test: unknown, timing: Record<string, unknown>): Record<string, unknown> | undefined {
  let command: string[] | undefined;
  if (Array.isArray(test)) {
    const [kind, ...rest] = test.map(String);
    if (kind === 'NONE') return undefined;
    command = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : test.map(String);
  } else if (typeof test === 'string' && test !== '') command = ['/bin/sh', '-c', test];
  if (!command) return undefined;
  const probe: Record<string, unknown> = { exec: { command } };
  const t = seconds(timing.timeout);
  const p = seconds(timing.interval);
  const s = seconds(timing.start_period);
  if (t !== undefined) probe.timeoutSeconds = t;
  if (p !== undefined) probe.periodSeconds = p;
  if (typeof timing.retries === 'number') probe.failureThreshold = timing.retries;
  if (s !== undefined) probe.initialDelaySeconds = s;
  return probe;
}

/** Readiness from kompose's `kompose.service.healthcheck.readiness.*` labels. */
function readinessFrom(labels: Record<string, string>): Record<string, unknown> | undefined {
  const get = (k: string) => labels[`kompose.service.healthcheck.readiness.${k}`];
  const timing = { timeout: get('timeout'), interval: get('interval'), start_period: get('start_period'), retries: get('retries') ? Number(get('retries')) : undefined };
  if (get('test')) return probeFrom(get('test').startsWith('[') ? JSON.parse(get('test')) : get('test'), timing);
  const withTiming = (handler: Record<string, unknown>) => {
    const probe: Record<string, unknown> = { ...handler };
    const p = seconds(timing.interval);
    const t = seconds(timing.timeout);
    if (t !== undefined) probe.timeoutSeconds = t;
    if (p !== undefined) probe.periodSeconds = p;
    if (timing.retries !== undefined) probe.failureThreshold = timing.retries;
    return probe;
  };
  if (get('http_get_path') && get('http_get_port')) return withTiming({ httpGet: { path: get('http_get_path'), port: Number(get('http_get_port')) } });
  if (get('tcp_port')) return withTiming({ tcpSocket: { port: Number(get('tcp_port')) } });
  return undefined;
}

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const eq = s.indexOf('=');
      if (eq === -1) out[s] = '';
      else out[s.slice(0, eq)] = s.slice(eq + 1);
    }
  } else if (isRecord(v)) for (const [k, x] of Object.entries(v)) out[k] = x === null ? '' : String(x);
  return out;
}

/** Interpolates every string in a value, reporting each unset variable once with its path. */
function interpolateAll(v: unknown, path: PathSeg[], onUnset: (name: string, path: PathSeg[]) => void): unknown {
  if (typeof v === 'string') {
    const unset = new Set<string>();
    const out = interpolate(v, unset);
    for (const name of unset) onUnset(name, path);
    return out;
  }
  if (Array.isArray(v)) return v.map((x, i) => interpolateAll(x, [...path, i], onUnset));
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, interpolateAll(x, [...path, k], onUnset)]));
  return v;
}

export function convert(file: ComposeFile, options: ConvertOptions): { docs: K8sDoc[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const reportedVars = new Set<string>();
  const at = (path: PathSeg[]) => {
    const { line, column } = file.doc.position(path);
    return { line, column };
  };
  const value = interpolateAll(file.value, [], (name, path) => {
    if (reportedVars.has(name)) return;
    reportedVars.add(name);
    findings.push({ ruleId: 'unset-variable', severity: 'warning', message: `Variable \${${name}} has no value and no default; it was replaced by an empty string (at ${path.join('.')}).`, location: at(path), fix: `Give it a default (\${${name}:-value}) or set it in the manifests after conversion.`, variable: name });
  }) as Record<string, unknown>;
  const services = isRecord(value.services) ? Object.entries(value.services).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])) : [];
  const topSecrets = isRecord(value.secrets) ? value.secrets : {};
  const topNetworks = isRecord(value.networks) ? Object.keys(value.networks) : [];

  const svcDocs: K8sDoc[] = [];
  const workloadDocs: K8sDoc[] = [];
  const extraDocs: K8sDoc[] = [];
  const pvcs = new Map<string, K8sDoc>();
  const usedNetworks = new Set<string>();

  for (const [rawName, svc] of services) {
    const name = dnsName(rawName);
    for (const key of UNSUPPORTED) {
      if (svc[key] !== undefined && !(Array.isArray(svc[key]) && (svc[key] as unknown[]).length === 0)) {
        findings.push({ ruleId: 'unsupported-key', severity: 'info', message: `Service "${rawName}": "${key}" has no Kubernetes equivalent in kompose's conversion and was ignored.`, location: at(['services', rawName, key]), fix: key === 'depends_on' ? 'Use readiness probes or init containers to order start-up.' : `Recreate the effect of "${key}" by hand if the service needs it.`, service: rawName, key });
      }
    }
    const labels = { [SELECTOR]: name };
    const composeLabels = labelsOf(svc.labels);
    const annotations = Object.fromEntries(Object.entries(composeLabels).filter(([k]) => !k.startsWith('kompose.')));

    // Container
    const container: Record<string, unknown> = { name: typeof svc.container_name === 'string' ? dnsName(svc.container_name) : name, image: typeof svc.image === 'string' ? svc.image : name };
    const entry = words(svc.entrypoint);
    const args = words(svc.command);
    if (entry) container.command = entry;
    if (args) container.args = args;
    const env: { name: string; value: string }[] = [];
    if (Array.isArray(svc.environment)) {
      for (const item of svc.environment) {
        const s = String(item);
        const eq = s.indexOf('=');
        env.push(eq === -1 ? { name: s, value: '' } : { name: s.slice(0, eq), value: s.slice(eq + 1) });
      }
    } else if (isRecord(svc.environment)) {
      for (const [k, v] of Object.entries(svc.environment)) env.push({ name: k, value: v === null || v === undefined ? '' : String(v) });
    }
    if (env.length) container.env = env;
    const envFiles = Array.isArray(svc.env_file) ? svc.env_file.map((f) => (isRecord(f) ? String(f.path) : String(f))) : typeof svc.env_file === 'string' ? [svc.env_file] : [];
    if (envFiles.length) {
      container.envFrom = envFiles.map((f) => ({ configMapRef: { name: envFileName(f, name) } }));
      for (const f of envFiles) {
        const cmName = envFileName(f, name);
        extraDocs.push({ kind: 'ConfigMap', name: cmName, comment: `Fill in the variables of ${f} (file contents are not available to the converter).`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cmName, labels: { [SELECTOR]: `${name}-${cmName}` } }, data: {} } });
      }
    }
    const containerPorts: Record<string, unknown>[] = [];
    const seenContainer = new Set<string>();
    const servicePorts: Record<string, unknown>[] = [];
    const seenHost = new Set<number>();
    for (const p of portsOf(svc)) {
      const proto = p.protocol.toUpperCase();
      const ck = `${p.target}/${proto}`;
      if (!seenContainer.has(ck)) {
        seenContainer.add(ck);
        containerPorts.push(proto === 'TCP' ? { containerPort: p.target, protocol: 'TCP' } : { containerPort: p.target, protocol: proto });
      }
      const host = p.published ?? p.target;
      const port: Record<string, unknown> = { name: seenHost.has(host) ? `${host}-${p.protocol.toLowerCase()}` : String(host), port: host, targetPort: p.target };
      if (proto !== 'TCP') port.protocol = proto;
      servicePorts.push(port);
      seenHost.add(host);
    }
    if (containerPorts.length) container.ports = containerPorts;
    if (typeof svc.working_dir === 'string') container.workingDir = svc.working_dir;
    if (svc.stdin_open === true) container.stdin = true;
    if (svc.tty === true) container.tty = true;

    // Resources (deploy.resources, or the legacy mem_limit/cpus keys)
    const deploy = isRecord(svc.deploy) ? svc.deploy : {};
    const res = isRecord(deploy.resources) ? deploy.resources : {};
    const lim = isRecord(res.limits) ? res.limits : {};
    const rsv = isRecord(res.reservations) ? res.reservations : {};
    const limits: Record<string, string> = {};
    const requests: Record<string, string> = {};
    const memL = memoryQuantity(lim.memory ?? svc.mem_limit ?? '');
    const cpuL = cpuQuantity(lim.cpus ?? svc.cpus);
    const memR = memoryQuantity(rsv.memory ?? svc.mem_reservation ?? '');
    const cpuR = cpuQuantity(rsv.cpus);
    if (memL) limits.memory = memL;
    if (cpuL) limits.cpu = cpuL;
    if (memR) requests.memory = memR;
    if (cpuR) requests.cpu = cpuR;
    if (Object.keys(limits).length || Object.keys(requests).length) {
      container.resources = { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(requests).length ? { requests } : {}) };
    }

    // Probes: healthcheck -> liveness; kompose's readiness labels -> readiness
    const hc = isRecord(svc.healthcheck) ? svc.healthcheck : null;
    if (hc && hc.disable !== true) {
      const liveness = probeFrom(hc.test, hc);
      if (liveness) container.livenessProbe = liveness;
    }
    const readiness = readinessFrom(composeLabels);
    if (readiness) container.readinessProbe = readiness;

    // Security context
    const sc: Record<string, unknown> = {};
    if (svc.privileged === true) sc.privileged = true;
    if (typeof svc.user === 'string' || typeof svc.user === 'number') {
      const [u, g] = String(svc.user).split(':');
      if (/^\d+$/.test(u)) sc.runAsUser = Number(u);
      if (g !== undefined && /^\d+$/.test(g)) sc.runAsGroup = Number(g);
      if (/^\d+$/.test(u) && Number(u) > 0) sc.runAsNonRoot = true;
    }
    if (svc.read_only === true) sc.readOnlyRootFilesystem = true;
    const capAdd = Array.isArray(svc.cap_add) ? svc.cap_add.map(String) : [];
    const capDrop = Array.isArray(svc.cap_drop) ? svc.cap_drop.map(String) : [];
    if (capAdd.length || capDrop.length) sc.capabilities = { ...(capAdd.length ? { add: capAdd } : {}), ...(capDrop.length ? { drop: capDrop } : {}) };
    if (capDrop.includes('ALL') && svc.privileged !== true) sc.allowPrivilegeEscalation = false;
    if (Object.keys(sc).length) container.securityContext = sc;

    // Volumes
    const mounts: Record<string, unknown>[] = [];
    const volumes: Record<string, unknown>[] = [];
    let claim = 0;
    let tmpfs = 0;
    for (const v of volumesOf(svc)) {
      if (v.type === 'tmpfs') {
        const vn = `${name}-tmpfs${tmpfs++}`;
        mounts.push({ name: vn, mountPath: v.target });
        volumes.push({ name: vn, emptyDir: { medium: 'Memory' } });
        continue;
      }
      if (v.type === 'other') continue;
      const vn = v.type === 'volume' && v.source ? dnsName(v.source) : `${name}-claim${claim++}`;
      mounts.push(v.readOnly ? { name: vn, mountPath: v.target, readOnly: true } : { name: vn, mountPath: v.target });
      volumes.push({ name: vn, persistentVolumeClaim: v.readOnly ? { claimName: vn, readOnly: true } : { claimName: vn } });
      if (!pvcs.has(vn)) {
        pvcs.set(vn, {
          kind: 'PersistentVolumeClaim',
          name: vn,
          ...(v.type === 'bind' ? { comment: `From the bind mount ${v.source}:${v.target} of service ${rawName}; copy its contents into the volume.` } : {}),
          body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: vn, labels: { [SELECTOR]: vn } }, spec: { accessModes: [v.type === 'bind' && v.readOnly ? 'ReadOnlyMany' : 'ReadWriteOnce'], resources: { requests: { storage: options.pvcSize } } } },
        });
      }
    }
    if (isRecord(svc.tmpfs) || typeof svc.tmpfs === 'string' || Array.isArray(svc.tmpfs)) {
      for (const t of Array.isArray(svc.tmpfs) ? svc.tmpfs.map(String) : [String(svc.tmpfs)]) {
        const vn = `${name}-tmpfs${tmpfs++}`;
        mounts.push({ name: vn, mountPath: t.split(':')[0] });
        volumes.push({ name: vn, emptyDir: { medium: 'Memory' } });
      }
    }
    for (const s of refsOf(svc, 'secrets')) {
      if (!(s.name in topSecrets)) continue;
      const sn = dnsName(s.name);
      const target = s.target ?? s.name;
      const mountPath = target.startsWith('/') ? target : `/run/secrets/${target}`;
      mounts.push({ name: sn, mountPath, subPath: sn, readOnly: true });
      if (!volumes.some((v) => v.name === sn)) volumes.push({ name: sn, secret: { secretName: sn, items: [{ key: sn, path: sn }] } });
    }
    if (mounts.length) container.volumeMounts = mounts;

    // Pod
    const podLabels: Record<string, string> = { ...labels };
    for (const n of networksOf(svc)) {
      if (n.name === 'default') continue;
      podLabels[`io.kompose.network/${dnsName(n.name)}`] = 'true';
      usedNetworks.add(n.name);
    }
    const restart = typeof svc.restart === 'string' ? svc.restart : isRecord(deploy.restart_policy) ? String(deploy.restart_policy.condition ?? '') : '';
    const restartPolicy = restart === 'no' || restart === 'none' ? 'Never' : restart === 'on-failure' ? 'OnFailure' : 'Always';
    const podSpec: Record<string, unknown> = { containers: [container] };
    if (restartPolicy !== 'Always') podSpec.restartPolicy = restartPolicy;
    if (typeof svc.hostname === 'string') podSpec.hostname = svc.hostname;
    if (volumes.length) podSpec.volumes = volumes;
    const meta = { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) };

    if (restartPolicy !== 'Always') {
      workloadDocs.push({ kind: 'Pod', name, body: { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta, labels: podLabels }, spec: podSpec } });
    } else {
      const mode = deploy.mode === 'global' ? 'daemonset' : options.controller;
      const template = { metadata: { labels: podLabels }, spec: podSpec };
      const selector = { matchLabels: labels };
      const replicas = typeof deploy.replicas === 'number' ? deploy.replicas : 1;
      if (mode === 'daemonset') {
        workloadDocs.push({ kind: 'DaemonSet', name, body: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta, spec: { selector, template } } });
      } else if (mode === 'statefulset') {
        workloadDocs.push({ kind: 'StatefulSet', name, body: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta, spec: { replicas, serviceName: name, selector, template } } });
      } else {
        // kompose uses Recreate for services with volumes: two pods must not mount one RWO claim.
        const strategy = volumes.some((v) => 'persistentVolumeClaim' in v) ? { strategy: { type: 'Recreate' } } : {};
        workloadDocs.push({ kind: 'Deployment', name, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas, selector, ...strategy, template } } });
      }
    }
    if (servicePorts.length) {
      svcDocs.push({ kind: 'Service', name, body: { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { ports: servicePorts, selector: labels } } });
    }
  }

  for (const [sName, def] of Object.entries(topSecrets)) {
    const sn = dnsName(sName);
    const source = isRecord(def) ? (typeof def.file === 'string' ? `file ${def.file}` : typeof def.environment === 'string' ? `environment variable ${def.environment}` : def.external ? 'an external secret' : 'its source') : 'its source';
    extraDocs.push({ kind: 'Secret', name: sn, comment: `Fill in the value from ${source} (secret contents are not available to the converter).`, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: sn, labels: { [SELECTOR]: sn } }, type: 'Opaque', stringData: { [sn]: '' } } });
  }
  for (const net of topNetworks) {
    if (!usedNetworks.has(net)) continue;
    const nn = dnsName(net);
    const sel = { matchLabels: { [`io.kompose.network/${nn}`]: 'true' } };
    extraDocs.push({ kind: 'NetworkPolicy', name: nn, body: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: nn }, spec: { podSelector: sel, ingress: [{ from: [{ podSelector: sel }] }] } } });
  }
  return { docs: [...svcDocs, ...workloadDocs, ...pvcs.values(), ...extraDocs], findings };
}
