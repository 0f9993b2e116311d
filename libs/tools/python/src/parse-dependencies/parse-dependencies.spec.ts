import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { parseDependencies } from './parse-dependencies.tool';
import { poetryToPep440 } from '../shared/requirements';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const parse = async (args: object) => structured<Envelope>(await runTool(parseDependencies, args));
type Dep = { name: string; specifier: string; extras: string[]; marker: string | null; hashes: string[]; group: string; source: { path?: string; line: number } };
const deps = (env: Envelope) => (env.artifacts as { dependencies: Dep[] }).dependencies;

describe('python_parse_dependencies', () => {
  it('follows -r/-c includes and keeps extras, markers and hashes', async () => {
    const files = ['requirements.txt', 'base.txt', 'constraints.txt'].map((f) => ({ path: `reqs/${f}`, content: read(`reqs/${f}`) }));
    const env = await parse({ files });
    const list = deps(env);
    expect(list.map((d) => `${d.name}${d.specifier}`)).toEqual([
      'requests==2.31.0', 'celery>=5.3,<6', 'pywin32==306', 'uvloop', 'django~=4.2.7', 'django==4.2.8',
      'attrs>=23.1', 'python-dateutil==2.8.2', 'structlog', 'urllib3<2',
    ]);
    expect(list[0]).toEqual({
      name: 'requests', specifier: '==2.31.0', extras: ['socks', 'security'], marker: null, group: 'main',
      hashes: ['sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f', 'sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1'],
      source: { path: 'reqs/requirements.txt', line: 6 },
    });
    expect(list[2].marker).toBe('sys_platform == "win32"');
    expect(env.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line} ${f.package}`)).toEqual([
      'unpinned-dependency reqs/base.txt:4 structlog',
      'unpinned-dependency reqs/requirements.txt:11 uvloop',
      'duplicate-dependency reqs/requirements.txt:13 django',
    ]);
  });

  it('reads PEP 621 dependencies, extras and PEP 735 groups, and finds conflicting specifiers', async () => {
    const env = await parse({ content: read('pyproject-pep621.toml') });
    expect((env.artifacts as { requiresPython: string }).requiresPython).toBe('>=3.10');
    expect(deps(env).map((d) => [d.name, d.specifier, d.group, d.source.line])).toEqual([
      ['httpx', '>=0.25,<1', 'main', 10],
      ['pydantic', '>=2.5', 'main', 11],
      ['sqlalchemy', '>=2.0', 'main', 12],
      ['typer', '', 'main', 13],
      ['pydantic', '<2', 'main', 14],
      ['psycopg', '>=3.1', 'postgres', 18],
      ['pytest', '>=7.4', 'test', 21],
      ['pytest-cov', '', 'test', 21],
    ]);
    expect(deps(env)[2].marker).toBe("python_version >= '3.10'");
    expect(env.findings.map((f) => `${f.ruleId} ${f.package}`)).toEqual([
      'unpinned-dependency typer', 'conflicting-specifiers pydantic', 'duplicate-dependency pydantic', 'unpinned-dependency pytest-cov',
    ]);
  });

  it("converts Poetry constraints to PEP 440 with Poetry's caret and tilde rules", async () => {
    const env = await parse({ content: read('pyproject-poetry.toml') });
    expect((env.artifacts as { requiresPython: string }).requiresPython).toBe('>=3.9,<4.0');
    expect(deps(env).map((d) => `${d.name} ${d.specifier} ${d.group}`)).toEqual([
      'pandas >=2.1.3,<3.0.0 main', 'numpy >=1.26,<1.27 main', 'openpyxl ==3.1.2 main', 'jinja2 >=3.1,<4.0 main',
      'boto3  main', 'zstandard >=0.22,<0.23 main', 'pytest >=7.4,<8.0 dev', 'black >=23,<24 dev',
    ]);
    expect(poetryToPep440('^0.4')).toBe('>=0.4,<0.5');
    expect(poetryToPep440('~1.2.3')).toBe('>=1.2.3,<1.3.0');
    expect(poetryToPep440('^0.0.3')).toBe('>=0.0.3,<0.0.4');
    expect(poetryToPep440('>=1.2,<2.0')).toBe('>=1.2,<2.0');
  });

  it('reads poetry.lock and uv.lock as exact pins (uv skips the editable project itself)', async () => {
    expect(deps(await parse({ content: read('poetry.lock') })).map((d) => `${d.name}${d.specifier}@${d.source.line}`)).toEqual(['jinja2==3.1.2@3', 'markupsafe==2.1.3@16', 'pyyaml==5.3.1@24']);
    const uv = await parse({ content: read('uv.lock') });
    expect(deps(uv).map((d) => `${d.name}${d.specifier}`)).toEqual(['anyio==4.2.0', 'idna==3.6', 'sniffio==1.3.0']);
    expect((uv.artifacts as { requiresPython: string }).requiresPython).toBe('>=3.11');
    expect(uv.findings).toEqual([]);
  });

  it('reads setup.cfg install_requires, extras_require and python_requires', async () => {
    const env = await parse({ files: [{ path: 'setup.cfg', content: read('setup.cfg') }] });
    expect((env.artifacts as { requiresPython: string }).requiresPython).toBe('>=3.8');
    expect(deps(env).map((d) => [d.name, d.specifier, d.marker, d.group, d.source.line])).toEqual([
      ['jinja2', '>=3.0', null, 'main', 9],
      ['aiosmtplib', '>=2.0,<3', null, 'main', 10],
      ['importlib-metadata', '', 'python_version < "3.10"', 'main', 11],
      ['dkimpy', '>=1.1', null, 'dkim', 15],
      ['pytest', '', null, 'test', 17],
    ]);
    expect(env.findings.map((f) => `${f.ruleId} ${f.package}`)).toEqual(['unpinned-dependency importlib-metadata', 'unpinned-dependency pytest']);
  });

  it('reports an invalid requirement line as a parse error, and broken TOML at its line', async () => {
    expect(resultText(await runTool(parseDependencies, { content: 'flask==2.3.3\nthis is not a requirement!\n' }))).toBe("line 2, column 1: invalid requirement: 'this is not a requirement!'");
    expect(resultText(await runTool(parseDependencies, { content: '[project]\nname = "x"\ndependencies = [\n' }))).toMatch(/^line \d+, column \d+: /);
  });

  it('asks for exactly one of content or files, and names a missing include', async () => {
    expect(resultText(await runTool(parseDependencies, {}))).toMatch(/^Invalid arguments: content: Give exactly one of content or files/);
    expect(resultText(await runTool(parseDependencies, { files: [{ path: 'requirements.txt', content: '-r missing.txt\n' }] }))).toMatch(/included file missing.txt is not among files/);
  });
});
