import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NO_COLOR: '1', FORCE_COLOR: '0', NX_TUI: 'false' };

function release(app: string, ...args: string[]) {
  return spawnSync('node', ['../../tools/scripts/release.mjs', ...args], { cwd: `${root}apps/${app}`, env, encoding: 'utf8' });
}

describe('per-worker releases (dry-run, offline)', () => {
  it('rolls a new version out gradually, then fully, then back', () => {
    expect(release('worker-docker', 'rollout', '--environment', 'production', '--to', 'v2', '--percent', '10', '--from', 'v1', '--dry-run').stdout).toBe(
      '[dry-run] worker-docker: wrangler versions deploy v2@10% v1@90% --env production --yes --message "worker-docker: 10% to v2"\n',
    );
    expect(release('worker-docker', 'rollout', '--environment', 'production', '--to', 'v2', '--dry-run').stdout).toContain('versions deploy v2@100% --env production');
    expect(release('worker-docker', 'rollback', '--environment', 'production', '--to', 'v1', '--dry-run').stdout).toContain('wrangler rollback v1 --env production --yes');
    expect(release('tailworker', 'upload', '--environment', 'staging', '--dry-run').stdout).toContain('wrangler versions upload --env staging --tag');
    expect(release('gateway', 'deploy', '--environment', 'staging', '--dry-run').stdout).toContain('wrangler deploy --env staging');
  });

  it('refuses incomplete or wrong rollouts with the reason', () => {
    expect(release('worker-api', 'rollout', '--to', 'v2', '--percent', '10', '--dry-run')).toMatchObject({ status: 2, stderr: expect.stringContaining('--from <id>') });
    expect(release('worker-api', 'rollout', '--to', 'v2', '--percent', '150', '--dry-run').stderr).toContain('--percent must be an integer from 1 to 100');
    expect(release('worker-api', 'deploy', '--environment', 'prod', '--dry-run').stderr).toContain('must be staging or production');
  });

  it('is wired as Nx targets of every worker', () => {
    const out = execFileSync('npx', ['nx', 'run', 'worker-python:rollout', '--outputStyle=static', '--environment=staging', '--to=v7', '--percent=50', '--from=v6', '--dry-run'], { cwd: root, env, encoding: 'utf8' });
    expect(out).toContain('[dry-run] worker-python: wrangler versions deploy v7@50% v6@50% --env staging');
  }, 120_000);

  it('deploys the gateway after the category workers and the tailworker', () => {
    const graph = JSON.parse(execFileSync('npx', ['nx', 'run-many', '-t', 'deploy', '-p', 'gateway', '--graph=stdout'], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const before = graph.tasks.dependencies['gateway:deploy'] as string[];
    expect(before).toEqual(expect.arrayContaining(['tailworker:deploy', 'worker-docker:deploy', 'worker-nodejs:deploy', 'gateway:build']));
  }, 120_000);
});
