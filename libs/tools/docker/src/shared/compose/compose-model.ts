import { InputError } from '@mcp/core-response';
import { isRecord, loadYaml, type PathSeg, type YamlDoc } from '../yaml/load-yaml';

/** A parsed compose file: the YAML document (for positions) and its services. */
export interface ComposeFile {
  doc: YamlDoc;
  value: Record<string, unknown>;
  services: [string, Record<string, unknown>][];
}

export function parseCompose(content: string): ComposeFile {
  const docs = loadYaml(content);
  if (docs.length === 0) throw new InputError('The compose file is empty.');
  const doc = docs[0];
  if (!isRecord(doc.value)) throw new InputError(`The compose file (line ${doc.line}) is not a mapping of top-level keys (services, networks, volumes, ...).`);
  const services = isRecord(doc.value.services) ? Object.entries(doc.value.services).map(([n, s]) => [n, isRecord(s) ? s : {}] as [string, Record<string, unknown>]) : [];
  return { doc, value: doc.value, services };
}

export interface PortBinding {
  /** Index in the service's `ports` list. */
  index: number;
  hostIp: string;
  /** Published host port; null when only the container port is given (random host port). */
  published: number | null;
  target: number;
  protocol: string;
  /** The entry as written. */
  text: string;
}

function range(spec: string): number[] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a || b - a > 65535) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * Expands a service's `ports` (short syntax `[ip:][host:]container[/proto]` with ranges, and
 * the long syntax) into one binding per host port. Entries still holding a variable are skipped.
 */
export function portsOf(service: Record<string, unknown>): PortBinding[] {
  const out: PortBinding[] = [];
  const list = Array.isArray(service.ports) ? service.ports : [];
  list.forEach((entry, index) => {
    if (isRecord(entry)) {
      const target = Number(entry.target);
      const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'tcp';
      const hostIp = typeof entry.host_ip === 'string' ? entry.host_ip : '';
      const pub = entry.published === undefined || entry.published === null ? null : String(entry.published);
      const pubs = pub === null ? [null] : range(pub);
      if (!pubs || !Number.isFinite(target)) return;
      for (const p of pubs) out.push({ index, hostIp, published: p, target, protocol, text: JSON.stringify(entry) });
      return;
    }
    const text = String(entry);
    if (text.includes('$')) return;
    let rest = text;
    let protocol = 'tcp';
    const slash = rest.lastIndexOf('/');
    if (slash !== -1) {
      protocol = rest.slice(slash + 1);
      rest = rest.slice(0, slash);
    }
    let hostIp = '';
    const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
    if (ipv6) {
      hostIp = ipv6[1];
      rest = ipv6[2];
    }
    const parts = rest.split(':');
    if (!ipv6 && parts.length === 3) hostIp = parts.shift() as string;
    const [hostSpec, containerSpec] = parts.length === 1 ? [null, parts[0]] : [parts[0] || null, parts[1]];
    const targets = range(containerSpec);
    if (!targets) return;
    if (hostSpec === null) {
      for (const t of targets) out.push({ index, hostIp, published: null, target: t, protocol, text });
      return;
    }
    const hosts = range(hostSpec);
    if (!hosts) return;
    hosts.forEach((h, i) => out.push({ index, hostIp, published: h, target: targets[Math.min(i, targets.length - 1)], protocol, text }));
  });
  return out;
}

export interface Dependency {
  name: string;
  condition: string;
  /** Path of the entry inside the service. */
  path: PathSeg[];
}

export function dependsOn(service: Record<string, unknown>): Dependency[] {
  const d = service.depends_on;
  if (Array.isArray(d)) return d.map((n, i) => ({ name: String(n), condition: 'service_started', path: ['depends_on', i] }));
  if (isRecord(d)) {
    return Object.entries(d).map(([n, v]) => ({ name: n, condition: isRecord(v) && typeof v.condition === 'string' ? v.condition : 'service_started', path: ['depends_on', n] }));
  }
  return [];
}

/** Names of the networks a service joins (list or map form). */
export function networksOf(service: Record<string, unknown>): { name: string; path: PathSeg[] }[] {
  const n = service.networks;
  if (Array.isArray(n)) return n.map((x, i) => ({ name: String(x), path: ['networks', i] }));
  if (isRecord(n)) return Object.keys(n).map((k) => ({ name: k, path: ['networks', k] }));
  return [];
}

export interface VolumeMount {
  index: number;
  type: 'volume' | 'bind' | 'tmpfs' | 'other';
  source: string | null;
  target: string;
  readOnly: boolean;
}

/** A service's `volumes`: named volumes, bind mounts (paths) and tmpfs, short or long syntax. */
export function volumesOf(service: Record<string, unknown>): VolumeMount[] {
  const list = Array.isArray(service.volumes) ? service.volumes : [];
  return list.flatMap((v, index): VolumeMount[] => {
    if (isRecord(v)) {
      const type = v.type === 'volume' || v.type === 'bind' || v.type === 'tmpfs' ? v.type : 'other';
      return [{ index, type, source: typeof v.source === 'string' ? v.source : null, target: String(v.target ?? ''), readOnly: v.read_only === true }];
    }
    const text = String(v);
    const parts = text.split(':');
    if (parts.length === 1) return [{ index, type: 'volume', source: null, target: parts[0], readOnly: false }];
    const [source, target, mode] = parts;
    const isPath = /^[./~]/.test(source) || source.includes('/') || source.startsWith('$');
    return [{ index, type: isPath ? 'bind' : 'volume', source, target, readOnly: (mode ?? '').split(',').includes('ro') }];
  });
}

/** Secret or config references of a service (short string or long `{source}` form). */
export function refsOf(service: Record<string, unknown>, key: 'secrets' | 'configs'): { name: string; target: string | null; path: PathSeg[] }[] {
  const list = Array.isArray(service[key]) ? (service[key] as unknown[]) : [];
  return list.map((r, i) =>
    isRecord(r) ? { name: String(r.source ?? ''), target: typeof r.target === 'string' ? r.target : null, path: [key, i] } : { name: String(r), target: null, path: [key, i] },
  );
}

/**
 * Compose variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `$VAR`, `$$` (a literal `$`). Variables are unset (no environment is available to a tool),
 * so defaults apply; `unset` collects the names that had none.
 */
export function interpolate(text: string, unset: Set<string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name, op, word, bare) => {
    if (whole === '$$') return '$';
    const v = name ?? bare;
    if (op === ':-' || op === '-') return interpolate(word ?? '', unset);
    if (op === ':+' || op === '+') return '';
    unset.add(v);
    return '';
  });
}
