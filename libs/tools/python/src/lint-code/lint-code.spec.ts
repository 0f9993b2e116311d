import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintCode } from './lint-code.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string) => structured<Envelope>(await runTool(lintCode, { content }));
const ids = (env: Envelope, rule: string) => env.findings.filter((f) => f.ruleId === rule).map((f) => `${f.location?.line}:${f.message}`);

describe('python_lint_code', () => {
  it('reports unused imports with pyflakes names, honouring __all__, TYPE_CHECKING and try/except ImportError', async () => {
    const env = await lint(fixture('unused-imports.py'));
    expect(ids(env, 'F401')).toEqual(["6:'os.path' imported but unused", "7:'sys' imported but unused"]);
  });

  it('stays silent on a clean module (dataclass, property, except-as used, with-as used)', async () => {
    const env = await lint(fixture('clean.py'));
    expect(env.findings).toEqual([]);
  });

  it('finds F841, F821, F811, B006, E711 and E722 in one smelly module', async () => {
    const env = await lint(fixture('smells.py'));
    expect(ids(env, 'F821')).toEqual(["16:undefined name 'resutl'"]);
    expect(ids(env, 'F841')).toEqual(["20:local variable 'cleaned' is assigned to but never used", "31:local variable 'err' is assigned to but never used"]);
    expect(ids(env, 'F811')).toEqual(["24:redefinition of unused 'normalize' from line 19"]);
    expect(env.findings.filter((f) => f.ruleId === 'B006').map((f) => f.name)).toEqual(['seen', 'options', 'cache']);
    expect(env.findings.filter((f) => f.ruleId === 'E711').map((f) => [f.location?.line, f.location?.column])).toEqual([[12, 19], [14, 25]]);
    expect(env.findings.filter((f) => f.ruleId === 'E722').map((f) => f.location)).toEqual([{ line: 10, column: 9 }]);
    expect(env.findings.every((f) => f.fix && f.docs)).toBe(true);
  });

  it('resolves names bound later at module level from function bodies, but not at module level', async () => {
    const env = await lint('def main():\n    return helper()\n\nprint(CONSTANT)\nCONSTANT = 1\n\ndef helper():\n    return CONSTANT\n');
    expect(ids(env, 'F821')).toEqual(["4:undefined name 'CONSTANT'"]);
  });

  it('keeps class scopes out of nested functions and comprehensions in class bodies lenient like pyflakes', async () => {
    const env = await lint('class A:\n    size = 3\n    squares = [i * i for i in range(size)]\n\n    def area(self):\n        return size\n');
    expect(ids(env, 'F821')).toEqual(["6:undefined name 'size'"]);
  });

  it('does not report overloads, global rebinding, augmented assignment or locals()', async () => {
    const src = [
      'from typing import overload',
      'counter = 0',
      '@overload',
      'def parse(x: int) -> int: ...',
      '@overload',
      'def parse(x: str) -> str: ...',
      'def parse(x):',
      '    return x',
      'def bump():',
      '    global counter',
      '    counter = counter + 1',
      'def total(items):',
      '    n = 0',
      '    n += len(items)',
      '    return n',
      'def fmt(name):',
      '    greeting = "hi"',
      '    return "{greeting} {name}".format(**locals())',
      '',
    ].join('\n');
    expect((await lint(src)).findings).toEqual([]);
  });

  it('reports a syntax error at the line and column Python reports', async () => {
    const reply = await runTool(lintCode, { content: fixture('broken.py') });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe("line 5, column 26: invalid syntax: unexpected ','");
    let python: string;
    try {
      python = execFileSync('python3', ['-c', 'import ast,sys\ntry: ast.parse(sys.stdin.read())\nexcept SyntaxError as e: print(e.lineno, e.offset)'], { input: fixture('broken.py'), encoding: 'utf8' });
    } catch {
      console.warn('python3 not available: skipping the comparison with ast.parse');
      return;
    }
    const [line, column] = python.trim().split(' ');
    expect(resultText(reply)).toContain(`line ${line}, column ${column}:`);
  });

  it('names the failing argument', async () => {
    const reply = await runTool(lintCode, { content: 1 });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^Invalid arguments: content:/);
    expect(resultText(await runTool(lintCode, { content: '', options: { strict: true } }))).toMatch(/options: Unrecognized key/);
  });

  it('applies options.ignore and renders Markdown with every finding', async () => {
    const reply = await runTool(lintCode, { content: fixture('smells.py'), options: { ignore: ['B006'] } });
    const env = structured<Envelope>(reply);
    expect(env.findings.some((f) => f.ruleId === 'B006')).toBe(false);
    expect(resultText(reply)).toContain("`F821` (line 16:12): undefined name 'resutl'");
  });
});
