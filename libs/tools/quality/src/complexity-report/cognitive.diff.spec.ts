import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { parseModule } from '../shared/parse';
import { complexityReport } from './complexity-report.tool';

// Differential test: eslint-plugin-sonarjs' cognitive-complexity (S3776) with threshold 0 reports
// every function with its cognitive complexity; ours must give the same number per function.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const CORPUS = [
  'node_modules/semver/classes/range.js',
  'node_modules/semver/classes/semver.js',
  'node_modules/yaml/dist/parse/lexer.js',
  'node_modules/yaml/dist/compose/resolve-block-scalar.js',
  'node_modules/pino/lib/tools.js',
  'node_modules/ws/lib/receiver.js',
  'node_modules/commander/lib/command.js',
  'node_modules/esquery/dist/esquery.esm.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/hono/dist/router/trie-router/node.js',
].filter((p) => existsSync(root + p));
const available = existsSync(`${root}node_modules/eslint-plugin-sonarjs/package.json`) && existsSync(`${root}node_modules/eslint/package.json`);
if (!available) console.warn('cognitive complexity differential test skipped: eslint-plugin-sonarjs is not installed');

// A tiny Node script: ESLint with only sonarjs/cognitive-complexity at 0, one JSON line per file.
const SCRIPT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import sonarjs from 'eslint-plugin-sonarjs';
const [files, kinds] = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const [i, file] of files.entries()) {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: { plugins: { sonarjs }, languageOptions: { ecmaVersion: 'latest', sourceType: kinds[i] }, rules: { 'sonarjs/cognitive-complexity': ['error', 0] } } });
  const [res] = await eslint.lintText(readFileSync(file, 'utf8'));
  out[file] = res.messages.filter((m) => m.ruleId).map((m) => ({ line: m.line, n: Number(/from (\\d+) to/.exec(m.message)?.[1]) }));
}
process.stdout.write(JSON.stringify(out));
`;

(available ? describe : describe.skip)('cognitive complexity agrees with eslint-plugin-sonarjs', () => {
  it('per function, on JavaScript shipped in node_modules', async () => {
    const kinds = CORPUS.map((p) => parseModule(readFileSync(root + p, 'utf8')).ast.program.sourceType);
    const theirs = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: root, input: JSON.stringify([CORPUS.map((p) => root + p), kinds]), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, Array<{ line: number; n: number }>>;
    let same = 0;
    let total = 0;
    const diffs: string[] = [];
    for (const p of CORPUS) {
      const ours = structured<{ metrics: { functions: Array<{ line: number; cognitive: number }> } }>(await runTool(complexityReport, { content: readFileSync(root + p, 'utf8') })).metrics.functions;
      const group = (pairs: Array<[number, number]>) => {
        const m = new Map<number, number[]>();
        for (const [l, v] of pairs) m.set(l, [...(m.get(l) ?? []), v].sort((a, b) => a - b));
        return m;
      };
      // S3776 reports only functions above the threshold (> 0).
      const a = group((theirs[root + p] ?? []).filter((m) => m.n !== null).map((m) => [m.line, m.n]));
      const b = group(ours.filter((f) => f.cognitive > 0).map((f) => [f.line, f.cognitive]));
      for (const line of new Set([...a.keys(), ...b.keys()])) {
        total++;
        if (JSON.stringify(a.get(line)) === JSON.stringify(b.get(line))) same++;
        else diffs.push(`${p}:${line} sonarjs ${JSON.stringify(a.get(line) ?? [])} ours ${JSON.stringify(b.get(line) ?? [])}`);
      }
    }
    console.log(`cognitive complexity vs sonarjs: ${same}/${total} function lines agree\n${diffs.slice(0, 15).join('\n')}`);
    expect(same / total).toBeGreaterThan(0.95);
  }, 120000);
});
