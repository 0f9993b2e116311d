import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { lintJsxAccessibility } from './lint-jsx-accessibility.tool';
import { RULE_SUMMARIES } from './jsx-a11y.rules';

/**
 * Differential test against eslint-plugin-jsx-a11y (recommended options) run by ESLint 9:
 * same rule, same line and column. Runs on our fixtures, plus every .jsx/.tsx file under
 * $JSX_A11Y_CORPUS when set (e.g. a checkout of a React component library); skipped with a
 * message when ESLint or the plugin is not installed.
 */
const RULES = Object.keys(RULE_SUMMARIES);
let ESLintClass: (new (o: unknown) => { lintText(code: string, o: { filePath: string }): Promise<{ messages: { ruleId: string | null; line: number; column: number; message: string }[] }[]> }) | undefined;
let plugin: { configs: Record<string, { rules: Record<string, unknown> }> } | undefined;
let tsParser: unknown;
try {
  ESLintClass = (await import('eslint')).ESLint as never;
  plugin = (await import('eslint-plugin-jsx-a11y')).default as never;
  tsParser = (await import('typescript-eslint')).default.parser;
} catch {
  console.warn('jsx-a11y differential test skipped: eslint, eslint-plugin-jsx-a11y or typescript-eslint is not installed');
}
const d = ESLintClass && plugin ? describe : describe.skip;

function corpus(): string[] {
  const fixtures = jsxFiles(fileURLToPath(new URL('./fixtures/', import.meta.url)));
  const root = process.env.JSX_A11Y_CORPUS;
  if (!root || !existsSync(root)) {
    console.log('JSX_A11Y_CORPUS not set: comparing on the fixtures only');
    return fixtures;
  }
  const out = jsxFiles(root);
  // Spread a large corpus evenly over JSX_A11Y_MAX files (default 1000) to bound the run time.
  const max = Number(process.env.JSX_A11Y_MAX ?? 1000);
  const step = Math.max(1, out.length / max);
  return [...fixtures, ...Array.from({ length: Math.min(max, out.length) }, (_, i) => out[Math.floor(i * step)])];
}

function jsxFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'node_modules') walk(p);
      } else if (/\.(jsx|tsx)$/.test(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

d('web_lint_jsx_accessibility agrees with eslint-plugin-jsx-a11y', () => {
  it('reports the same rule at the same position', async () => {
    const recommended = plugin!.configs.recommended.rules;
    const eslint = new ESLintClass!({
      overrideConfigFile: true,
      cwd: '/', // corpus files live outside the project: ESLint ignores files outside its cwd
      overrideConfig: [
        {
          files: ['**/*.{js,jsx,ts,tsx}'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } }, ecmaVersion: 'latest', sourceType: 'module' },
          plugins: { 'jsx-a11y': plugin },
          rules: Object.fromEntries(RULES.map((r) => [`jsx-a11y/${r}`, recommended[`jsx-a11y/${r}`]])),
        },
      ],
    });
    const tally: Record<string, { both: number; pluginOnly: number; oursOnly: number; examples: string[] }> = {};
    const bump = (rule: string, key: 'both' | 'pluginOnly' | 'oursOnly', ex?: string) => {
      const t = (tally[rule] ??= { both: 0, pluginOnly: 0, oursOnly: 0, examples: [] });
      t[key]++;
      if (ex && t.examples.length < 6) t.examples.push(ex);
    };
    const files = corpus();
    let refused = 0;
    let unparsable = 0;
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      // Generated registries over the 1 MiB per-call limit are refused by design, not compared.
      if (Buffer.byteLength(code) > 1024 * 1024) continue;
      const [res] = await eslint.lintText(code, { filePath: file.replace(/\.jsx$/, '.tsx') });
      if (res.messages.some((m) => m.ruleId === null)) {
        unparsable++; // ESLint's parser rejected it: nothing to compare
        continue;
      }
      const reply = await runTool(lintJsxAccessibility, { content: code });
      if (reply.isError) {
        refused++;
        continue;
      }
      const theirs = res.messages.filter((m) => m.ruleId?.startsWith('jsx-a11y/')).map((m) => `${m.ruleId!.slice(9)}@${m.line}:${m.column}`);
      const ours = structured<{ findings: Finding[] }>(reply).findings.map((f) => `${f.ruleId}@${f.location!.line}:${f.location!.column}`);
      const short = file.replace(/^.*\/(fixtures|wd-jsx-corpus)\//, '');
      const left = [...ours];
      for (const k of theirs) {
        const i = left.indexOf(k);
        if (i >= 0) {
          left.splice(i, 1);
          bump(k.split('@')[0], 'both');
        } else bump(k.split('@')[0], 'pluginOnly', `${short}@${k.split('@')[1]}`);
      }
      for (const k of left) bump(k.split('@')[0], 'oursOnly', `${short}@${k.split('@')[1]}`);
    }
    console.log(`eslint-plugin-jsx-a11y vs web_lint_jsx_accessibility on ${files.length} files (${refused} refused by us, ${unparsable} by ESLint):\n${JSON.stringify(tally, null, 1)}`);
    expect(refused).toBe(0);
    for (const rule of RULES) {
      const t = tally[rule];
      if (t) expect({ rule, pluginOnly: t.pluginOnly, oursOnly: t.oursOnly }).toEqual({ rule, pluginOnly: 0, oursOnly: 0 });
    }
  }, 900_000);
});
