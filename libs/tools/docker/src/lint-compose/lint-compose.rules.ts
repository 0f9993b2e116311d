import type { Finding } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { dependsOn, networksOf, portsOf, refsOf, volumesOf, type ComposeFile } from '../shared/compose/compose-model';
import { validateCompose } from '../shared/compose/compose-schema';
import { formatPath, isRecord, type PathSeg } from '../shared/yaml/load-yaml';

const dclint = (id: string) => `https://github.com/zavoloklom/docker-compose-linter/blob/main/docs/rules/${id}-rule.md`;

export const RULES: RuleDoc[] = [
  { id: 'invalid-schema', severity: 'error', summary: 'The file violates the compose-spec JSON Schema', docs: 'https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json' },
  { id: 'service-image-require-explicit-tag', severity: 'warning', summary: 'Service image without a tag, or tagged latest', docs: dclint('service-image-require-explicit-tag') },
  { id: 'no-duplicate-exported-ports', severity: 'error', summary: 'The same host port (IP and protocol) is published twice', docs: dclint('no-duplicate-exported-ports') },
  { id: 'no-duplicate-container-names', severity: 'error', summary: 'Two services share a container_name', docs: dclint('no-duplicate-container-names') },
  { id: 'depends-on-cycle', severity: 'error', summary: 'Services depend on each other in a cycle' },
  { id: 'undefined-network', severity: 'error', summary: 'A service joins a network not declared under top-level networks' },
  { id: 'undefined-volume', severity: 'error', summary: 'A service mounts a named volume not declared under top-level volumes' },
  { id: 'undefined-secret', severity: 'error', summary: 'A service uses a secret not declared under top-level secrets' },
  { id: 'undefined-config', severity: 'error', summary: 'A service uses a config not declared under top-level configs' },
  { id: 'no-privileged', severity: 'warning', summary: 'A service runs privileged' },
  { id: 'no-host-network', severity: 'warning', summary: 'A service uses network_mode: host' },
  { id: 'healthcheck-missing-for-dependency', severity: 'error', summary: 'condition: service_healthy on a service without a healthcheck' },
];
const RULE = Object.fromEntries(RULES.map((r) => [r.id, r]));

type Emit = (rule: string, path: PathSeg[], message: string, fix: string, service?: string) => void;

export function emitter(file: ComposeFile, findings: Finding[]): Emit {
  return (rule, path, message, fix, service) => {
    const r = RULE[rule];
    const { line, column } = file.doc.position(path);
    findings.push({ ruleId: rule, severity: r.severity, message, location: { line, column }, fix, ...(r.docs ? { docs: r.docs } : {}), ...(service !== undefined ? { service } : {}) });
  };
}

export function checkSchema(file: ComposeFile, emit: Emit): void {
  for (const issue of validateCompose(file.value)) {
    const service = issue.path[0] === 'services' && typeof issue.path[1] === 'string' ? issue.path[1] : undefined;
    const where = issue.path.length ? formatPath(issue.path) : '(top level)';
    emit('invalid-schema', issue.path, `${where}: ${issue.message}`, 'Fix the value to match the compose specification.', service);
  }
}

export function checkImages(file: ComposeFile, emit: Emit): void {
  for (const [name, svc] of file.services) {
    if (typeof svc.image !== 'string') continue;
    const image = svc.image;
    if (image.includes('@sha256:')) continue;
    const ref = image.slice(image.lastIndexOf('/') + 1);
    const colon = ref.indexOf(':');
    const tag = colon === -1 ? null : ref.slice(colon + 1);
    let problem: string | null = null;
    if (tag === null) problem = 'has no tag (it means :latest)';
    else if (tag === 'latest') problem = 'is tagged latest';
    else if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(tag)) problem = `takes its tag from ${tag} with no default`;
    if (problem) emit('service-image-require-explicit-tag', ['services', name, 'image'], `Service "${name}": image "${image}" ${problem}.`, `Pin a version: \`${image.replace(/:[^/:]*$/, '')}:<version>\` (or \`\${TAG:-<version>}\`).`, name);
  }
}

export function checkPorts(file: ComposeFile, emit: Emit): void {
  const seen = new Map<string, { service: string; text: string }>();
  for (const [name, svc] of file.services) {
    const reported = new Set<number>();
    for (const p of portsOf(svc)) {
      if (p.published === null) continue;
      const key = `${p.hostIp || '0.0.0.0'}:${p.published}/${p.protocol}`;
      const first = seen.get(key);
      if (first && !reported.has(p.index)) {
        reported.add(p.index);
        emit('no-duplicate-exported-ports', ['services', name, 'ports', p.index], `Service "${name}" publishes host port ${key} (from "${p.text}"), already published by service "${first.service}" ("${first.text}").`, 'Publish a different host port, or drop one of the mappings.', name);
      } else if (!first) seen.set(key, { service: name, text: p.text });
    }
  }
}

