import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { lintJavascript } from './lint-javascript.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { line: number; column: number } }>;
}
const lintOf = async (content: string, options?: unknown) => structured<Out>(await runTool(lintJavascript, { content, options }));
const pairs = (o: Out) => o.findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`);

describe('quality_lint_javascript', () => {
  it('reports every rule on a realistic module, at ESLint positions', async () => {
    const out = await lintOf(fixture('cart.js'));
    // Exactly what `eslint` 9.39 prints for this file with only these rules on.
    expect(pairs(out)).toEqual([
      "1:23 no-unused-vars 'roundTo' is defined but never used.",
      "5:7 no-unused-vars 'unusedLimit' is assigned a value but never used.",
      "7:42 no-unused-vars 'options' is defined but never used.",
      "10:18 eqeqeq Expected '===' and instead saw '=='.",
      '15:7 no-cond-assign Expected a conditional expression and instead saw an assignment.',
      "15:16 no-undef 'findCoupon' is not defined.",
      '18:7 no-self-compare Comparing to itself is potentially pointless.',
      '21:7 use-isnan Use the isNaN function to compare with NaN.',
      '25:3 no-unreachable Unreachable code.',
      "32:5 no-fallthrough Expected a 'break' statement before 'case'.",
      '34:5 no-duplicate-case Duplicate case label.',
      "44:3 no-dupe-keys Duplicate key 'currency'.",
      '45:14 no-sparse-arrays Unexpected comma in middle of array.',
      '49:24 valid-typeof Invalid typeof comparison value.',
      "54:12 no-unused-vars 'err' is defined but never used.",
      '54:17 no-empty Empty block statement.',
      '56:5 no-unsafe-finally Unsafe usage of ReturnStatement.',
      "62:9 no-undef 'checkQueue' is not defined.",
      '64:7 no-constant-condition Unexpected constant condition.',
      "65:5 no-undef 'console' is not defined.",
    ]);
  });

  it('is silent on clean TSX (types, JSX, falls-through comment, commented block)', async () => {
    expect(pairs(await lintOf(fixture('clean.tsx')))).toEqual([]);
  });

  it('knows environment and declared globals', async () => {
    const src = "export function log(x) {\n  console.log(x, process.env.NODE_ENV);\n}\n";
    expect(pairs(await lintOf(src)).map((p) => p.split(' ')[1])).toEqual(['no-undef', 'no-undef']);
    expect(pairs(await lintOf(src, { env: ['node'] }))).toEqual([]);
    expect(pairs(await lintOf(src, { globals: ['console', 'process'] }))).toEqual([]);
    expect(pairs(await lintOf(`/* global console, process */\n${src}`))).toEqual([]);
  });

  it('follows after-used for parameters and ignores self-references', async () => {
    const src = [
      'export function handler(req, res, next) {',
      '  res.send(1);',
      '}',
      'function retry(n) {',
      '  if (n > 0) retry(n - 1);',
      '}',
      'let counter = 0;',
      'counter += 1;',
      'export const arr = [1, 2].map((x, i) => i);',
    ].join('\n');
    expect(pairs(await lintOf(src))).toEqual([
      "3:1 no-unused-vars 'next' is defined but never used.".replace('3:1', '1:35'),
      "4:10 no-unused-vars 'retry' is defined but never used.",
      "8:1 no-unused-vars 'counter' is assigned a value but never used.",
    ]);
  });

  it('names line and column of a parse error', async () => {
    const reply = await runTool(lintJavascript, { content: 'const a = {\n  b: 1,,\n};\n' });
    expect(resultText(reply)).toMatch(/^line 2, column 8: Unexpected token/);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(lintJavascript, { content: 'x', options: { env: ['dos'] } }))).toMatch(/^Invalid arguments: options\.env\[0\]/);
  });
});
