import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { keyOf, osvOptions, queryOsv, type OsvRecord } from '@mcp/core-osv';
import { advisorySeverity, matchPyPI } from '../shared/osv';
import { normalizeName, parseManifest, type Dependency } from '../shared/requirements';

const SEVERITY: Record<string, Finding['severity']> = { CRITICAL: 'error', HIGH: 'error', MODERATE: 'warning', LOW: 'info', NONE: 'info' };
const RANK: Record<string, number> = { CRITICAL: 4, HIGH: 3, MODERATE: 2, LOW: 1, NONE: 0 };

/** The exact version a requirement pins (`==1.2.3`, `===1.2.3`), or null. */
export function pinnedVersion(d: Dependency): string | null {
  const m = /^===?([^,*;\s]+)$/.exec(d.specifier);
  return m ? m[1] : null;
}

/** OSV returns a PYSEC and a GHSA record for one flaw: group records that alias each other. */
function groupAliases(vulns: OsvRecord[]): OsvRecord[][] {
  const groups: { ids: Set<string>; members: OsvRecord[] }[] = [];
  for (const v of vulns) {
    const ids = new Set([v.id, ...(v.aliases ?? [])]);
    const hits = groups.filter((g) => [...ids].some((id) => g.ids.has(id)));
    const merged = { ids, members: [v] };
    for (const g of hits) {
      g.ids.forEach((id) => merged.ids.add(id));
      merged.members.push(...g.members);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  }
  return groups.map((g) => g.members);
}

const preference = (id: string) => (id.startsWith('PYSEC-') ? 0 : id.startsWith('GHSA-') ? 1 : 2);

export const auditVulnerabilities = defineTool({
  name: 'python_audit_vulnerabilities',
  title: 'Python vulnerability audit (pip-audit, OSV)',
  description:
    'Audits pinned Python requirements (==, hashes and pip-compile comments allowed), poetry.lock or uv.lock against the OSV database (PyPI ecosystem, one batch query, records cached), matching each pinned version locally with PEP 440 against the advisories\' ranges and reporting fixed versions. An unreachable database is an error, never "no vulnerabilities".',
  input: z
    .object({
      content: contentArg('Pinned requirements (requirements.txt / pip-compile output), poetry.lock or uv.lock'),
      options: analyzerOptions({}),
    })
    .strict(),
  annotations: { openWorldHint: true },
  rules: [
    { id: 'unpinned-requirement', severity: 'info', summary: 'A requirement without an exact == version cannot be audited' },
    { id: 'PYSEC-*', severity: 'error', summary: 'A PyPA advisory (PYSEC id) affects the pinned version; severity from the advisory', docs: 'https://github.com/pypa/advisory-database' },
    { id: 'GHSA-*', severity: 'error', summary: 'A GitHub advisory (GHSA id) affects the pinned version; severity from the advisory', docs: 'https://github.com/advisories' },
  ],
  async run({ content }, ctx) {
    const manifest = parseManifest(content);
    if (manifest.kind === 'pipfile') throw new InputError('A Pipfile is not pinned: audit its Pipfile.lock-derived requirements (pipenv requirements) instead');
    const findings: Finding[] = [];
    const pinned: { dep: Dependency; version: string }[] = [];
    const seen = new Set<string>();
    for (const dep of manifest.dependencies) {
      const version = pinnedVersion(dep);
      if (version === null) {
        if (dep.url) continue;
        findings.push({ ruleId: 'unpinned-requirement', severity: 'info', message: `${dep.rawName}${dep.specifier ? ` ${dep.specifier}` : ''} is not pinned to one version, so it was not audited`, location: { line: dep.source.line }, fix: `Pin ${dep.rawName} with ==, e.g. from pip-compile or a lockfile`, package: dep.name });
        continue;
      }
      const key = `${dep.name}@${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pinned.push({ dep, version });
    }
    const queries = pinned.map((p) => ({ name: p.dep.name, version: p.version }));
    const advisories = queries.length ? await queryOsv('PyPI', queries, osvOptions(ctx)) : new Map<string, OsvRecord[]>();
    const rows: { name: string; version: string; vulnerabilities: number }[] = [];
    pinned.forEach(({ dep, version }, i) => {
      const matched: { v: OsvRecord; fixedIn: string | null }[] = [];
      for (const v of advisories.get(keyOf(queries[i])) ?? []) {
        const m = matchPyPI(v, dep.name, version, normalizeName);
        if (m.affected) matched.push({ v, fixedIn: m.fixedIn });
      }
      const groups = groupAliases(matched.map((x) => x.v));
      rows.push({ name: dep.name, version, vulnerabilities: groups.length });
      for (const group of groups) {
        const lead = [...group].sort((a, b) => preference(a.id) - preference(b.id) || a.id.localeCompare(b.id))[0];
        const levels = group.map(advisorySeverity).filter((s): s is string => s !== null);
        const level = levels.sort((a, b) => RANK[b] - RANK[a])[0] ?? null;
        const fixes = matched.filter((x) => group.includes(x.v) && x.fixedIn).map((x) => x.fixedIn!);
        const fixedIn = fixes.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))[0] ?? null;
        const aliases = [...new Set(group.flatMap((v) => [v.id, ...(v.aliases ?? [])]))].filter((a) => a !== lead.id).sort();
        const summary = group.map((v) => v.summary).find(Boolean) ?? (lead.details ?? '').split(/(?<=\.)\s/)[0].slice(0, 160);
        findings.push({
          ruleId: lead.id,
          severity: level ? SEVERITY[level] ?? 'warning' : 'warning',
          message: `${dep.rawName} ${version} is affected by ${lead.id}${aliases.some((a) => a.startsWith('CVE-')) ? ` (${aliases.filter((a) => a.startsWith('CVE-')).join(', ')})` : ''}: ${summary}`,
          location: { line: dep.source.line },
          fix: fixedIn ? `Upgrade ${dep.rawName} to ${fixedIn} or later` : `No fixed release is known for ${lead.id}; remove or replace ${dep.rawName}`,
          docs: `https://osv.dev/vulnerability/${lead.id}`,
          package: dep.name,
          version,
          fixedIn,
          aliases: aliases.filter((a) => a.startsWith('CVE-')),
          advisories: [lead.id, ...aliases.filter((a) => !a.startsWith('CVE-'))],
          level: level ?? 'UNKNOWN',
        });
      }
    });
    return {
      findings,
      metrics: { packagesQueried: pinned.length, vulnerablePackages: rows.filter((r) => r.vulnerabilities > 0).length, packages: rows },
    };
  },
  render(env) {
    const rows = ((env.metrics?.packages ?? []) as { name: string; version: string; vulnerabilities: number }[]).filter((r) => r.vulnerabilities > 0);
    return [table(['package', 'version', 'advisories'], rows.map((r) => [r.name, r.version, r.vulnerabilities]))];
  },
});
