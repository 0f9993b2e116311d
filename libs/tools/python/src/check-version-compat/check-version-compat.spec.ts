import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { checkVersionCompat } from './check-version-compat.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const check = async (content: string, target: string) => structured<Envelope>(await runTool(checkVersionCompat, { content, target }));

describe('python_check_version_compat', () => {
  it('finds every feature newer than the target, with the minimum version of the file', async () => {
    const env = await check(fixture('modern.py'), '3.8');
    expect(env.findings.map((f) => `${f.ruleId}@${f.location?.line} ${f.feature} ${f.minVersion}`)).toEqual([
      'stdlib-module@3 tomllib 3.11',
      'stdlib-member@5 itertools.pairwise 3.10',
      'stdlib-member@6 typing.Self 3.11',
      'stdlib-member@6 typing.override 3.12',
      'syntax-feature@8 type statement 3.12',
      'stdlib-member@11 dataclasses.dataclass(kw_only=) 3.10',
      'stdlib-member@11 dataclasses.dataclass(slots=) 3.10',
      'syntax-feature@20 type parameter lists (PEP 695 generics) 3.12',
      'syntax-feature@21 union types (X | Y) 3.10',
      'syntax-feature@24 match statement 3.10',
      'stdlib-member@26 str.removeprefix 3.9',
      'stdlib-module@33 tomllib 3.11'.replace('stdlib-module@33 tomllib', 'stdlib-member@33 tomllib.load'),
      'stdlib-member@35 asyncio.TaskGroup 3.11',
      'syntax-feature@38 exception groups (except*) 3.11',
    ]);
    const m = env.metrics as { minimumVersion: string; features: { feature: string; minVersion: string; line: number }[] };
    expect(m.minimumVersion).toBe('3.12');
    expect(m.features).toEqual(expect.arrayContaining([{ feature: 'assignment expression (:=)', minVersion: '3.8', line: 22 }, { feature: 'positional-only parameters', minVersion: '3.8', line: 21 }, { feature: 'f-string self-documenting expression (=)', minVersion: '3.8', line: 23 }]));
  });

  it('reports nothing for a target at or above every feature, and accepts requires-python specifiers', async () => {
    expect((await check(fixture('modern.py'), '3.12')).findings).toEqual([]);
    const env = await check(fixture('modern.py'), '>=3.11,<4');
    expect(env.findings.map((f) => f.feature)).toEqual(['typing.override', 'type statement', 'type parameter lists (PEP 695 generics)']);
  });

  it('stays silent on code that runs on 3.6 and reports its minimum', async () => {
    const env = await check(fixture('legacy_ok.py'), '3.6');
    expect(env.findings).toEqual([]);
    expect((env.metrics as { minimumVersion: string }).minimumVersion).toBe('3.0');
  });

  it('rejects a target outside 3.0–3.13, naming target', async () => {
    for (const target of ['2.7', '3.14', 'latest', '>=2.7']) {
      expect(resultText(await runTool(checkVersionCompat, { content: '', target }))).toMatch(/^Invalid arguments: target: Expected "3\.N"/);
    }
  });

  it('reports a parse error with line and column', async () => {
    expect(resultText(await runTool(checkVersionCompat, { content: 'match x:\n    case 1:\n  pass\n', target: '3.10' }))).toMatch(/^line 3, column \d+: invalid syntax/);
  });
});
