import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintDockerfile } from './lint-dockerfile.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

async function lint(name: string, options?: Record<string, unknown>): Promise<Envelope> {
  return structured<Envelope>(await runTool(lintDockerfile, { content: fixture(name), ...(options ? { options } : {}) }));
}

const ids = (env: Envelope, rule: string) => env.findings.filter((f) => f.ruleId === rule);

describe('docker_lint_dockerfile', () => {
  it('finds nothing in a clean multi-stage Dockerfile (aliases, ARG in FROM, SHELL pipefail inherited)', async () => {
    const env = await lint('clean-multistage.Dockerfile');
    expect(env.findings).toEqual([]);
    expect(env.metrics?.stages).toEqual([
      { name: 'build', line: 5, image: 'golang:1.22.5-bookworm', instructions: 8 },
      { name: 'test', line: 19, image: 'build', instructions: 2 },
      expect.objectContaining({ name: '2', line: 22 }),
    ]);
  });

  it('DL3006: untagged base image', async () => {
    const env = await lint('dl3006-untagged.Dockerfile');
    expect(ids(env, 'DL3006')).toEqual([
      expect.objectContaining({ severity: 'warning', location: { line: 1, column: 1 }, message: expect.stringContaining('`ubuntu` has no tag') }),
    ]);
    expect(env.findings.map((f) => f.ruleId)).toEqual(['DL3006']);
  });

  it('DL3007: latest tag, only on the stage that uses it', async () => {
    const env = await lint('dl3007-latest.Dockerfile');
    expect(ids(env, 'DL3007').map((f) => f.location?.line)).toEqual([1]);
    expect(ids(env, 'DL3006')).toEqual([]);
  });

  it('DL3008: names each unpinned apt package, not the pinned one', async () => {
    const env = await lint('dl3008-unpinned-apt.Dockerfile');
    const [f] = ids(env, 'DL3008');
    expect(f.location).toEqual({ line: 2, column: 1, endLine: 7 });
    expect(f.message).toContain('`curl`, `ca-certificates` have no version');
    expect(f.message).not.toContain('gnupg2');
    expect(env.findings.map((x) => x.ruleId)).toEqual(['DL3008']);
  });

  it('DL3009: apt lists kept in the final stage', async () => {
    const env = await lint('dl3009-apt-lists.Dockerfile');
    expect(ids(env, 'DL3009')).toEqual([expect.objectContaining({ severity: 'info', location: { line: 3, column: 1 } })]);
  });

  it('DL3009: not in a builder stage that is only copied from', async () => {
    const env = await lint('dl3009-builder-stage.Dockerfile');
    expect(ids(env, 'DL3009')).toEqual([]);
    expect(env.findings).toEqual([]);
  });

  it('DL3015: apt-get install without --no-install-recommends', async () => {
    const env = await lint('dl3015-recommends.Dockerfile');
    expect(ids(env, 'DL3015')).toEqual([expect.objectContaining({ location: { line: 2, column: 1, endLine: 4 }, message: expect.stringContaining('nginx=1.18.0-6ubuntu14.4') })]);
    expect(ids(env, 'DL3008')).toEqual([]);
  });

  it('DL3020: ADD of plain files and folders, not of URLs or archives', async () => {
    const env = await lint('dl3020-add-files.Dockerfile');
    expect(ids(env, 'DL3020').map((f) => [f.location?.line, f.message])).toEqual([
      [5, expect.stringContaining('`config/` is neither')],
      [6, expect.stringContaining('`entrypoint.sh` is neither')],
    ]);
  });

  it('DL3025: shell-form ENTRYPOINT, CMD and HEALTHCHECK CMD', async () => {
    const env = await lint('dl3025-shell-form.Dockerfile');
    expect(ids(env, 'DL3025').map((f) => f.location?.line)).toEqual([7, 8, 9]);
    expect(ids(env, 'DL3025')[2].fix).toBe('Write `CMD ["rails", "server", "-b", "0.0.0.0"]`.');
  });

  it('DL4000: MAINTAINER', async () => {
    const env = await lint('dl4000-maintainer.Dockerfile');
    expect(ids(env, 'DL4000')).toEqual([
      expect.objectContaining({ severity: 'error', location: { line: 2, column: 1 }, fix: 'Use `LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"`.' }),
    ]);
  });

  it('DL4006: a pipe without pipefail, with SHELL scoped to its stage', async () => {
    const env = await lint('dl4006-pipe.Dockerfile');
    expect(ids(env, 'DL4006').map((f) => f.location?.line)).toEqual([6]);
  });

  it('reports an unknown instruction as a parse error at its line and column', async () => {
    const reply = await runTool(lintDockerfile, { content: fixture('parse-error-unknown.Dockerfile') });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('line 4, column 1: unknown instruction: RUNN');
  });

  it('names the failing field of invalid arguments', async () => {
    const reply = await runTool(lintDockerfile, { content: 'FROM x', options: { trustedRegistries: 'docker.io' } });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.trustedRegistries: /);
    const missing = await runTool(lintDockerfile, {});
    expect(resultText(missing)).toMatch(/^Invalid arguments: content: /);
  });

  it('honours options.ignore and renders findings and the stage table as Markdown', async () => {
    const reply = await runTool(lintDockerfile, { content: fixture('dl3025-shell-form.Dockerfile'), options: { ignore: ['DL3025'] } });
    const env = structured<Envelope>(reply);
    expect(ids(env, 'DL3025')).toEqual([]);
    const text = resultText(await runTool(lintDockerfile, { content: fixture('dl4000-maintainer.Dockerfile') }));
    expect(text).toContain('`DL4000` (line 2:1): MAINTAINER is deprecated');
    expect(text).toContain('| stage | line | base image | instructions |');
  });
});
