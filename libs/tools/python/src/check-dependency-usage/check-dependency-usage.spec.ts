import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { checkDependencyUsage } from './check-dependency-usage.tool';

const root = 'fixtures/thumbnailer/';
const read = (path: string) => readFileSync(new URL(`./${root}${path}`, import.meta.url), 'utf8');
const sources = ['src/thumbnailer/__init__.py', 'src/thumbnailer/core.py', 'src/thumbnailer/config.py', 'src/thumbnailer/cli.py', 'tests/test_core.py'].map((path) => ({ path, content: read(path) }));
const manifest = read('pyproject.toml');
const check = async (args: object) => structured<Envelope>(await runTool(checkDependencyUsage, args));
const summary = (env: Envelope) => env.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line} ${f.package}/${f.module}`);

describe('python_check_dependency_usage', () => {
  it('reports missing, unused, transitive and misplaced dev dependencies like deptry', async () => {
    const env = await check({ manifest, files: [...sources, { path: 'uv.lock', content: read('uv.lock') }] });
    expect(summary(env)).toEqual([
      'DEP002 manifest:9 boto3/boto3',
      'DEP003 src/thumbnailer/config.py:3 requests/requests',
      'DEP003 src/thumbnailer/config.py:4 idna/idna',
      'DEP004 src/thumbnailer/config.py:6 freezegun/freezegun',
    ]);
  });

  it('maps import names to distributions (PIL -> Pillow, yaml -> PyYAML) and counts extras as regular dependencies', async () => {
    const env = await check({ manifest, files: sources });
    const packages = (env.metrics as { packages: { name: string; used: boolean }[] }).packages;
    expect(packages.filter((p) => p.used).map((p) => p.name)).toEqual(['pillow', 'pyyaml', 'click', 's3fs', 'freezegun']);
    // Without the lockfile the transitive imports are plain missing ones.
    expect(summary(env).filter((s) => s.startsWith('DEP001'))).toEqual(['DEP001 src/thumbnailer/config.py:3 requests/requests', 'DEP001 src/thumbnailer/config.py:4 idna/idna']);
  });

  it('scans tests when options.exclude replaces the defaults, and honours packageModuleNameMap', async () => {
    const env = await check({ manifest, files: sources, options: { exclude: ['.venv/'], packageModuleNameMap: { boto3: ['boto3', 'botocore'] } } });
    expect(summary(env).filter((s) => s.includes('tests/'))).toEqual(['DEP004 tests/test_core.py:1 pytest/pytest', 'DEP001 tests/test_core.py:2 numpy/numpy']);
  });

  it('is silent when the declared set matches the imports', async () => {
    const env = await check({ manifest: 'requests==2.31.0\nPyYAML==6.0.1\n', files: [{ path: 'app.py', content: 'import os\nimport requests\nimport yaml\nfrom app_utils import helper\n' }, { path: 'app_utils.py', content: 'def helper():\n    return 1\n' }] });
    expect(env.findings).toEqual([]);
  });

  it('reports a source file that does not parse, and a broken manifest as manifest', async () => {
    expect(resultText(await runTool(checkDependencyUsage, { manifest, files: [{ path: 'src/app.py', content: 'import os\nif os.sep\n    pass\n' }] }))).toMatch(/^src\/app\.py: line 2, column 10: invalid syntax/);
    expect(resultText(await runTool(checkDependencyUsage, { manifest: '[project\n', files: [] }))).toMatch(/^manifest: line 1, column \d+: /);
  });

  it('names a missing argument', async () => {
    expect(resultText(await runTool(checkDependencyUsage, { files: [] }))).toMatch(/^Invalid arguments: manifest:/);
  });
});
