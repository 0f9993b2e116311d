import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { reviewDiff } from './review-diff.tool';

// `git diff --cached -M` of a real change: a modified service, a rename, a deletion and a binary file.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const diff = fixture('orders.diff');
const after = fixture('service.after.ts');

interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path: string; line: number }; function?: string; before?: number; after?: number }>;
  metrics: { filesChanged: number; additions: number; deletions: number; riskScore: number; riskLevel: string; files: Array<{ path: string; status: string; binary: boolean }> };
}
const review = async (args: Record<string, unknown>) => structured<Out>(await runTool(reviewDiff, args));

describe('quality_review_diff', () => {
  it('reports debug statements, TODOs, empty catches and missing tests on added lines', async () => {
    const out = await review({ content: diff });
    expect(out.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}`)).toEqual([
      'missing-tests src/orders/service.ts:1',
      'debug-statement src/orders/service.ts:7',
      'todo-comment src/orders/service.ts:14',
      'empty-catch src/orders/service.ts:18',
    ]);
    expect(out.findings[1].message).toContain('console.log');
  });

  it('handles binary files, renames and deletions, reporting new paths', async () => {
    const out = await review({ content: diff });
    expect(out.metrics.files.map((f) => [f.path, f.status, f.binary])).toEqual([
      ['assets/logo.png', 'modified', true],
      ['docs/guide.md', 'renamed', false],
      ['src/legacy.ts', 'deleted', false],
      ['src/orders/service.ts', 'modified', false],
    ]);
    // git diff --numstat of the same change: 1+0+13 added, 1+1+2 deleted.
    expect(out.metrics).toMatchObject({ filesChanged: 4, additions: 14, deletions: 4 });
  });

  it('measures the complexity increase of a changed function from the post-change file', async () => {
    const out = await review({ content: diff, files: [{ path: 'src/orders/service.ts', content: after }] });
    const f = out.findings.find((x) => x.ruleId === 'complexity-increase')!;
    expect(f).toMatchObject({ function: 'placeOrder', before: 2, after: 8, location: { path: 'src/orders/service.ts', line: 3 } });
    expect(out.findings.some((x) => x.ruleId === 'complexity-increase' && x.function === 'orderLabel')).toBe(false);
  });

  it('reports secrets on added lines, redacted', async () => {
    const token = ['gh', 'p_'].join('') + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const d = `diff --git a/.env b/.env\nnew file mode 100644\n--- /dev/null\n+++ b/.env\n@@ -0,0 +1,2 @@\n+NODE_ENV=production\n+GITHUB_TOKEN=${token}\n`;
    const reply = await runTool(reviewDiff, { content: d });
    expect(JSON.stringify(reply)).not.toContain(token);
    expect(structured<Out>(reply).findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}`)).toEqual(['github-pat .env:2']);
  });

  it('flags large diffs and scores risk', async () => {
    const small = await review({ content: diff });
    expect(small.metrics.riskLevel).toBe('low');
    const big = await review({ content: diff, options: { maxChangedLines: 10 } });
    expect(big.findings.some((f) => f.ruleId === 'large-diff')).toBe(true);
    expect(big.metrics.riskScore).toBeGreaterThan(small.metrics.riskScore);
    expect(['medium', 'high']).toContain(big.metrics.riskLevel);
  });

  it('is silent on a clean change with tests', async () => {
    const clean = [
      'diff --git a/src/math.ts b/src/math.ts',
      '--- a/src/math.ts',
      '+++ b/src/math.ts',
      '@@ -1,3 +1,3 @@',
      ' export function add(a: number, b: number) {',
      '-  return a+b;',
      '+  return a + b;',
      ' }',
      'diff --git a/src/math.test.ts b/src/math.test.ts',
      '--- a/src/math.test.ts',
      '+++ b/src/math.test.ts',
      '@@ -1 +1,2 @@',
      " test('adds', () => expect(add(1, 1)).toBe(2));",
      "+test('adds negatives', () => expect(add(-1, -1)).toBe(-2));",
      '',
    ].join('\n');
    expect((await review({ content: clean })).findings).toEqual([]);
    expect(resultText(await runTool(reviewDiff, { content: clean }))).toContain('Risk: **low**');
  });

  it('names line and column of a malformed diff, and invalid fields', async () => {
    expect(resultText(await runTool(reviewDiff, { content: '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n' }))).toMatch(/^line \d+, column 1: diff ended inside a hunk/);
    expect(resultText(await runTool(reviewDiff, { content: diff, options: { maxChangedLines: 0 } }))).toMatch(/^Invalid arguments: options\.maxChangedLines/);
  });
});
