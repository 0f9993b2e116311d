import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NO_COLOR: '1', FORCE_COLOR: '0', NX_TUI: 'false', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const run = (cwd: string, cmd: string, args: string[]) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/**
 * The category generator on a copy of this very workspace: what `nx affected` then names is
 * what CI would build, test and deploy, and the new lib's tests pass with no hand edits.
 */
describe('category-worker generator on a copy of the real workspace', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'workspace-copy-'));
    const files = run(root, 'git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      try {
        copyFileSync(join(root, file), join(copy, file));
      } catch {
        // a file deleted in the working tree but still in the index
      }
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    run(copy, 'git', ['init', '-q', '-b', 'main']);
    run(copy, 'git', ['add', '-A']);
    run(copy, 'git', ['commit', '-qm', 'base']);
    run(copy, 'npx', ['nx', 'g', '@mcp/workspace-plugin:category-worker', 'security', '--prefix=sec_', '--no-interactive']);
  }, 300_000);
  afterAll(() => copy && rmSync(copy, { recursive: true, force: true }));

  it('makes exactly the new app, its lib and the gateway affected', () => {
    const affected = JSON.parse(run(copy, 'npx', ['nx', 'show', 'projects', '--affected', '--base=HEAD', '--json'])) as string[];
    expect(affected.sort()).toEqual(['gateway', 'tools-security', 'worker-security']);
  }, 120_000);

  it('leaves a lib whose tests pass and an example tool callable through the gateway', () => {
    expect(run(copy, 'npx', ['nx', 'test', 'tools-security', '--outputStyle=static'])).toMatch(/Successfully ran target test/);
    expect(run(copy, 'node', ['-e', "import('./tools/scripts/cluster.mjs').then((m) => console.log(m.CATEGORY_APPS.join(',')))"])).toContain('worker-security');
    // The worker's integration spec builds gateway, tailworker and worker, boots them in
    // workerd and calls sec_find_warning_comments through the gateway with the SDK client.
    const out = run(copy, 'npx', ['nx', 'test', 'worker-security', '--outputStyle=static']);
    expect(out).toMatch(/calls sec_find_warning_comments and its result matches the output schema/);
    expect(out).toMatch(/Successfully ran target test/);
  }, 600_000);
});
