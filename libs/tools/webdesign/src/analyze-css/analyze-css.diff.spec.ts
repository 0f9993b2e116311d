import { readFileSync } from 'node:fs';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { analyzeCss } from './analyze-css.tool';
import { realPages } from '../shared/testing/real-pages';

/**
 * Differential test against stylelint 18 (the anchor) on stylesheets shipped in installed npm
 * and Debian packages: same rule, same line. Skipped with a message when stylelint is absent.
 */
const RULES = [
  'declaration-block-no-duplicate-properties',
  'no-duplicate-selectors',
  'property-no-unknown',
  'property-no-vendor-prefix',
  'value-no-vendor-prefix',
  'selector-no-vendor-prefix',
  'at-rule-no-vendor-prefix',
  'media-feature-name-no-vendor-prefix',
];

let stylelint: { lint(o: unknown): Promise<{ results: { warnings: { rule: string; line: number; column: number; text: string }[] }[] }> } | undefined;
try {
  stylelint = (await import('stylelint')).default as never;
} catch {
  console.warn('stylelint differential test skipped: stylelint is not installed (npm i -D stylelint)');
}
const d = stylelint ? describe : describe.skip;

d('web_analyze_css agrees with stylelint', () => {
  it('reports the same rule on the same line for real-world stylesheets', async () => {
    const files = realPages({ ext: /\.css$/, max: 40, perDir: 3, maxBytes: 300_000 }).filter((f) => !f.endsWith('.min.css'));
    expect(files.length).toBeGreaterThan(0);
    const tally: Record<string, { both: number; stylelintOnly: number; oursOnly: number; examples: string[] }> = {};
    const bump = (rule: string, key: 'both' | 'stylelintOnly' | 'oursOnly', ex?: string) => {
      const t = (tally[rule] ??= { both: 0, stylelintOnly: 0, oursOnly: 0, examples: [] });
      t[key]++;
      if (ex && t.examples.length < 5) t.examples.push(ex);
    };
    const unparsed: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const config = { rules: Object.fromEntries(RULES.map((r) => [r, true])) };
      const theirs = (await stylelint!.lint({ code, config })).results[0].warnings.filter((w) => RULES.includes(w.rule));
      const reply = await runTool(analyzeCss, { content: code });
      if (reply.isError) {
        unparsed.push(`${file}: ${reply.content[0].text}`);
        continue;
      }
      const ours = structured<{ findings: Finding[] }>(reply).findings;
      const key = (rule: string, line: number) => `${rule}@${line}`;
      const theirKeys = theirs.map((w) => key(w.rule, w.line));
      const ourKeys = ours.map((f) => key(f.ruleId, f.location!.line));
      const short = file.replace(/^.*\/(doc|node_modules|javascript)\//, '');
      const remaining = [...ourKeys];
      for (const k of theirKeys) {
        const i = remaining.indexOf(k);
        if (i >= 0) {
          remaining.splice(i, 1);
          bump(k.split('@')[0], 'both');
        } else bump(k.split('@')[0], 'stylelintOnly', `${short}:${k.split('@')[1]}`);
      }
      for (const k of remaining) bump(k.split('@')[0], 'oursOnly', `${short}:${k.split('@')[1]}`);
    }
    console.log(`stylelint vs web_analyze_css on ${files.length} stylesheets (${unparsed.length} refused):\n${JSON.stringify({ tally, unparsed }, null, 1)}`);
    // Every stylesheet stylelint reads, we read too.
    expect(unparsed).toEqual([]);
    for (const rule of RULES) {
      const t = tally[rule];
      if (!t) continue;
      expect({ rule, stylelintOnly: t.stylelintOnly, oursOnly: t.oursOnly }).toEqual({ rule, stylelintOnly: 0, oursOnly: 0 });
    }
  }, 120_000);
});
