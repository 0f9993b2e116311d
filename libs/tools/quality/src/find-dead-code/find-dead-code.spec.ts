import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { findDeadCode } from './find-dead-code.tool';

const root = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
function list(dir: string): string[] {
  return readdirSync(root + dir).flatMap((n) => (statSync(root + dir + n).isDirectory() ? list(`${dir}${n}/`) : [dir + n]));
}
const project = list('').map((path) => ({ path, content: readFileSync(root + path, 'utf8') }));

interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path: string; line: number; column?: number }; name: string }>;
  metrics: { entries: string[] };
}
const dead = async (files: unknown, options?: unknown) => structured<Out>(await runTool(findDeadCode, { files, options }));

describe('quality_find_dead_code', () => {
  it('finds unused files, exports, types, unreachable code and private members', async () => {
    const out = await dead(project);
    expect(out.metrics.entries).toEqual(['src/index.ts', 'test/format.test.ts']);
    expect(out.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.name}`)).toEqual([
      'unused-type src/api/client.ts:1 ClientOptions',
      'unused-export src/api/client.ts:12 createMockClient',
      'unused-export src/api/retry.ts:2 RETRY_BACKOFF_MS',
      'no-unused-private-class-members src/cache.ts:3 #hits',
      'no-unused-private-class-members src/cache.ts:4 createdAt',
      'no-unused-private-class-members src/cache.ts:19 #evict',
      'unused-type src/types.ts:6 LegacySettings',
      "no-unreachable src/utils/format.ts:10 console.log('unreachable');",
      'unused-file src/utils/legacy.ts:1 src/utils/legacy.ts',
    ]);
  });

  it('counts namespace, dynamic and side-effect imports and barrels as uses', async () => {
    const out = await dead(project);
    const flagged = new Set(out.findings.map((f) => f.location.path));
    for (const p of ['src/polyfills.ts', 'src/plugins/loader.ts', 'src/plugins/csv.ts', 'src/index.ts']) expect(flagged.has(p)).toBe(false);
    expect(out.findings.some((f) => f.name === 'createClient' || f.name === 'RETRY_LIMIT' || f.name === 'formatDuration')).toBe(false);
  });

  it('honours custom entries', async () => {
    const out = await dead(project, { entries: ['src/utils/legacy.ts'] });
    expect(out.findings.some((f) => f.ruleId === 'unused-file' && f.location.path === 'src/utils/legacy.ts')).toBe(false);
    expect(out.findings.some((f) => f.ruleId === 'unused-file' && f.location.path === 'src/index.ts')).toBe(true);
  });

  it('is silent on a fully used project', async () => {
    const clean = [
      { path: 'src/index.ts', content: "import { add } from './math';\nexport const sum = (xs: number[]) => xs.reduce(add, 0);\n" },
      { path: 'src/math.ts', content: 'export function add(a: number, b: number) {\n  return a + b;\n}\n' },
    ];
    expect((await dead(clean)).findings).toEqual([]);
    expect(resultText(await runTool(findDeadCode, { files: clean }))).toContain('| src/math.ts |  | yes | 1 | 0 |');
  });

  it('fails on the first file that does not parse, naming it', async () => {
    const reply = await runTool(findDeadCode, { files: [...project, { path: 'src/broken.ts', content: 'export const = 1;\n' }] });
    expect(resultText(reply)).toMatch(/^src\/broken\.ts: line 1, column 14: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(findDeadCode, { files: [{ path: '', content: '' }] }))).toMatch(/^Invalid arguments: files\[0\]\.path/);
  });
});
