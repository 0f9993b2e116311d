import { readdirSync, readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { detectDuplicates } from './detect-duplicates.tool';

const dir = new URL('./fixtures/src/', import.meta.url);
const files = readdirSync(dir)
  .sort()
  .map((n) => ({ path: `src/${n}`, content: readFileSync(new URL(n, dir), 'utf8') }));

interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path: string; line: number; endLine: number }; otherPath: string; otherLine: number; otherEndLine: number; tokens: number }>;
  metrics: { clones: unknown[]; files: Array<{ path: string; lines: number; duplicatedLines: number; percentage: number }>; totalLines: number; duplicatedLines: number; percentage: number };
}
const run = async (f: unknown, options?: unknown) => structured<Out>(await runTool(detectDuplicates, { files: f, options }));

describe('quality_detect_duplicates', () => {
  it('finds the exact copy with the line ranges jscpd reports', async () => {
    const out = await run(files, { ignoreIdentifiers: false });
    // jscpd 5.3.2 on these files: teams-api.js 6-18 ~ users-api.js 5-17, 13 lines.
    expect(out.findings.map((f) => [f.location.path, f.location.line, f.location.endLine, f.otherPath, f.otherLine, f.otherEndLine])).toEqual([['src/teams-api.js', 6, 18, 'src/users-api.js', 5, 17]]);
    expect(out.metrics.files.map((f) => [f.path, f.lines, f.duplicatedLines])).toEqual([
      ['src/projects-api.js', 15, 0],
      ['src/teams-api.js', 20, 13],
      ['src/users-api.js', 19, 13],
    ]);
    // jscpd: 13 duplicated lines of 54 = 24.07%.
    expect(out.metrics.totalLines).toBe(54);
    expect(out.metrics.duplicatedLines).toBe(13);
    expect(out.metrics.percentage).toBeCloseTo(24.074, 2);
  });

  it('finds the renamed copy (type 2) by default', async () => {
    const out = await run(files);
    expect(out.findings.filter((f) => f.location.path === 'src/projects-api.js').map((f) => [f.location.line, f.location.endLine, f.otherPath])).toEqual([
      [5, 15, 'src/teams-api.js'],
      [5, 15, 'src/users-api.js'],
    ]);
    expect(out.findings[0].message).toMatch(/^Lines 5-15 of src\/projects-api\.js are duplicated in src\/teams-api\.js lines 6-16 \(\d+ tokens\)\.$/);
  });

  it('finds clones inside one file and respects minLines', async () => {
    const body = files[2].content;
    const doubled = `${body}\n${body.replace('fetchUsers', 'fetchUsersAgain').replace('userLabel', 'userLabel2').replace("import { http } from './http';", '')}`;
    const out = await run([{ path: 'src/users.js', content: doubled }], { ignoreIdentifiers: false });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0].otherPath).toBe('src/users.js');
    expect((await run([{ path: 'src/users.js', content: doubled }], { ignoreIdentifiers: false, minLines: 30 })).findings).toEqual([]);
  });

  it('is silent on distinct code, and counts lines without the trailing newline', async () => {
    const out = await run([
      { path: 'a.js', content: 'export const a = 1;\n' },
      { path: 'b.py', content: 'def b():\n    return 2\n' },
    ]);
    expect(out.findings).toEqual([]);
    expect(out.metrics.files.map((f) => f.lines)).toEqual([1, 2]);
    expect(resultText(await runTool(detectDuplicates, { files }))).toContain('| src/projects-api.js | 15 |');
  });

  it('fails on the first file that does not parse, naming it', async () => {
    expect(resultText(await runTool(detectDuplicates, { files: [...files, { path: 'src/z.js', content: 'const = ;' }] }))).toMatch(/^src\/z\.js: line 1, column 7: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(detectDuplicates, { files, options: { minTokens: 0 } }))).toMatch(/^Invalid arguments: options\.minTokens/);
  });
});
