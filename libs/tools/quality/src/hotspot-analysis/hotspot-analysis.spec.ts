import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { hotspotAnalysis } from './hotspot-analysis.tool';

// `git log --numstat -n 400` of gitleaks/gitleaks (master at b58d3f10), in git's default format
// and in code-maat's format, captured from a real repository.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface FileRow {
  entity: string;
  nRevs: number;
  nAuthors: number;
  authors: string[];
  added: number;
  deleted: number;
  churn: number;
}
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path: string } }>;
  metrics: {
    commits: number;
    files: FileRow[];
    coupling: Array<{ entity: string; coupled: string; degree: number; averageRevs: number; sharedRevs: number }>;
    hotspots: Array<{ entity: string; nRevs: number; complexity: number | null; score: number }>;
  };
}
const run = async (args: unknown) => structured<Out>(await runTool(hotspotAnalysis, args));

describe('quality_hotspot_analysis', () => {
  it('counts revisions, authors and churn per file as git itself does', async () => {
    const out = await run({ content: fixture('gitleaks.numstat.log') });
    expect(out.metrics.commits).toBe(400);
    const row = (p: string) => out.metrics.files.find((f) => f.entity === p)!;
    // Expected values from `git log --numstat HEAD -- <path>` restricted to the same 400 commits.
    expect(row('config/gitleaks.toml')).toMatchObject({ nRevs: 166, nAuthors: 64, added: 4348, deleted: 3905, churn: 8253 });
    expect(row('cmd/generate/config/main.go')).toMatchObject({ nRevs: 61, nAuthors: 34, added: 339, deleted: 231 });
    expect(row('detect/detect.go')).toMatchObject({ nRevs: 47, nAuthors: 11, added: 1238, deleted: 925 });
    expect(row('README.md')).toMatchObject({ nRevs: 55, nAuthors: 18 });
    expect(out.metrics.files[0].entity).toBe('config/gitleaks.toml');
  });

  it('gives the same answers for code-maat formatted logs', async () => {
    const a = await run({ content: fixture('gitleaks.numstat.log') });
    const b = await run({ content: fixture('gitleaks.code-maat.log') });
    expect(b.metrics.files).toEqual(a.metrics.files);
    expect(b.metrics.coupling).toEqual(a.metrics.coupling);
  });

  it('finds files that change together', async () => {
    const out = await run({ content: fixture('gitleaks.numstat.log') });
    const pair = out.metrics.coupling.find((c) => c.entity === 'cmd/generate/config/main.go' && c.coupled === 'config/gitleaks.toml');
    expect(pair).toBeDefined();
    expect(pair!.degree).toBeGreaterThanOrEqual(30);
    expect(pair!.degree).toBeCloseTo((pair!.sharedRevs / pair!.averageRevs) * 100, 10);
    for (const c of out.metrics.coupling) {
      expect(c.entity < c.coupled).toBe(true);
      expect(c.sharedRevs).toBeGreaterThanOrEqual(5);
    }
  });

  it('ranks hotspots by revisions × complexity and reports the top ten', async () => {
    const complexity = { 'detect/detect.go': 120, 'config/gitleaks.toml': 1, 'cmd/generate/config/main.go': 15 };
    const out = await run({ content: fixture('gitleaks.numstat.log'), options: { complexity } });
    expect(out.metrics.hotspots.map((h) => [h.entity, h.score])).toEqual([
      ['detect/detect.go', 47 * 120],
      ['cmd/generate/config/main.go', 61 * 15],
      ['config/gitleaks.toml', 166],
    ]);
    expect(out.findings.find((f) => f.location.path === 'detect/detect.go')!.message).toContain('detect/detect.go is hotspot #1');
    const plain = await run({ content: fixture('gitleaks.numstat.log') });
    expect(plain.findings).toHaveLength(10);
    expect(resultText(await runTool(hotspotAnalysis, { content: fixture('gitleaks.numstat.log') }))).toContain('| config/gitleaks.toml | 166 |');
  });

  it('handles renames, binary files and merges without numstat', async () => {
    const log = [
      'commit 1111111111111111111111111111111111111111',
      'Merge: aaaaaaa bbbbbbb',
      'Author: Ana Lima <ana@example.com>',
      'Date:   Mon Mar 4 10:00:00 2024 +0100',
      '',
      "    Merge branch 'feature/logo'",
      '',
      'commit 2222222222222222222222222222222222222222',
      'Author: Ben Okafor <ben@example.com>',
      'Date:   Fri Mar 1 09:30:00 2024 +0100',
      '',
      '    Move helpers and update the logo',
      '',
      '4\t1\tsrc/{utils => lib}/format.ts',
      '-\t-\tassets/logo.png',
      '2\t2\tdocs/old.md => docs/guide.md',
      '',
    ].join('\n');
    const out = await run({ content: log });
    expect(out.metrics.commits).toBe(2);
    expect(out.metrics.files.map((f) => [f.entity, f.nRevs, f.churn, f.authors])).toEqual([
      ['assets/logo.png', 1, 0, ['Ben Okafor']],
      ['docs/guide.md', 1, 4, ['Ben Okafor']],
      ['src/lib/format.ts', 1, 5, ['Ben Okafor']],
    ]);
  });

  it("works on this repository's own history", async () => {
    const root = fileURLToPath(new URL('../../../../../', import.meta.url));
    let log: string;
    try {
      log = execFileSync('git', ['-C', root, 'log', '--numstat', '--no-renames', '-n', '200'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch {
      console.warn('git history not available: skipping the live-history check');
      return;
    }
    const out = await run({ content: log });
    // Oracle: git's own path-limited log, restricted to the same 200 commits.
    const window = new Set(execFileSync('git', ['-C', root, 'log', '--format=%H', '-n', '200'], { encoding: 'utf8' }).trim().split('\n'));
    for (const row of out.metrics.files.slice(0, 5)) {
      const touching = execFileSync('git', ['-C', root, 'log', '--format=%H', '--no-renames', '--', row.entity], { encoding: 'utf8' }).trim().split('\n');
      expect([row.entity, row.nRevs]).toEqual([row.entity, touching.filter((h) => window.has(h)).length]);
    }
  });

  it('rejects --oneline output with line and column', async () => {
    const reply = await runTool(hotspotAnalysis, { content: 'b58d3f1 Merge pull request #2197\n9c1e2aa Add rule\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 1, column 1: expected a "commit <hash>" header/);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(hotspotAnalysis, { content: '', options: { minCoupling: 300 } }))).toMatch(/^Invalid arguments: options\.minCoupling/);
  });
});
