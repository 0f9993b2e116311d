import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { mutationSites } from './mutation-sites.tool';
import { ALL_MUTATORS, DEFAULT_MUTATORS } from './mutators';

// Differential test against Stryker's own instrumenter (@stryker-mutator/instrumenter), which
// lists the mutants Stryker would test: same mutator, same position, same number of mutants.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const CORPUS = [
  'libs/tools/quality/src/mutation-sites/fixtures/discount.ts',
  'libs/tools/quality/src/suggest-refactorings/fixtures/checkout.ts',
  'libs/tools/quality/src/detect-code-smells/fixtures/invoice-report.ts',
  'libs/tools/quality/src/lint-javascript/fixtures/cart.js',
  'node_modules/semver/classes/range.js',
  'node_modules/semver/functions/coerce.js',
  'node_modules/yaml/dist/parse/lexer.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/ws/lib/receiver.js',
  'node_modules/hono/dist/router/trie-router/node.js',
].filter((p) => existsSync(root + p));
const available = existsSync(`${root}node_modules/@stryker-mutator/instrumenter/package.json`);
if (!available) console.warn('quality_mutation_sites differential test skipped: @stryker-mutator/instrumenter is not installed');

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { Instrumenter } from '@stryker-mutator/instrumenter';
const quiet = () => false;
const logger = { isDebugEnabled: quiet, isTraceEnabled: quiet, isInfoEnabled: quiet, isWarnEnabled: quiet, isErrorEnabled: quiet, isFatalEnabled: quiet, debug() {}, trace() {}, info() {}, warn() {}, error() {}, fatal() {} };
const files = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const name of files) {
  const res = await new Instrumenter(logger).instrument([{ name, content: readFileSync(name, 'utf8'), mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] });
  out[name] = res.mutants.map((m) => ({ mutator: m.mutatorName, line: m.location.start.line + 1, column: m.location.start.column + 1 }));
}
process.stdout.write(JSON.stringify(out));
`;

let theirs: Record<string, Array<{ mutator: string; line: number; column: number }>> | undefined;

(available ? describe : describe.skip)('quality_mutation_sites agrees with Stryker', () => {
  it.each([
    ['the default mutators', DEFAULT_MUTATORS, 0.95],
    ['all mutators', ALL_MUTATORS, 0.95],
  ] as const)('per mutator and position, %s', async (_label, mutators, min) => {
    theirs ??= JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: root, input: JSON.stringify(CORPUS.map((p) => root + p)), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const stryker = theirs!;
    const stats = new Map<string, { both: number; stryker: string[]; ours: string[] }>();
    const stat = (m: string) => stats.get(m) ?? stats.set(m, { both: 0, stryker: [], ours: [] }).get(m)!;
    for (const p of CORPUS) {
      const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
      const a = count((stryker[root + p] ?? []).filter((m) => (mutators as readonly string[]).includes(m.mutator)).map((m) => `${m.mutator}@${m.line}:${m.column}`));
      const ours = structured<{ findings: Array<{ ruleId: string; location: { line: number; column: number }; replacements: string[] }> }>(await runTool(mutationSites, { content: readFileSync(root + p, 'utf8'), options: { mutators: [...mutators] } })).findings;
      const b = count(ours.flatMap((f) => f.replacements.map(() => `${f.ruleId}@${f.location.line}:${f.location.column}`)));
      for (const k of new Set([...a.keys(), ...b.keys()])) {
        const [mutator] = k.split('@');
        const x = a.get(k) ?? 0;
        const y = b.get(k) ?? 0;
        stat(mutator).both += Math.min(x, y);
        for (let i = y; i < x; i++) stat(mutator).stryker.push(`${p}:${k.split('@')[1]}`);
        for (let i = x; i < y; i++) stat(mutator).ours.push(`${p}:${k.split('@')[1]}`);
      }
    }
    console.log(`quality_mutation_sites vs Stryker instrumenter (mutants by mutator and position)\n${[...stats].sort().map(([m, s]) => `${m.padEnd(22)} both ${String(s.both).padStart(4)}  stryker-only ${String(s.stryker.length).padStart(3)}  ours-only ${String(s.ours.length).padStart(3)}${s.stryker.length ? `\n    missed e.g. ${s.stryker.slice(0, 3).join(', ')}` : ''}${s.ours.length ? `\n    extra  e.g. ${s.ours.slice(0, 3).join(', ')}` : ''}`).join('\n')}`);
    const t = [...stats.values()].reduce((acc, s) => ({ both: acc.both + s.both, other: acc.other + s.stryker.length + s.ours.length }), { both: 0, other: 0 });
    expect(t.both / Math.max(1, t.both + t.other)).toBeGreaterThan(min);
  }, 180000);
});
