import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { detectBlockingCodeTool } from './detect-blocking-code.tool';

/**
 * Differential test against ESLint's no-await-in-loop and eslint-plugin-n's no-sync
 * (allowAtRootLevel) on JavaScript shipped in installed packages. eslint-plugin-n reports every
 * `*Sync` call; the tool only those of fs, crypto, zlib and child_process (TOOLS.md), so the
 * anchor's extra no-sync findings are counted, not failed.
 */
const require = createRequire(import.meta.url);
const NM = join(process.cwd(), '../../../node_modules');
type LinterT = new (o?: Record<string, unknown>) => { verify(code: string, config: unknown[], file: string): { ruleId: string | null; line: number; fatal?: boolean }[] };
let Linter: LinterT | undefined;
let pluginN: unknown;

const DIRS = ['npm-package-json-lint/dist', 'knip/dist/util', 'dependency-cruiser/src/cli', 'lockfile-lint/src', 'publint/src', 'wrangler/templates', 'nx/src/utils', '@nx/js/src/utils', 'jest-runtime/build', 'tsx/dist'].filter((d) => existsSync(join(NM, d)));

function jsFiles(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (e === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(c|m)?js$/.test(e) && statSync(p).size < 200_000 && out.length < limit) out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('node_detect_blocking_code vs ESLint no-await-in-loop and n/no-sync', () => {
  beforeAll(async () => {
    try {
      Linter = (require('eslint') as { Linter: LinterT }).Linter;
      pluginN = ((await import('eslint-plugin-n')) as { default: unknown }).default; // ESM-only package
    } catch {
      Linter = undefined;
      console.log('eslint or eslint-plugin-n is not installed: skipping the differential test of node_detect_blocking_code');
    }
  });

  it('agrees on JavaScript from installed packages', async () => {
    if (!Linter) return;
    const linter = new Linter!({ configType: 'flat' });
    const totals = { files: 0, skipped: 0, await: { both: 0, anchorOnly: 0, oursOnly: 0 }, sync: { both: 0, anchorOnly: 0, oursOnly: 0 } };
    const examples: string[] = [];
    for (const dir of DIRS) {
      for (const file of jsFiles(join(NM, dir), 40)) {
        const code = readFileSync(file, 'utf8');
        const sourceType = file.endsWith('.mjs') || /^\s*(import|export)\s/m.test(code) ? 'module' : 'commonjs';
        const config = [{ plugins: { n: pluginN }, languageOptions: { ecmaVersion: 'latest', sourceType }, rules: { 'no-await-in-loop': 'error', 'n/no-sync': ['error', { allowAtRootLevel: true }] } }];
        // A relative name: flat config ignores files outside the working directory.
        const theirs = linter.verify(code, config, file.endsWith('.mjs') ? 'file.mjs' : file.endsWith('.cjs') ? 'file.cjs' : 'file.js');
        const reply = await runTool(detectBlockingCodeTool, { content: code });
        if (theirs.some((m) => m.fatal) || reply.isError) {
          totals.skipped++;
          continue;
        }
        totals.files++;
        const ours = structured<Envelope>(reply).findings;
        for (const [rule, anchorRule, key] of [['no-await-in-loop', 'no-await-in-loop', 'await'], ['no-sync', 'n/no-sync', 'sync']] as const) {
          const a = theirs.filter((m) => m.ruleId === anchorRule).map((m) => m.line);
          const o = ours.filter((f) => f.ruleId === rule).map((f) => f.location!.line);
          for (const line of o) {
            const i = a.indexOf(line);
            if (i >= 0) {
              totals[key].both++;
              a.splice(i, 1);
            } else {
              totals[key].oursOnly++;
              if (examples.length < 10) examples.push(`ours only ${rule} ${file.slice(NM.length + 1)}:${line}`);
            }
          }
          totals[key].anchorOnly += a.length;
          if (rule === 'no-await-in-loop') for (const line of a) if (examples.length < 10) examples.push(`anchor only ${rule} ${file.slice(NM.length + 1)}:${line}`);
        }
      }
    }
    console.log(`ESLint agreement: ${JSON.stringify(totals)}\n${examples.join('\n')}`);
    expect(totals.files).toBeGreaterThan(50);
    expect(totals.await.anchorOnly + totals.await.oursOnly).toBe(0);
    expect(totals.sync.oursOnly).toBe(0);
  }, 300_000);
});
