import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { lintCommits } from './lint-commits.tool';

// One message per record, separated by an ASCII record separator (as `git log -z`-style exports do).
const history = readFileSync(new URL('./fixtures/history.txt', import.meta.url), 'utf8')
  .split('\n\u001e\n')
  .map((m) => m.replace(/\n$/, ''));

interface Out {
  findings: Array<{ ruleId: string; severity: string; message: string; location: { line: number }; messageIndex?: number }>;
  summary: Record<string, number>;
}
const idsOf = (out: Out, i: number) => out.findings.filter((f) => f.messageIndex === i).map((f) => f.ruleId).sort();

describe('quality_lint_commits', () => {
  let out: Out;
  beforeAll(async () => {
    out = structured<Out>(await runTool(lintCommits, { messages: history }));
  });

  it('accepts well-formed conventional commits', () => {
    expect(idsOf(out, 0)).toEqual([]);
    expect(idsOf(out, 5)).toEqual([]);
    // A trailer right after the body needs a blank line before it, as commitlint warns.
    expect(idsOf(out, 7)).toEqual(["footer-leading-blank"]);
  });

  it.each([
    [1, ['subject-case', 'type-case', 'type-enum']],
    [2, ['type-case', 'type-enum']],
    [3, ['subject-case']],
    [4, ['subject-full-stop']],
    [6, ['body-leading-blank']],
    [8, ['breaking-change-footer']],
    [9, ['header-max-length']],
    [10, ['body-max-line-length']],
    [13, ['subject-empty', 'type-empty']],
  ])('message %i reports %j', (i, ids) => {
    expect(idsOf(out, i)).toEqual(ids);
  });

  it('skips merges and fixups as commitlint ignores them', () => {
    expect(idsOf(out, 11)).toEqual([]);
    expect(idsOf(out, 12)).toEqual([]);
    expect(out.summary.ignored).toBe(2);
  });

  it('checks scopes only when configured', async () => {
    expect(idsOf(out, 14)).toEqual([]);
    const scoped = structured<Out>(await runTool(lintCommits, { content: history[14], options: { rules: { 'scope-case': 'lower-case', 'scope-enum': ['api', 'ui'] } } }));
    expect(scoped.findings.map((f) => f.ruleId)).toEqual(['scope-case', 'scope-enum']);
    expect(scoped.findings[0].message).toContain("'Checkout'");
  });

  it('reports footer without blank line and footer line length', async () => {
    const msg = `fix: retry uploads\n\nUploads now retry three times.\nCloses: #88\nSigned-off-by: ${'x'.repeat(120)}`;
    const r = structured<Out>(await runTool(lintCommits, { content: msg }));
    expect(r.findings.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['footer-leading-blank', 4],
      ['footer-max-line-length', 5],
    ]);
  });

  it('treats an empty message as an error', async () => {
    const r = structured<Out>(await runTool(lintCommits, { content: '   \n' }));
    expect(r.findings.map((f) => f.ruleId)).toEqual(['subject-empty', 'type-empty']);
    expect(resultText(await runTool(lintCommits, { content: '' }))).toContain('type may not be empty');
  });

  it('names the invalid field', async () => {
    const reply = await runTool(lintCommits, { messages: 'feat: x' });
    expect(resultText(reply)).toMatch(/^Invalid arguments: messages/);
    const bad = await runTool(lintCommits, { content: 'feat: x', options: { rules: { 'scope-case': 'weird' } } });
    expect(resultText(bad)).toMatch(/options\.rules\.scope-case/);
  });
});
