import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { depths, label, parseLockfile, type LockEntry } from '../shared/lockfile';

const DOCS = 'https://github.com/lirantal/lockfile-lint/tree/main/packages/lockfile-lint#readme';

export const rules: RuleDoc[] = [
  { id: 'validate-https', severity: 'error', summary: 'A package is resolved over a URL scheme not in allowedSchemes (default https:)', docs: DOCS },
  { id: 'validate-host', severity: 'error', summary: 'A package is resolved from a host not in allowedHosts', docs: DOCS },
  { id: 'validate-integrity', severity: 'warning', summary: 'A registry package entry has no integrity hash, so its tarball is not verified on install', docs: DOCS },
];

const input = z
  .object({
    content: contentArg('The lockfile: package-lock.json / npm-shrinkwrap.json (v1-v3), yarn.lock (v1 or Berry) or pnpm-lock.yaml (v6-v9); the format is detected'),
    options: analyzerOptions({
      allowedHosts: z.array(z.string()).optional().describe('Hosts packages may be resolved from (default registry.npmjs.org, registry.yarnpkg.com); "npm" and "yarn" are accepted as aliases, as in lockfile-lint'),
      allowedSchemes: z.array(z.string()).optional().describe('URL schemes packages may be resolved over, with the colon (default ["https:"])'),
    }),
  })
  .strict();

const REGISTRY_ALIASES: Record<string, string> = { npm: 'registry.npmjs.org', yarn: 'registry.yarnpkg.com', verdaccio: 'registry.verdaccio.org' };

export const analyzeLockfileTool = defineTool({
  name: 'node_analyze_lockfile',
  title: 'Lockfile analysis',
  description:
    'Analyzes a package-lock.json (v1-v3), yarn.lock (v1/Berry) or pnpm-lock.yaml (v6-v9): package count, packages installed at several versions, ' +
    'deepest dependency chain, and lockfile-lint checks (non-https or unexpected registry hosts, registry entries without integrity).',
  input,
  rules,
  run({ content, options }) {
    const lock = parseLockfile(content);
    const hosts = new Set((options?.allowedHosts ?? ['registry.npmjs.org', 'registry.yarnpkg.com']).map(hostOf));
    const schemes = new Set((options?.allowedSchemes ?? ['https:']).map((s) => (s.endsWith(':') ? s : `${s}:`)));
    const findings: Finding[] = [];
    for (const e of lock.entries) {
      const pkg = label(e);
      const url = e.resolved ? tryUrl(e.resolved) : undefined;
      // Like lockfile-lint: only entries that record a resolved URL are checked for scheme and host.
      if (url) {
        if (!schemes.has(url.protocol)) {
          findings.push({
            ruleId: 'validate-https',
            severity: 'error',
            message: `${pkg} is resolved over ${url.protocol} (${e.resolved}); allowed: ${[...schemes].join(', ')}`,
            location: { line: e.line },
            fix: `Re-resolve ${e.name} from an https registry (npm config set registry https://registry.npmjs.org/) and regenerate the lockfile`,
            docs: DOCS,
            package: pkg,
          });
        }
        if (url.host && !hosts.has(url.host)) {
          findings.push({
            ruleId: 'validate-host',
            severity: 'error',
            message: `${pkg} is resolved from host ${url.host}, which is not an allowed host (${[...hosts].join(', ')})`,
            location: { line: e.line },
            fix: `Install ${e.name} from an allowed registry, or add ${url.host} to allowedHosts if it is your private registry`,
            docs: DOCS,
            package: pkg,
          });
        }
      }
      if (e.source === 'registry' && !e.integrity) {
        findings.push({
          ruleId: 'validate-integrity',
          severity: 'warning',
          message: `${pkg} is a registry package without an integrity hash`,
          location: { line: e.line },
          fix: `Regenerate the lockfile with a current package manager so ${e.name} gets its sha512 integrity`,
          docs: DOCS,
          package: pkg,
        });
      }
    }

    const versions = new Map<string, Set<string>>();
    for (const e of lock.entries) {
      if (e.source === 'workspace' || e.source === 'link') continue;
      let set = versions.get(e.name);
      if (!set) versions.set(e.name, (set = new Set()));
      set.add(e.version);
    }
    const duplicates = [...versions]
      .filter(([, v]) => v.size > 1)
      .map(([name, v]) => ({ name, versions: [...v].sort(compareVersions) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    const { depth, parent } = depths(lock);
    let deepest: LockEntry | undefined;
    let maxDepth = 0;
    for (const e of lock.entries) {
      const d = depth.get(e);
      if (d !== undefined && d > maxDepth) {
        maxDepth = d;
        deepest = e;
      }
    }
    const deepestChain: string[] = [];
    for (let e = deepest; e; e = parent.get(e)) deepestChain.unshift(label(e));

    return {
      findings,
      metrics: {
        format: lock.format,
        formatVersion: lock.formatVersion,
        packageCount: lock.entries.length,
        duplicates,
        maxDepth,
        deepestChain,
      },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { packageCount: number; format: string; formatVersion: string; maxDepth: number; deepestChain: string[]; duplicates: { name: string; versions: string[] }[] } | undefined;
    if (!m) return [];
    return [
      `${m.packageCount} package entries (${m.format} ${m.formatVersion}); deepest chain (${m.maxDepth}): ${m.deepestChain.join(' → ') || 'none'}`,
      m.duplicates.length ? `### Packages at several versions\n\n${table(['package', 'versions'], m.duplicates.map((d) => [d.name, d.versions]))}` : '',
    ];
  },
});

function hostOf(h: string): string {
  const alias = REGISTRY_ALIASES[h] ?? h;
  const url = tryUrl(alias);
  return url?.host || alias;
}

function tryUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
