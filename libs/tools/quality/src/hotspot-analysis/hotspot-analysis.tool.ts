import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseGitLog } from './git-log';

const rules: RuleDoc[] = [
  { id: 'hotspot', severity: 'info', summary: 'One of the ten files with the highest change frequency × complexity', docs: 'https://github.com/adamtornhill/code-maat#hotspot-analysis' },
];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const hotspotAnalysis = defineTool({
  name: 'quality_hotspot_analysis',
  title: 'Hotspot analysis',
  description:
    "Mines `git log --numstat` output as code-maat does: revisions, authors and churn per file, change coupling between files that change together, and hotspots ranked by revisions × complexity.",
  input: z
    .object({
      content: z.string().describe("Output of `git log --numstat` (git's default format, or code-maat's --pretty=format:'--%h--%ad--%aN')"),
      options: analyzerOptions({
        minRevs: z.number().int().min(0).optional().describe('Minimum revisions of each file in a coupling pair (default 5)'),
        minSharedRevs: z.number().int().min(0).optional().describe('Minimum shared revisions of a coupling pair (default 5)'),
        minCoupling: z.number().min(0).max(100).optional().describe('Minimum coupling degree in percent (default 30)'),
        maxCoupling: z.number().min(0).max(100).optional().describe('Maximum coupling degree in percent (default 100)'),
        maxChangesetSize: z.number().int().min(1).optional().describe('Commits touching more files are left out of coupling (default 30)'),
        complexity: z.record(z.string(), z.number().min(0)).optional().describe('Complexity per path (e.g. cyclomatic sums from quality_complexity_report); hotspot score = revisions × complexity'),
      }),
    })
    .strict(),
  rules,
  run({ content, options }) {
    const minRevs = options?.minRevs ?? 5;
    const minShared = options?.minSharedRevs ?? 5;
    const minCoupling = options?.minCoupling ?? 30;
    const maxCoupling = options?.maxCoupling ?? 100;
    const maxChangeset = options?.maxChangesetSize ?? 30;
    const commits = parseGitLog(content);

    const stats = new Map<string, { nRevs: number; authors: Set<string>; added: number; deleted: number }>();
    for (const c of commits) {
      const seen = new Set<string>();
      for (const ch of c.changes) {
        const s = stats.get(ch.path) ?? { nRevs: 0, authors: new Set<string>(), added: 0, deleted: 0 };
        stats.set(ch.path, s);
        if (!seen.has(ch.path)) s.nRevs++;
        seen.add(ch.path);
        s.authors.add(c.author);
        s.added += ch.added;
        s.deleted += ch.deleted;
      }
    }
    const files = [...stats.entries()]
      .map(([entity, s]) => ({ entity, nRevs: s.nRevs, nAuthors: s.authors.size, authors: [...s.authors].sort(cmp), added: s.added, deleted: s.deleted, churn: s.added + s.deleted }))
      .sort((a, b) => b.nRevs - a.nRevs || cmp(a.entity, b.entity));

    // Coupling (code-maat's "coupling" analysis): large changesets are noise, so they are left out.
    const couplingRevs = new Map<string, number>();
    const shared = new Map<string, number>();
    for (const c of commits) {
      const paths = [...new Set(c.changes.map((ch) => ch.path))].sort(cmp);
      if (paths.length === 0 || paths.length > maxChangeset) continue;
      for (const p of paths) couplingRevs.set(p, (couplingRevs.get(p) ?? 0) + 1);
      for (let i = 0; i < paths.length; i++) {
        for (let j = i + 1; j < paths.length; j++) {
          const key = `${paths[i]}\u0000${paths[j]}`;
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
      }
    }
    const coupling = [...shared.entries()]
      .map(([key, n]) => {
        const [entity, coupled] = key.split('\u0000');
        const ra = couplingRevs.get(entity) ?? 0;
        const rb = couplingRevs.get(coupled) ?? 0;
        const averageRevs = (ra + rb) / 2;
        return { entity, coupled, degree: (n / averageRevs) * 100, averageRevs, sharedRevs: n, ra, rb };
      })
      .filter((c) => c.ra >= minRevs && c.rb >= minRevs && c.sharedRevs >= minShared && c.degree >= minCoupling && c.degree <= maxCoupling)
      .sort((a, b) => b.degree - a.degree || cmp(a.entity, b.entity) || cmp(a.coupled, b.coupled))
      .map(({ entity, coupled, degree, averageRevs, sharedRevs }) => ({ entity, coupled, degree, averageRevs, sharedRevs }));

    const complexity = options?.complexity;
    const hotspots = files
      .filter((f) => !complexity || complexity[f.entity] !== undefined)
      .map((f) => {
        const cx = complexity ? complexity[f.entity] : null;
        return { entity: f.entity, nRevs: f.nRevs, complexity: cx, score: cx === null ? f.nRevs : f.nRevs * cx };
      })
      .sort((a, b) => b.score - a.score || cmp(a.entity, b.entity));

    const findings: Finding[] = hotspots.slice(0, 10).map((h, rank) => ({
      ruleId: 'hotspot',
      severity: 'info',
      message: `${h.entity} is hotspot #${rank + 1}: ${h.nRevs} revisions${h.complexity !== null ? ` × complexity ${h.complexity} = score ${h.score}` : ''}, changed by ${stats.get(h.entity)?.authors.size} author(s).`,
      location: { path: h.entity, line: 1 },
      fix: 'Prioritize this file for refactoring and tests: it changes often' + (h.complexity !== null ? ' and is complex.' : '; pass options.complexity to weigh by complexity.'),
      docs: rules[0].docs,
    }));
    return {
      findings,
      summary: { commits: commits.length, files: files.length },
      metrics: { commits: commits.length, files, coupling, hotspots },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { hotspots: Array<{ entity: string; nRevs: number; complexity: number | null; score: number }>; coupling: Array<{ entity: string; coupled: string; degree: number; averageRevs: number }> };
    return [
      table(['file', 'revisions', 'complexity', 'score'], m.hotspots.slice(0, 20).map((h) => [h.entity, h.nRevs, h.complexity ?? '', h.score])),
      m.coupling.length ? `### Change coupling\n\n${table(['file', 'coupled with', 'degree %', 'average revs'], m.coupling.slice(0, 20).map((c) => [c.entity, c.coupled, c.degree, c.averageRevs]))}` : '',
    ];
  },
});
