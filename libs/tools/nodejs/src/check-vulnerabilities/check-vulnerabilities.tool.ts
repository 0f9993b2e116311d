import semver from 'semver';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseLockfile } from '../shared/lockfile';
import { levelOf, matchAdvisory, type Level } from './affected';
import { keyOf, osvOptions, queryOsv, type OsvRecord, type PackageQuery } from '@mcp/core-osv';


// Rule ids are the advisories' own ids (GHSA-…, or another OSV id), so there is no fixed list;
// these entries document the id families a user can look up.
export const rules: RuleDoc[] = [
  { id: 'GHSA', severity: 'warning', summary: 'A GitHub Security Advisory (GHSA-xxxx-xxxx-xxxx) affects the installed version; severity follows the advisory', docs: 'https://github.com/advisories' },
  { id: 'OSV', severity: 'warning', summary: 'Another OSV advisory (MAL-…, OSV-…) affects the installed version; severity follows the advisory or its CVSS score', docs: 'https://osv.dev/' },
];

const packageSchema = z
  .object({
    name: z.string().min(1).describe('npm package name, e.g. "lodash" or "@babel/core"'),
    version: z
      .string()
      .refine((v) => semver.valid(v) === v, 'must be an exact semver version such as 4.17.20')
      .describe('The exact installed version (a semver version, not a range)'),
  })
  .strict();

const input = z
  .object({
    content: contentArg('A lockfile to audit: package-lock.json / npm-shrinkwrap.json, yarn.lock or pnpm-lock.yaml').optional(),
    packages: z.array(packageSchema).optional().describe('npm packages to audit instead of a lockfile, each {name, version}'),
    options: analyzerOptions({}),
  })
  .strict()
  .refine((a) => (a.content === undefined) !== (a.packages === undefined), {
    message: 'give exactly one of content (a lockfile) or packages',
    path: ['content'],
  });

const SEVERITY: Record<Level, Finding['severity']> = { critical: 'error', high: 'error', moderate: 'warning', low: 'info' };

export const checkVulnerabilitiesTool = defineTool({
  name: 'node_check_vulnerabilities',
  title: 'Known vulnerabilities (OSV)',
  description:
    'Looks up every package version of a lockfile (or a {name, version} list) in the OSV advisory database and reports each advisory that affects it, ' +
    'with severity, CVE aliases and the first fixed version. Version matching is done locally from the advisories\' affected ranges. ' +
    'Fails with an error when OSV cannot be queried; it never reports "no vulnerabilities" without an answer.',
  input,
  rules,
  annotations: { openWorldHint: true },
  async run(args, ctx) {
    const lines = new Map<string, number>();
    let queries: PackageQuery[];
    if (args.content !== undefined) {
      // Parsed before any query: a broken lockfile is a parse error, not a network call.
      const lock = parseLockfile(args.content);
      queries = [];
      for (const e of lock.entries) {
        if (e.source !== 'registry' || semver.valid(e.version) !== e.version) continue;
        const q = { name: e.name, version: e.version };
        if (!lines.has(keyOf(q))) {
          lines.set(keyOf(q), e.line);
          queries.push(q);
        }
      }
    } else {
      const seen = new Set<string>();
      queries = args.packages!.filter((q) => !seen.has(keyOf(q)) && !!seen.add(keyOf(q)));
    }
    queries.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

    const options = osvOptions(ctx);
    const answers: Map<string, OsvRecord[]> = queries.length ? await queryOsv('npm', queries, options) : new Map();

    const findings: Finding[] = [];
    const vulnerable = new Set<string>();
    for (const q of queries) {
      for (const record of answers.get(keyOf(q)) ?? []) {
        if (record.withdrawn) continue;
        const match = matchAdvisory(record, q.name, q.version);
        if (!match.affected) continue;
        vulnerable.add(keyOf(q));
        const level = levelOf(record);
        const aliases = (record.aliases ?? []).filter((a) => a.startsWith('CVE-')).sort();
        const title = record.summary?.trim() || record.details?.split('\n')[0]?.trim() || 'advisory without a summary';
        const line = lines.get(keyOf(q));
        findings.push({
          ruleId: record.id,
          severity: level ? SEVERITY[level] : 'warning',
          message: `${keyOf(q)}: ${title} (${[record.id, ...aliases].join(', ')}${level ? `, ${level}` : ''})`,
          location: line !== undefined ? { line } : undefined,
          fix: match.fixedIn
            ? `Upgrade ${q.name} to ${match.fixedIn} or later (or update the dependency that pins it)`
            : `No fixed version of ${q.name} is published for this advisory: replace the package or mitigate as the advisory describes`,
          docs: `https://osv.dev/vulnerability/${record.id}`,
          package: q.name,
          version: q.version,
          fixedIn: match.fixedIn,
          aliases,
          level: level ?? null,
        });
      }
    }
    return {
      findings,
      metrics: { packagesQueried: queries.length, vulnerablePackages: vulnerable.size, advisories: new Set(findings.map((f) => f.ruleId)).size },
    };
  },
  render(envelope) {
    const rows = envelope.findings.map((f) => [f.package, f.version, f.ruleId, f.level ?? f.severity, f.fixedIn ?? 'none']);
    const m = envelope.metrics as { packagesQueried: number; vulnerablePackages: number } | undefined;
    return [
      m ? `${m.packagesQueried} package version(s) queried, ${m.vulnerablePackages} vulnerable.` : '',
      table(['package', 'version', 'advisory', 'severity', 'fixed in'], rows),
    ];
  },
});

