import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { parseModule } from '../shared/parse';
import { complexityReport } from './complexity-report.tool';

// Differential test: ESLint 9's own `complexity` and `max-params` rules (threshold 0, so every
// function is reported with its number) against our per-function metrics, on npm-shipped code.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const runner = fileURLToPath(new URL('../lint-javascript/eslint-runner.mjs', import.meta.url));
const CORPUS = [
  'node_modules/semver/classes/range.js',
  'node_modules/semver/classes/semver.js',
  'node_modules/yaml/dist/parse/lexer.js',
  'node_modules/yaml/dist/compose/resolve-block-scalar.js',
  'node_modules/pino/lib/tools.js',
  'node_modules/ws/lib/receiver.js',
  'node_modules/commander/lib/command.js',
  'node_modules/acorn/dist/acorn.mjs',
  'node_modules/esquery/dist/esquery.esm.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/hono/dist/router/trie-router/node.js',
  'libs/tools/quality/src/complexity-report/fixtures/order-service.ts'.replace('.ts', '.js'),
].filter((p) => existsSync(root + p));
const available = existsSync(`${root}node_modules/eslint/package.json`);
if (!available) console.warn('quality_complexity_report differential test skipped: eslint is not installed');

interface Msg {
  ruleId: string | null;
  line: number;
  message: string;
}

(available ? describe : describe.skip)('quality_complexity_report agrees with ESLint complexity and max-params', () => {
  it('per function, on JavaScript shipped in node_modules', async () => {
    const kinds = CORPUS.map((p) => parseModule(readFileSync(root + p, 'utf8')).ast.program.sourceType);
    const mod = CORPUS.filter((_, i) => kinds[i] === 'module').map((p) => root + p);
    const script = CORPUS.filter((_, i) => kinds[i] === 'script').map((p) => root + p);
    const rules = { complexity: ['error', 0], 'max-params': ['error', 0] };
    const eslint = JSON.parse(execFileSync(process.execPath, [runner], { cwd: root, input: JSON.stringify([mod, script, rules]), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as Record<string, Msg[]>;
    let same = 0;
    let total = 0;
    const diffs: string[] = [];
    for (const p of CORPUS) {
      const theirs = eslint[root + p] ?? [];
      const ours = structured<{ metrics: { functions: Array<{ name: string; line: number; cyclomatic: number; params: number }> } }>(await runTool(complexityReport, { content: readFileSync(root + p, 'utf8') })).metrics.functions;
      // Per line, the sorted lists of values (several functions may start on one line).
      const group = (pairs: Array<[number, number]>) => {
        const m = new Map<number, number[]>();
        for (const [l, v] of pairs) m.set(l, [...(m.get(l) ?? []), v].sort((a, b) => a - b));
        return m;
      };
      const theirCx = group(theirs.filter((m) => m.ruleId === 'complexity' && !/^Class (field initializer|static block)/.test(m.message)).map((m) => [m.line, Number(/complexity of (\d+)/.exec(m.message)![1])]));
      const theirParams = group(theirs.filter((m) => m.ruleId === 'max-params').map((m) => [m.line, Number(/\((\d+)\)/.exec(m.message)![1])]));
      const ourCx = group(ours.map((f) => [f.line, f.cyclomatic]));
      const ourParams = group(ours.filter((f) => f.params > 0).map((f) => [f.line, f.params]));
      for (const [label, a, b] of [['complexity', theirCx, ourCx], ['max-params', theirParams, ourParams]] as const) {
        for (const line of new Set([...a.keys(), ...b.keys()])) {
          total++;
          if (JSON.stringify(a.get(line)) === JSON.stringify(b.get(line))) same++;
          else diffs.push(`${label} ${p}:${line} eslint ${JSON.stringify(a.get(line) ?? [])} ours ${JSON.stringify(b.get(line) ?? [])}`);
        }
      }
    }
    console.log(`complexity/max-params vs eslint: ${same}/${total} function lines agree\n${diffs.slice(0, 15).join('\n')}`);
    expect(same / total).toBeGreaterThan(0.95);
  }, 120000);
});
