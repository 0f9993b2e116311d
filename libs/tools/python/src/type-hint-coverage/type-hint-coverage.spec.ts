import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { typeHintCoverage } from './type-hint-coverage.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const measure = async (content: string) => structured<Envelope>(await runTool(typeHintCoverage, { content }));

describe('python_type_hint_coverage', () => {
  it('counts parameters and returns per function, skipping self/cls except for staticmethods', async () => {
    const env = await measure(fixture('storage.py'));
    const m = env.metrics as Record<string, any>;
    expect(m.functions.map((f: any) => [f.name, f.line, f.annotated, f.total])).toEqual([
      ['LocalStore.__init__', 9, 3, 3],
      ['LocalStore.put', 14, 3, 3],
      ['LocalStore.get', 19, 0, 3],
      ['LocalStore.metadata', 23, 2, 2],
      ['LocalStore.normalize', 28, 2, 2],
      ['LocalStore.from_env', 32, 2, 2],
      ['LocalStore._scan', 35, 0, 2],
      ['LocalStore.__iter__', 38, 1, 1],
      ['copy_all', 42, 5, 5],
      ['copy_all.one', 43, 0, 2],
    ]);
    expect(m.parameters).toEqual({ annotated: 11, total: 15 });
    expect(m.returns).toEqual({ annotated: 7, total: 10 });
    expect(m.coveragePercent).toBeCloseTo((18 / 25) * 100, 10);
    expect(m.parameterCoveragePercent).toBeCloseTo((11 / 15) * 100, 10);
    expect(m.returnCoveragePercent).toBe(70);
    expect(m.anyCount).toBe(2);
  });

  it('reports untyped public functions (mypy no-untyped-def) and Any annotations (explicit-any)', async () => {
    const env = await measure(fixture('storage.py'));
    expect(env.findings.map((f) => `${f.ruleId}@${f.location?.line}: ${f.message}`)).toEqual([
      'no-untyped-def@19: Function LocalStore.get is missing a type annotation',
      'explicit-any@23: the return type of LocalStore.metadata is annotated with Any',
      'explicit-any@42: parameter \'options\' of copy_all is annotated with Any',
      'no-untyped-def@43: Function copy_all.one is missing a type annotation',
    ]);
  });

  it('is silent on a fully annotated module without Any', async () => {
    const env = await measure('def area(width: float, height: float = 1.0) -> float:\n    return width * height\n\nclass Box:\n    def __init__(self, size: int):\n        self.size = size\n');
    expect(env.findings).toEqual([]);
    // __init__ may omit '-> None' for mypy, but its return still counts as unannotated.
    expect((env.metrics as any).coveragePercent).toBe(80);
  });

  it('distinguishes missing returns from missing arguments', async () => {
    const env = await measure('def load(path: str):\n    pass\n\ndef save(path, data: bytes) -> None:\n    pass\n');
    expect(env.findings.map((f) => f.message)).toEqual(['Function load is missing a return type annotation', 'Function save is missing a type annotation for one or more arguments (path)']);
  });

  it('reports a parse error with line and column', async () => {
    expect(resultText(await runTool(typeHintCoverage, { content: 'def f(x: int -> int:\n    return x\n' }))).toMatch(/^line 1, column 15: invalid syntax/);
  });

  it('names an unknown option', async () => {
    expect(resultText(await runTool(typeHintCoverage, { content: '', options: { strict: true } }))).toMatch(/^Invalid arguments: options: Unrecognized key/);
  });
});
