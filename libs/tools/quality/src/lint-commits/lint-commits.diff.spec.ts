import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { lintCommits } from './lint-commits.tool';
import { readFileSync } from 'node:fs';

const history = readFileSync(new URL('./fixtures/history.txt', import.meta.url), 'utf8')
  .split('\n\u001e\n')
  .map((m) => m.replace(/\n$/, ''));

// Differential test against the anchor itself: @commitlint/cli with config-conventional.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const cli = `${root}node_modules/.bin/commitlint`;
const available = existsSync(cli) && existsSync(`${root}node_modules/@commitlint/config-conventional`);
if (!available) console.warn('quality_lint_commits differential test skipped: @commitlint/cli is not installed');

// Rules we do not mirror: header-trim (not in the contract); our own id is not commitlint's.
const OURS_ONLY = new Set(['breaking-change-footer']);
const THEIRS_ONLY = new Set(['header-trim']);

function commitlint(message: string): string[] {
  let out: string;
  try {
    out = execFileSync(cli, ['--extends', '@commitlint/config-conventional'], { cwd: root, input: message, encoding: 'utf8' });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  // Under Nx the CLI prints colours: strip the escapes before reading the rule ids.
  // eslint-disable-next-line no-control-regex -- matching the ESC of ANSI colour codes is the point
  out = out.replace(/\u001b\[[0-9;]*m/g, '');
  return [...out.matchAll(/\[([a-z-]+)\]\s*$/gm)].map((m) => m[1]).filter((id) => !THEIRS_ONLY.has(id)).sort();
}

(available ? describe : describe.skip)('quality_lint_commits agrees with commitlint', () => {
  const extra = [
    'feat(auth): Add OAuth login',
    'style: Format With Prettier',
    'build: UPGRADE TYPESCRIPT',
    'revert: feat(api): add pagination\n\nThis reverts commit 1a2b3c4d.',
    'feat: ship v2 config\n\nBREAKING-CHANGE: the config file moved to .apprc.json',
    'docs(readme): explain the `Foo` component...',
    'v1.4.0',
  ];
  it.each([...history, ...extra].map((m, i) => [i, m]))('message %i', async (_i, message) => {
    const ours = structured<{ findings: Array<{ ruleId: string }> }>(await runTool(lintCommits, { content: message }))
      .findings.map((f) => f.ruleId)
      .filter((id) => !OURS_ONLY.has(id))
      .sort();
    expect(ours).toEqual(commitlint(message as string));
  }, 20000);
});
