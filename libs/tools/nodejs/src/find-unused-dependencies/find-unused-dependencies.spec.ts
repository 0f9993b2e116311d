import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { findUnusedDependenciesTool } from './find-unused-dependencies.tool';
import { binariesOf } from './scripts';
import { readProject } from '../testing/read-project';

const root = new URL('./fixtures/orders-api/', import.meta.url);
function project(): { manifest: string; files: { path: string; content: string }[] } {
  return { manifest: readFileSync(new URL('package.json', root), 'utf8'), files: readProject(root, (p) => p === 'package.json') };
}
const run = async (args: Record<string, unknown>) => structured<Envelope>(await runTool(findUnusedDependenciesTool, args));
const summary = (env: Envelope) => env.findings.map((f) => `${f.ruleId} ${f.package ?? f.binary} ${f.location?.path}:${f.location?.line}`);

describe('node_find_unused_dependencies', () => {
  it('reports each knip issue type on a real-looking service', async () => {
    const env = await run(project());
    expect(summary(env)).toEqual([
      'unlisted-binary biome package.json:12',
      'unlisted-binary node-pg-migrate package.json:13',
      'unused-dependency lodash package.json:19',
      'unused-dev-dependency @types/lodash package.json:26',
      'unused-dev-dependency prettier package.json:32',
      'dev-dependency-in-production date-fns src/routes/orders.js:3',
      'unlisted-dependency axios src/routes/orders.js:4',
      'unlisted-dependency nock test/orders.test.js:2',
    ]);
    const nock = env.findings.find((f) => f.package === 'nock')!;
    expect(nock.fix).toContain('npm i -D nock');
    // src/legacy/report.js is not reachable from main, so its `moment` import does not count.
    expect(env.metrics).toMatchObject({ filesAnalyzed: 7, filesUnreachable: 1 });
    expect(resultText(await runTool(findUnusedDependenciesTool, project()))).toContain('| unused-dependency | lodash | package.json:19 |');
  });

  it('counts every file when entries cover them, and honours ignoreDependencies', async () => {
    const env = await run({ ...project(), options: { entries: ['src/**/*.js'], ignoreDependencies: ['@types/*', 'prettier', 'biome'] } });
    const ids = summary(env);
    expect(ids).toContain('unlisted-dependency moment src/legacy/report.js:2');
    expect(ids.some((s) => s.includes('@types/lodash') || s.includes('prettier') || s.includes(' biome '))).toBe(false);
  });

  it('stays silent when manifest and imports agree', async () => {
    const p = project();
    const manifest = JSON.parse(p.manifest);
    delete manifest.dependencies.lodash;
    delete manifest.devDependencies['@types/lodash'];
    delete manifest.devDependencies.prettier;
    manifest.dependencies.axios = '^1.7.7';
    manifest.dependencies['date-fns'] = '^4.1.0';
    delete manifest.devDependencies['date-fns'];
    manifest.devDependencies.nock = '^13.5.5';
    manifest.devDependencies['@biomejs/biome'] = '1.9.2';
    manifest.devDependencies['node-pg-migrate'] = '^7.7.0';
    const env = await run({ ...p, manifest: JSON.stringify(manifest, null, 2) });
    expect(env.findings).toEqual([]);
  });

  it('sees require, import(), require.resolve, type-only and subpath imports', async () => {
    const manifest = JSON.stringify({ name: 'x', dependencies: { a: '1', '@s/b': '1', c: '1', d: '1', e: '1' }, devDependencies: { '@types/f': '1', f: '1' } });
    const code = [
      "const a = require('a/lib/x');",
      "const load = () => import('@s/b');",
      "const p = require.resolve('c/package.json');",
      "import type { D } from 'd';",
      "export * from 'e';",
      "// import 'ghost' is only a comment",
      "const s = \"require('ghost2')\";",
      "import f = require('f');",
    ].join('\n');
    const env = await run({ manifest, files: [{ path: 'index.ts', content: code }] });
    expect(summary(env)).toEqual(['dev-dependency-in-production f index.ts:8']);
  });

  it('reads the binaries out of scripts', () => {
    const names = new Set(['build']);
    expect(binariesOf('cross-env NODE_ENV=production webpack --mode production && npx tsc -p . | tee log', names)).toEqual(['cross-env', 'webpack', 'tsc', 'tee']);
    expect(binariesOf('yarn build && yarn eslint . ; ./node_modules/.bin/mocha', names)).toEqual(['yarn', 'eslint', 'mocha']);
    expect(binariesOf('pnpm exec vitest run', names)).toEqual(['vitest']);
  });

  it('reports a syntax error with the file, line and column', async () => {
    const p = project();
    p.files.push({ path: 'src/broken.ts', content: 'export function f( {\n  return 1;\n}\n' });
    const reply = await runTool(findUnusedDependenciesTool, p);
    expect(resultText(reply)).toMatch(/^src\/broken\.ts: line 2, column \d+: /);
    const manifest = await runTool(findUnusedDependenciesTool, { manifest: '{"name": }', files: [] });
    expect(resultText(manifest)).toBe('manifest: line 1, column 10: Unexpected token "}"');
  });

  it('names the invalid field', async () => {
    const reply = await runTool(findUnusedDependenciesTool, { manifest: '{}', files: [{ path: 'a.js' }] });
    expect(resultText(reply)).toMatch(/^Invalid arguments: files\[0\]\.content: /);
  });
});
