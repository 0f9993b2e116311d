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

  it('DL3000: relative WORKDIR, not an absolute one', async () => {
    const env = await lint('dl3000-relative-workdir.Dockerfile');
    expect(ids(env, 'DL3000').map((f) => [f.location?.line, f.message])).toEqual([[3, expect.stringContaining('`WORKDIR html`')]]);
  });

  it('DL3002: the last USER of a stage is root', async () => {
    const env = await lint('dl3002-root-user.Dockerfile');
    expect(ids(env, 'DL3002').map((f) => f.location?.line)).toEqual([5]);
    expect(ids(await lint('clean-multistage.Dockerfile'), 'DL3002')).toEqual([]);
  });

  it('DL3003: cd inside RUN', async () => {
    const env = await lint('dl3003-cd.Dockerfile');
    expect(ids(env, 'DL3003')).toEqual([expect.objectContaining({ location: { line: 3, column: 1 }, message: expect.stringContaining('`cd /usr/src/app`') })]);
  });

  it('DL3004: sudo, once per RUN', async () => {
    const env = await lint('dl3004-sudo.Dockerfile');
    expect(ids(env, 'DL3004')).toEqual([expect.objectContaining({ severity: 'error', location: { line: 3, column: 1, endLine: 5 } })]);
    // Like hadolint, the command is `sudo`: the apt-get under it is not analysed.
    expect(ids(env, 'DL3008')).toEqual([]);
  });

  it('DL3013: unpinned pip packages, with index flags and their values skipped', async () => {
    const env = await lint('dl3013-pip-unpinned.Dockerfile');
    const [f] = ids(env, 'DL3013');
    expect(f.location?.line).toBe(4);
    expect(f.message).toContain('`gunicorn` has no version');
    expect(f.message).not.toContain('pypi.example.com');
  });

  it('DL3013: requirements files, constraints, specifiers, wheels, VCS refs and `.` are pinned', async () => {
    expect(ids(await lint('dl3013-pip-clean.Dockerfile'), 'DL3013')).toEqual([]);
  });

  it('DL3016: unpinned npm packages, not scoped pinned ones or local paths', async () => {
    const env = await lint('dl3016-npm-unpinned.Dockerfile');
    expect(ids(env, 'DL3016').map((f) => [f.location?.line, f.message])).toEqual([[3, expect.stringContaining('`pm2`, `@nestjs/cli` have no version')]]);
  });

  it('DL3018: unpinned apk packages, ignoring --virtual names and .apk files', async () => {
    const env = await lint('dl3018-apk-unpinned.Dockerfile');
    const found = ids(env, 'DL3018');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('`musl-dev`, `curl` have no version');
    expect(found[0].message).not.toContain('.build-deps');
    expect(ids(env, 'DL3019')).toEqual([]);
  });

  it('DL3022: COPY --from an undefined stage; aliases, indexes and image references pass', async () => {
    const env = await lint('dl3022-copy-from-unknown.Dockerfile');
    expect(ids(env, 'DL3022').map((f) => [f.location?.line, f.message])).toEqual([[8, expect.stringContaining('`COPY --from=builder`')]]);
  });

  it('DL3026: only trusted registries (with wildcards), stage aliases exempt', async () => {
    const env = await lint('dl3026-registries.Dockerfile', { trustedRegistries: ['*.example.com', 'ghcr.io'] });
    expect(ids(env, 'DL3026').map((f) => [f.location?.line, f.message])).toEqual([[5, expect.stringContaining('quay.io/prometheus/busybox:glibc')]]);
    const hubOnly = await lint('dl3026-registries.Dockerfile', { trustedRegistries: ['docker.io'] });
    expect(ids(hubOnly, 'DL3026').map((f) => f.location?.line)).toEqual([1, 2, 5]);
    expect(ids(await lint('dl3026-registries.Dockerfile'), 'DL3026')).toEqual([]);
  });

  it('DL3027: apt instead of apt-get', async () => {
    const env = await lint('dl3027-apt.Dockerfile');
    expect(ids(env, 'DL3027')).toEqual([expect.objectContaining({ location: { line: 2, column: 1, endLine: 3 }, message: expect.stringContaining('`apt update`') })]);
  });

  it('DL3042: pip without --no-cache-dir', async () => {
    const env = await lint('dl3042-pip-cache.Dockerfile');
    expect(ids(env, 'DL3042').map((f) => f.location?.line)).toEqual([4]);
  });

  it('DL3042: PIP_NO_CACHE_DIR (inherited by child stages), cache mounts and pipx pass', async () => {
    expect(ids(await lint('dl3042-pip-cache-clean.Dockerfile'), 'DL3042')).toEqual([]);
  });

  it('DL3045: relative COPY destination without WORKDIR, WORKDIR inherited from parent stages', async () => {
    const env = await lint('dl3045-relative-copy.Dockerfile');
    expect(ids(env, 'DL3045').map((f) => f.location?.line)).toEqual([2, 13]);
  });

  it('DL4003: several CMDs in one stage, not across stages', async () => {
    const env = await lint('dl4003-multiple-cmd.Dockerfile');
    expect(ids(env, 'DL4003').map((f) => f.location?.line)).toEqual([7]);
    expect(ids(env, 'DL3006')).toEqual([]);
  });

  it.each([
    [
      'misc-legacy.Dockerfile',
      [
        [1, 'DL3061'], [2, 'DL3029'], [3, 'DL3024'], [5, 'DL3014'], [7, 'DL3046'], [7, 'DL4005'], [8, 'DL4001'], [8, 'DL3047'], [8, 'DL3059'],
        [9, 'DL3001'], [9, 'DL3059'], [10, 'DL3044'], [11, 'DL3064'], [12, 'DL3048'], [13, 'DL3021'], [14, 'DL3023'], [15, 'DL3011'],
        [16, 'DL3043'], [17, 'DL3066'], [19, 'DL3012'], [21, 'DL4004'], [23, 'DL3063'], [23, 'DL3065'], [24, 'DL3067'],
      ],
    ],
    [
      'misc-rpm.Dockerfile',
      [
        [2, 'DL3030'], [2, 'DL3032'], [2, 'DL3033'], [3, 'DL3059'], [6, 'DL3041'], [7, 'DL3038'], [7, 'DL3059'], [10, 'DL3034'], [10, 'DL3036'],
        [10, 'DL3037'], [11, 'DL3035'], [11, 'DL3059'], [12, 'DL3059'],
      ],
    ],
    ['misc-langs.Dockerfile', [[2, 'DL3028'], [2, 'DL3019'], [5, 'DL3062'], [10, 'DL3060'], [11, 'DL3066']]],
  ])('the rest of the DL rules fire exactly where hadolint would: %s', async (name, expected) => {
    const env = await lint(name as string);
    expect(env.findings.map((f) => [f.location?.line, f.ruleId])).toEqual(expected);
  });

  it('honours hadolint pragmas: ignore (next line), stage ignore (placed before FROM), global ignore', async () => {
    const env = await lint('pragmas.Dockerfile');
    expect(env.findings.map((f) => [f.location?.line, f.ruleId])).toEqual([
      [11, 'DL3008'],
      [13, 'DL3003'],
    ]);
  });

  it('DL3010: a copied archive extracted by a later RUN, not one that is only copied', async () => {
    const env = await lint('dl3010-extract.Dockerfile');
    expect(ids(env, 'DL3010').map((f) => [f.location?.line, f.message])).toEqual([[3, expect.stringContaining('`jdk-21_linux-x64_bin.tar.gz` is copied here and extracted by the RUN on line 5')]]);
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
