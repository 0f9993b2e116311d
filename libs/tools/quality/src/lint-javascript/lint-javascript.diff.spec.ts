import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { parseModule } from '../shared/parse';
import { lintJavascript } from './lint-javascript.tool';

// Differential test: ESLint 9 itself, with only the ported rules on, over JavaScript that ships
// inside installed npm packages. Agreement per rule is printed and recorded in the README.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const runner = fileURLToPath(new URL('./eslint-runner.mjs', import.meta.url));
const CORPUS = [
  'node_modules/semver/classes/range.js',
  'node_modules/semver/classes/semver.js',
  'node_modules/semver/functions/coerce.js',
  'node_modules/semver/internal/re.js',
  'node_modules/yaml/dist/compose/compose-collection.js',
  'node_modules/yaml/dist/parse/lexer.js',
  'node_modules/yaml/dist/stringify/stringifyString.js',
  'node_modules/yaml/dist/doc/Document.js',
  'node_modules/pino/lib/tools.js',
  'node_modules/pino/lib/proto.js',
  'node_modules/pino/browser.js',
  'node_modules/minimatch/dist/commonjs/index.js',
  'node_modules/ajv/lib/compile/index.ts'.replace('.ts', '.js'),
  'node_modules/debug/src/common.js',
  'node_modules/commander/lib/command.js',
  'node_modules/ws/lib/websocket.js',
  'node_modules/ws/lib/receiver.js',
  'node_modules/eslint/lib/rules/no-unused-vars.js',
  'node_modules/eslint/lib/linter/code-path-analysis/code-path-analyzer.js',
  'node_modules/esquery/dist/esquery.esm.js',
  'node_modules/acorn/dist/acorn.mjs',
  'node_modules/glob/dist/esm/glob.js',
  'node_modules/chalk/source/index.js',
  'node_modules/@babel/generator/lib/printer.js',
  'node_modules/typescript/lib/lib.d.ts'.replace('lib.d.ts', 'watchGuard.js'),
  'node_modules/js-yaml/lib/loader.js',
  'node_modules/argparse/argparse.js',
  'node_modules/fast-glob/out/managers/tasks.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/hono/dist/router/trie-router/node.js',
  // Our own fixture, so that every rule occurs at least once in the comparison.
  'libs/tools/quality/src/lint-javascript/fixtures/cart.js',
].filter((p) => existsSync(root + p) && statSync(root + p).size < 600_000);

const available = existsSync(`${root}node_modules/eslint/package.json`) && existsSync(`${root}node_modules/globals/package.json`);
if (!available) console.warn('quality_lint_javascript differential test skipped: eslint is not installed');

interface Msg {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  fatal: boolean;
}

(available ? describe : describe.skip)('quality_lint_javascript agrees with ESLint 9', () => {
  it('per rule, on JavaScript shipped in node_modules', async () => {
    const kinds = CORPUS.map((p) => {
      try {
        return parseModule(readFileSync(root + p, 'utf8')).ast.program.sourceType;
      } catch {
        return 'unparsable';
      }
    });
    const files = CORPUS.filter((_, i) => kinds[i] !== 'unparsable');
    const mod = files.filter((p) => kinds[CORPUS.indexOf(p)] === 'module').map((p) => root + p);
    const script = files.filter((p) => kinds[CORPUS.indexOf(p)] === 'script').map((p) => root + p);
    const eslint = JSON.parse(execFileSync(process.execPath, [runner], { cwd: root, input: JSON.stringify([mod, script]), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as Record<string, Msg[]>;
    const stats = new Map<string, { both: number; eslintOnly: string[]; oursOnly: string[] }>();
    const stat = (rule: string) => stats.get(rule) ?? stats.set(rule, { both: 0, eslintOnly: [], oursOnly: [] }).get(rule)!;
    for (const p of files) {
      const theirs = (eslint[root + p] ?? []).filter((m) => m.fatal || m.ruleId !== null);
      if (theirs.some((m) => m.fatal)) continue;
      const ours = structured<{ findings: Array<{ ruleId: string; location: { line: number; column: number } }> }>(
        await runTool(lintJavascript, { content: readFileSync(root + p, 'utf8'), options: { env: ['node'] } }),
      ).findings;
      const key = (r: string | null, l: number, c: number) => `${r}@${l}:${c}`;
      const theirKeys = new Set(theirs.map((m) => key(m.ruleId, m.line, m.column)));
      const ourKeys = new Set(ours.map((f) => key(f.ruleId, f.location.line, f.location.column)));
      for (const m of theirs) {
        if (ourKeys.has(key(m.ruleId, m.line, m.column))) stat(m.ruleId!).both++;
        else stat(m.ruleId!).eslintOnly.push(`${p}:${m.line}:${m.column} ${m.message}`);
      }
      for (const f of ours) if (!theirKeys.has(key(f.ruleId, f.location.line, f.location.column))) stat(f.ruleId).oursOnly.push(`${p}:${f.location.line}:${f.location.column}`);
    }
    const rows = [...stats.entries()].sort().map(([rule, s]) => `${rule.padEnd(22)} both ${String(s.both).padStart(4)}  eslint-only ${String(s.eslintOnly.length).padStart(3)}  ours-only ${String(s.oursOnly.length).padStart(3)}${s.eslintOnly.length ? `\n    missed e.g. ${s.eslintOnly.slice(0, 3).join('\n               ')}` : ''}${s.oursOnly.length ? `\n    extra  e.g. ${s.oursOnly.slice(0, 3).join('\n               ')}` : ''}`);
    console.log(`quality_lint_javascript vs eslint on ${files.length} files\n${rows.join('\n')}`);
    const total = [...stats.values()].reduce((a, s) => ({ both: a.both + s.both, miss: a.miss + s.eslintOnly.length, extra: a.extra + s.oursOnly.length }), { both: 0, miss: 0, extra: 0 });
    expect(files.length).toBeGreaterThan(15);
    // Agreement on at least 95% of the union of findings.
    expect(total.both / Math.max(1, total.both + total.miss + total.extra)).toBeGreaterThan(0.95);
  }, 120000);
});
