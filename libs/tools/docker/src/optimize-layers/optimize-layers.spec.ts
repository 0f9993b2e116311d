import { readdirSync, readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { optimizeLayers } from './optimize-layers.tool';
import { lintDockerfile } from '../lint-dockerfile/lint-dockerfile.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const optimize = async (content: string) => structured<Envelope>(await runTool(optimizeLayers, { content }));
const lint = async (content: string) => structured<Envelope>(await runTool(lintDockerfile, { content }));
const rules = (env: Envelope) => env.findings.map((f) => [f.ruleId, f.location?.line]);

describe('docker_optimize_layers', () => {
  it('leaves an optimized Dockerfile alone', async () => {
    const content = fixture('optimized.Dockerfile');
    const env = await optimize(content);
    expect(env.findings).toEqual([]);
    expect(env.artifacts?.dockerfile).toBe(content);
    expect(env.metrics).toEqual({ layersBefore: 6, layersAfter: 6, stagesBefore: 2, stagesAfter: 2 });
  });

  it('copy-context-before-install and the npm cache: moves the install before COPY . .', async () => {
    const env = await optimize(fixture('node-context-first.Dockerfile'));
    expect(rules(env)).toEqual([
      ['copy-context-before-install', 4],
      ['package-cache-in-layer', 5],
      ['DL3059', 6],
    ]);
    expect(env.findings[0]).toMatchObject({ install: 'npm ci --omit=dev', manifests: ['package.json', 'package-lock.json'] });
    expect(env.artifacts?.dockerfile).toBe(
      [
        'FROM node:20.15-bookworm-slim',
        'WORKDIR /usr/src/app',
        '# Copying everything first: every source edit re-runs npm ci.',
        'COPY package.json package-lock.json ./',
        'RUN npm ci --omit=dev \\',
        '    && npm cache clean --force',
        'COPY . .',
        'RUN npm run build',
        'EXPOSE 3000',
        'USER 1000',
        'CMD ["node", "dist/server.js"]',
        '',
      ].join('\n'),
    );
  });

  it('DL3009, DL3042, DL3059, a cleanup in a later RUN, and build tools in the final stage', async () => {
    const env = await optimize(fixture('python-apt-layers.Dockerfile'));
    expect(rules(env)).toEqual([
      ['DL3009', 5],
      ['missing-multi-stage-build', 6],
      ['DL3059', 6],
      ['DL3059', 7],
      ['package-cache-in-layer', 7],
      ['DL3042', 9],
    ]);
    expect(env.findings.find((f) => f.ruleId === 'missing-multi-stage-build')?.packages).toEqual(['build-essential=12.9', 'libpq-dev=15.8-0+deb12u1']);
    const out = String(env.artifacts?.dockerfile);
    expect(out).toContain('FROM python:3.12-slim-bookworm AS build\n');
    expect(out).toContain('RUN apt-get update \\\n    && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev=15.8-0+deb12u1 libpq5=15.8-0+deb12u1 \\\n    && rm -rf /var/lib/apt/lists/*\n');
    expect(out).toContain('RUN pip install --no-cache-dir -r requirements.txt\n');
    // The runtime stage: runtime packages only, site-packages and the app copied from the build stage.
    expect(out.slice(out.lastIndexOf('FROM '))).toBe(
      [
        'FROM python:3.12-slim-bookworm',
        'ENV PYTHONDONTWRITEBYTECODE=1 \\',
        '    PYTHONUNBUFFERED=1',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends libpq5=15.8-0+deb12u1 \\',
        '    && rm -rf /var/lib/apt/lists/*',
        'COPY --from=build /usr/local /usr/local',
        'WORKDIR /app',
        'COPY --from=build /app /app',
        'USER 10001',
        'EXPOSE 8000',
        'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app.wsgi:application"]',
        '',
      ].join('\n'),
    );
    expect(env.metrics).toMatchObject({ stagesBefore: 1, stagesAfter: 2 });
  });

  it('DL3019 and the bundler cache on Alpine', async () => {
    const env = await optimize(fixture('ruby-alpine.Dockerfile'));
    expect(rules(env)).toEqual([
      ['missing-multi-stage-build', 3],
      ['DL3019', 3],
      ['package-cache-in-layer', 5],
    ]);
    const out = String(env.artifacts?.dockerfile);
    expect(out).toContain('RUN apk add --no-cache build-base=0.5-r3 postgresql16-dev=16.3-r0 tzdata=2024a-r1\n');
    expect(out).toContain('RUN bundle install --jobs 4 \\\n    && rm -rf /root/.gem /usr/local/bundle/cache\n');
    expect(out).toContain('FROM ruby:3.3-alpine3.20\nRUN apk add --no-cache tzdata=2024a-r1\n');
  });

  it.each([
    ['node-context-first.Dockerfile', ['DL3059']],
    ['python-apt-layers.Dockerfile', ['DL3009', 'DL3042', 'DL3059', 'DL3059']],
    ['ruby-alpine.Dockerfile', ['DL3019']],
    ['optimized.Dockerfile', []],
  ])('round trip: the rewrite of %s passes docker_lint_dockerfile and has nothing left to optimize', async (name, lintBefore) => {
    const original = fixture(name);
    const rewritten = String((await optimize(original)).artifacts?.dockerfile);
    expect((await lint(original)).findings.map((f) => f.ruleId).sort()).toEqual(lintBefore);
    expect((await lint(rewritten)).findings).toEqual([]);
    expect((await optimize(rewritten)).findings).toEqual([]);
  });

  it('shows the rewritten Dockerfile and the layer table in the Markdown', async () => {
    const text = resultText(await runTool(optimizeLayers, { content: fixture('node-context-first.Dockerfile') }));
    expect(text).toContain('| layers (RUN/COPY/ADD) | 3 | 4 |');
    expect(text).toContain('```dockerfile\nFROM node:20.15-bookworm-slim');
  });

  it('reports a parse error with line and column', async () => {
    const reply = await runTool(optimizeLayers, { content: 'FROM node:20\nCOPY . .\nRUN npm ci\nCOPPY x y\n' });
    expect(resultText(reply)).toBe('line 4, column 1: unknown instruction: COPPY');
  });

  it('rejects arguments of the wrong type by field', async () => {
    expect(resultText(await runTool(optimizeLayers, { content: 42 }))).toMatch(/^Invalid arguments: content: /);
  });
});

describe('docker_optimize_layers on real-world Dockerfiles (docker/awesome-compose, CC0)', () => {
  const dir = new URL('../lint-dockerfile/fixtures/awesome-compose/', import.meta.url);
  const names = readdirSync(dir);

  it.each(names)('%s: the rewrite parses, adds no lint rule and fixes the cache findings', async (name) => {
    const original = readFileSync(new URL(name, dir), 'utf8');
    const env = await optimize(original);
    const rewritten = String(env.artifacts?.dockerfile);
    const before = new Set((await lint(original)).findings.map((f) => f.ruleId));
    const after = (await lint(rewritten)).findings;
    expect(after.filter((f) => !before.has(f.ruleId))).toEqual([]);
    const fixable = new Set(env.findings.filter((f) => ['DL3009', 'DL3019', 'DL3042'].includes(f.ruleId)).map((f) => f.ruleId));
    expect(after.filter((f) => fixable.has(f.ruleId))).toEqual([]);
  });
});
