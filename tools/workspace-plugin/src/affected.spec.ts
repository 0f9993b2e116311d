import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const APPS = ['gateway', 'tailworker', ...['nodejs', 'python', 'docker', 'quality', 'webdesign', 'database', 'api', 'architecture'].map((c) => `worker-${c}`)];

/** What `nx affected` would build, test and deploy if only `file` changed. */
function affectedBy(file: string): string[] {
  const out = execFileSync('npx', ['nx', 'show', 'projects', '--affected', `--files=${file}`, '--json'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  return (JSON.parse(out) as string[]).sort();
}

describe('affected projects follow the dependency graph', () => {
  it('a change to the docker tools touches only that lib and worker-docker', () => {
    expect(affectedBy('libs/tools/docker/src/index.ts')).toEqual(['tools-docker', 'worker-docker']);
  });

  it('a change to a core lib touches every app', () => {
    const affected = affectedBy('libs/core/logger/src/trace.ts');
    expect(affected).toEqual(expect.arrayContaining(APPS));
  });

  it('the gateway depends on no tools lib', () => {
    const out = execFileSync('npx', ['nx', 'graph', '--file=stdout'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const graph = JSON.parse(out.slice(out.indexOf('{'))) as { graph: { dependencies: Record<string, { target: string }[]> } };
    const targets = graph.graph.dependencies.gateway.map((d) => d.target);
    expect(targets.filter((t) => t.startsWith('tools-'))).toEqual([]);
    expect(targets).toContain('core-protocol');
  });
});
