import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { detectTestSmells } from './detect-test-smells.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path?: string; line: number; column: number } }>;
}
const smells = async (args: unknown) => structured<Out>(await runTool(detectTestSmells, args));

describe('quality_detect_test_smells', () => {
  it('finds every smell in a Jest file', async () => {
    const out = await smells({ files: [{ path: 'test/cart.test.js', content: fixture('cart.test.js') }] });
    expect(out.findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId}`)).toEqual([
      '13:31 magic-number-test',
      '14:38 magic-number-test',
      '17:6 no-focused-tests',
      '23:28 expect-expect',
      '28:3 no-identical-title',
      '30:11 sleepy-test',
      '31:5 no-conditional-in-test',
      '38:3 no-disabled-tests',
      '44:5 sleepy-test',
      '50:3 expect-expect',
      '50:3 no-disabled-tests',
      '52:12 no-disabled-tests',
    ]);
    expect(out.findings[0].message).toBe("Magic number 3 in an assertion of 'adds items'. (test/cart.test.js)");
    expect(out.findings.find((f) => f.ruleId === 'no-identical-title')!.message).toContain("title 'adds items' is used again (first at line 11)");
  });

  it('is silent on clean Vitest (fake timers, each-tables) and Mocha/chai/sinon files', async () => {
    const out = await smells({
      files: [
        { path: 'test/pricing.spec.ts', content: fixture('pricing.spec.ts') },
        { path: 'test/user.spec.js', content: fixture('user.spec.js') },
      ],
    });
    expect(out.findings).toEqual([]);
    expect(resultText(await runTool(detectTestSmells, { content: fixture('pricing.spec.ts') }))).toContain('| (content) | 4 | 0 |');
  });

  it('names the file, line and column of a parse error', async () => {
    expect(resultText(await runTool(detectTestSmells, { files: [{ path: 'a.test.js', content: "it('x', () => {\n  expect(1).toBe(1)\n" }] }))).toMatch(/^a\.test\.js: line 3, column 1: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(detectTestSmells, { files: [{ path: 'a.test.js' }] }))).toMatch(/^Invalid arguments: files\[0\]\.content/);
  });
});