export function checkContainerNames(file: ComposeFile, emit: Emit): void {
  const seen = new Map<string, string>();
  for (const [name, svc] of file.services) {
    if (typeof svc.container_name !== 'string') continue;
    const other = seen.get(svc.container_name);
    if (other) emit('no-duplicate-container-names', ['services', name, 'container_name'], `Service "${name}" uses container_name "${svc.container_name}", already used by service "${other}".`, 'Give each service a unique container_name, or remove container_name.', name);
    else seen.set(svc.container_name, name);
  }
}

export function checkCycles(file: ComposeFile, emit: Emit): void {
  const deps = new Map(file.services.map(([n, s]) => [n, dependsOn(s).map((d) => d.name)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (n: string) => {
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      if (!deps.has(d)) continue;
      if (state.get(d) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(d)), d];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          emit('depends-on-cycle', ['services', d, 'depends_on'], `depends_on cycle: ${cycle.join(' -> ')}; compose cannot decide which service starts first.`, 'Remove one of the dependencies in the cycle.', d);
        }
      } else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const [n] of file.services) if (!state.has(n)) visit(n);
}

export function checkReferences(file: ComposeFile, emit: Emit): void {
  const top = (key: string) => new Set(isRecord(file.value[key]) ? Object.keys(file.value[key] as object) : []);
  const networks = top('networks');
  const volumes = top('volumes');
  const secrets = top('secrets');
  const configs = top('configs');
  for (const [name, svc] of file.services) {
    for (const n of networksOf(svc)) {
      if (n.name !== 'default' && !networks.has(n.name)) emit('undefined-network', ['services', name, ...n.path], `Service "${name}" joins network "${n.name}", which is not declared under top-level networks.`, `Declare it: \`networks: { ${n.name}: {} }\`.`, name);
    }
    for (const v of volumesOf(svc)) {
      if (v.type === 'volume' && v.source && !volumes.has(v.source)) emit('undefined-volume', ['services', name, 'volumes', v.index], `Service "${name}" mounts named volume "${v.source}", which is not declared under top-level volumes.`, `Declare it (\`volumes: { ${v.source}: {} }\`), or use a path (\`./${v.source}\`) for a bind mount.`, name);
    }
    for (const [key, set, rule] of [['secrets', secrets, 'undefined-secret'], ['configs', configs, 'undefined-config']] as const) {
      for (const r of refsOf(svc, key)) {
        if (!set.has(r.name)) emit(rule, ['services', name, ...r.path], `Service "${name}" uses ${key.slice(0, -1)} "${r.name}", which is not declared under top-level ${key}.`, `Declare it under top-level \`${key}:\` (file, environment or external).`, name);
      }
    }
  }
}

export function checkPrivileges(file: ComposeFile, emit: Emit): void {
  for (const [name, svc] of file.services) {
    if (svc.privileged === true) emit('no-privileged', ['services', name, 'privileged'], `Service "${name}" runs privileged: it has every capability and access to host devices.`, 'Remove privileged: true and add only the capabilities it needs with cap_add.', name);
    if (svc.network_mode === 'host') emit('no-host-network', ['services', name, 'network_mode'], `Service "${name}" uses network_mode: host: it shares the host's network stack and bypasses port publishing.`, 'Use a bridge network and publish the ports it needs.', name);
  }
}

export function checkHealthDeps(file: ComposeFile, emit: Emit): void {
  const services = new Map(file.services);
  for (const [name, svc] of file.services) {
    for (const d of dependsOn(svc)) {
      if (d.condition !== 'service_healthy') continue;
      const target = services.get(d.name);
      if (!target) continue;
      const hc = isRecord(target.healthcheck) ? target.healthcheck : null;
      if (!hc || hc.disable === true || (Array.isArray(hc.test) && hc.test[0] === 'NONE')) {
        emit('healthcheck-missing-for-dependency', ['services', name, ...d.path], `Service "${name}" waits for "${d.name}" to be healthy, but "${d.name}" defines no healthcheck (unless its image has one, compose waits forever or fails).`, `Add a healthcheck to "${d.name}", or use condition: service_started.`, name);
      }
    }
  }
}
