import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { parseModule } from '../shared/parse';
import { walk } from '@mcp/core-js';
import { checkRegexSafety } from './check-regex-safety.tool';

// Differential test against recheck itself, on every regex literal found in JavaScript shipped in
// node_modules: same verdict (safe / vulnerable) and, when vulnerable, same complexity class.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const SOURCES = [
  'node_modules/semver/internal/re.js',
  'node_modules/yaml/dist/parse/lexer.js',
  'node_modules/yaml/dist/schema/yaml-1.1/timestamp.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/picomatch/lib/constants.js',
  'node_modules/commander/lib/command.js',
  'node_modules/acorn/dist/acorn.mjs',
  'node_modules/esquery/dist/esquery.esm.js',
  'node_modules/js-yaml/lib/type/timestamp.js',
  'node_modules/js-yaml/lib/type/float.js',
  'node_modules/@babel/generator/lib/printer.js',
  'node_modules/debug/src/common.js',
  'node_modules/ws/lib/validation.js',
  'node_modules/minimatch/dist/commonjs/index.js',
  'node_modules/hono/dist/utils/url.js',
  'node_modules/hono/dist/router/reg-exp-router/node.js',
  'node_modules/chalk/source/index.js',
  'node_modules/glob/dist/esm/glob.js',
].filter((p) => existsSync(root + p));
const available = existsSync(`${root}node_modules/recheck/package.json`);
if (!available) console.warn('quality_check_regex_safety differential test skipped: recheck is not installed');

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { checkSync } from 'recheck';
const list = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(list.map(([s, f]) => { const r = checkSync(s, f, { timeout: 5000 }); return { status: r.status, type: r.complexity?.type ?? null }; })));
`;

(available ? describe : describe.skip)('quality_check_regex_safety agrees with recheck', () => {
  it('on regex literals shipped in node_modules', async () => {
    const seen = new Set<string>();
    const regexes: Array<[string, string]> = [];
    for (const p of SOURCES) {
      walk(parseModule(readFileSync(root + p, 'utf8')).ast.program, {
        enter(n) {
          if (n.type === 'RegExpLiteral' && !seen.has(`${n.pattern}/${n.flags}`)) {
            seen.add(`${n.pattern}/${n.flags}`);
            regexes.push([n.pattern, n.flags.replace(/[gy]/g, '')]);
          }
        },
      });
    }
    const theirs = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: root, input: JSON.stringify(regexes), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600000 })) as Array<{ status: string; type: string | null }>;
    const matrix = new Map<string, number>();
    const diffs: string[] = [];
    let compared = 0;
    let agree = 0;
    for (const [i, [source, flags]] of regexes.entries()) {
      const reply = await runTool(checkRegexSafety, { content: source, options: { flags } });
      if (reply.isError) continue; // patterns valid for V8 but not for our parser settings
      const ours = structured<{ metrics: { status: string; complexity: { type: string } } }>(reply).metrics;
      const t = theirs[i];
      const key = `recheck ${t.status}${t.type && t.status === 'vulnerable' ? `/${t.type}` : ''} -> ours ${ours.status}${ours.status === 'vulnerable' ? `/${ours.complexity.type}` : ''}`;
      matrix.set(key, (matrix.get(key) ?? 0) + 1);
      if (t.status === 'unknown') continue;
      compared++;
      const same = t.status === ours.status && (t.status !== 'vulnerable' || t.type === ours.complexity.type);
      if (same) agree++;
      else diffs.push(`/${source}/${flags}: ${key}`);
    }
    console.log(`check_regex_safety vs recheck on ${regexes.length} regexes (${compared} with a recheck verdict): ${agree} agree\n${[...matrix].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n${diffs.slice(0, 12).join('\n')}`);
    expect(regexes.length).toBeGreaterThan(100);
    expect(agree / compared).toBeGreaterThan(0.85);
  }, 900000);
});
