import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { detectTestSmells } from './detect-test-smells.tool';

// Differential test against eslint-plugin-jest's rules of the same names, on test suites shipped
// in node_modules (zod's Vitest suite, tsconfig-paths' and @jest's Jest suites) and our fixtures.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const RULES = ['no-focused-tests', 'no-disabled-tests', 'expect-expect', 'no-conditional-in-test', 'no-identical-title'];
const dirs = ['node_modules/zod/src/v4/classic/tests', 'node_modules/tsconfig-paths/src/__tests__', 'node_modules/@jest/pattern/src/__tests__', 'node_modules/@jest/snapshot-utils/src/__tests__', 'libs/tools/quality/src/detect-test-smells/fixtures'];
const CORPUS = dirs.filter((d) => existsSync(root + d)).flatMap((d) => readdirSync(root + d).filter((n) => /\.(test|spec)\.[jt]s$/.test(n)).map((n) => `${d}/${n}`));
const available = ['eslint-plugin-jest', 'eslint', 'typescript-eslint'].every((p) => existsSync(`${root}node_modules/${p}/package.json`));
if (!available) console.warn('quality_detect_test_smells differential test skipped: eslint-plugin-jest is not installed');

// eslint-plugin-jest only knows Jest's functions as globals (or from @jest/globals); Vitest suites
// import them from 'vitest', so both sides see the suites with that import removed.
const strip = (code: string) => code.replace(/^import [^;]*? from ['"]vitest['"];?$/gm, '');

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
const [files, rules] = JSON.parse(readFileSync(0, 'utf8'));
const strip = ${strip.toString()};
const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts', '**/*.js'], plugins: { jest }, languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' }, settings: { jest: { version: 29 } }, rules: Object.fromEntries(rules.map((r) => ['jest/' + r, 'error'])) }] });
const out = {};
for (const file of files) {
  const [res] = await eslint.lintText(strip(readFileSync(file, 'utf8')), { filePath: process.cwd() + '/difftest/' + file.replace(/.*\\//, '') });
  out[file] = res.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, message: m.message, fatal: !!m.fatal }));
}
process.stdout.write(JSON.stringify(out));
`;

(available ? describe : describe.skip)('quality_detect_test_smells agrees with eslint-plugin-jest', () => {
  it('per rule, on test suites shipped in node_modules', async () => {
    const theirs = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: root, input: JSON.stringify([CORPUS.map((p) => root + p), RULES]), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, Array<{ ruleId: string | null; line: number; column: number; message: string; fatal: boolean }>>;
    const stats = new Map<string, { both: number; theirs: string[]; ours: string[] }>(RULES.map((r) => [r, { both: 0, theirs: [], ours: [] }]));
    let files = 0;
    for (const p of CORPUS) {
      const all = theirs[root + p] ?? [];
      if (all.some((m) => m.fatal)) continue;
      const msgs = all.filter((m) => m.ruleId?.startsWith('jest/'));
      files++;
      const ours = structured<{ findings: Array<{ ruleId: string; location: { line: number; column: number } }> }>(await runTool(detectTestSmells, { files: [{ path: p, content: strip(readFileSync(root + p, 'utf8')) }] })).findings.filter((f) => RULES.includes(f.ruleId));
      const key = (r: string, l: number) => `${r}@${l}`;
      const theirKeys = new Set(msgs.map((m) => key(String(m.ruleId).replace('jest/', ''), m.line)));
      const ourKeys = new Set(ours.map((f) => key(f.ruleId, f.location.line)));
      for (const m of msgs) {
        const r = String(m.ruleId).replace('jest/', '');
        if (ourKeys.has(key(r, m.line))) stats.get(r)!.both++;
        else stats.get(r)!.theirs.push(`${p}:${m.line}:${m.column} ${m.message}`);
      }
      for (const f of ours) if (!theirKeys.has(key(f.ruleId, f.location.line))) stats.get(f.ruleId)!.ours.push(`${p}:${f.location.line}:${f.location.column}`);
    }
    console.log(`quality_detect_test_smells vs eslint-plugin-jest on ${files} files (compared by rule and line)\n${[...stats].map(([r, s]) => `${r.padEnd(24)} both ${String(s.both).padStart(4)}  jest-only ${String(s.theirs.length).padStart(3)}  ours-only ${String(s.ours.length).padStart(3)}${s.theirs.length ? `\n    missed e.g. ${s.theirs.slice(0, 3).join('\n                ')}` : ''}${s.ours.length ? `\n    extra  e.g. ${s.ours.slice(0, 3).join('\n                ')}` : ''}`).join('\n')}`);
    const t = [...stats.values()].reduce((a, s) => ({ both: a.both + s.both, other: a.other + s.theirs.length + s.ours.length }), { both: 0, other: 0 });
    expect(files).toBeGreaterThan(50);
    expect(t.both / Math.max(1, t.both + t.other)).toBeGreaterThan(0.9);
  }, 180000);
});
