import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { suggestRefactorings } from './suggest-refactorings.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
interface F {
  ruleId: string;
  message: string;
  location: { line: number; endLine: number };
  fix: string;
  function?: string;
}
const suggest = async (content: string, options?: unknown) => structured<{ findings: F[] }>(await runTool(suggestRefactorings, { content, options })).findings;
const src = fixture('checkout.ts');

describe('quality_suggest_refactorings', () => {
  it('suggests Extract Function for a long function, with the block and its inputs', async () => {
    const f = (await suggest(src)).find((x) => x.ruleId === 'extract-function')!;
    expect(f.location).toMatchObject({ line: 4, endLine: 44 });
    expect(f.message).toBe("Function 'checkout' has 41 lines (limit 40): extract lines 5-19 into 'computeUserVerified'.");
    expect(f.fix).toContain('computeUserVerified(user, cart);');
    expect(f.fix).toContain('function computeUserVerified(user, cart) {');
  });

  it('suggests guard clauses for the nested verification ifs', async () => {
    const f = (await suggest(src)).find((x) => x.ruleId === 'replace-nested-conditional-with-guard-clauses')!;
    expect(f.location).toMatchObject({ line: 5, endLine: 19 });
    expect(f.fix).toContain("if (!(user)) {");
    expect(f.fix).toContain("throw new Error('Not signed in');");
    expect(f.fix).toContain('if (!(cart.items.length > 0))');
  });

  it('suggests a parameter object for five parameters', async () => {
    const f = (await suggest(src)).find((x) => x.ruleId === 'introduce-parameter-object')!;
    expect(f.message).toBe("Function 'checkout' takes 5 parameters (limit 4): pass one 'CheckoutOptions' object.");
    expect(f.fix).toContain('interface CheckoutOptions { cart: Cart; user: User; address: Address; couponCode: string; giftWrap: boolean }');
    expect(f.fix).toContain('checkout({ cart, user, address, couponCode, giftWrap });');
  });

  it('decomposes the three-part shipping condition', async () => {
    const f = (await suggest(src)).find((x) => x.ruleId === 'decompose-conditional')!;
    expect(f.location.line).toBe(32);
    expect(f.fix).toContain('const isPremium = user.isPremium;');
    expect(f.fix).toContain('(isPremium && isSubtotal && isAddressCountry)');
  });

  it('names magic numbers after what they are compared with', async () => {
    const magic = (await suggest(src)).filter((x) => x.ruleId === 'replace-magic-number-with-constant');
    expect(magic.map((m) => m.location.line)).toEqual([27, 31, 32, 32, 32, 33]);
    expect(magic.find((m) => m.fix.includes('SUBTOTAL_50'))!.fix).toContain('const SUBTOTAL_50 = 50;');
  });

  it('is silent on short, flat code', async () => {
    const clean = "export function area(w: number, h: number): number {\n  if (w < 0 || h < 0) throw new RangeError('negative size');\n  return w * h;\n}\n";
    expect(await suggest(clean)).toEqual([]);
    expect(resultText(await runTool(suggestRefactorings, { content: src }))).toContain('| extract-function | 4-44 | checkout |');
  });

  it('names line and column of a parse error', async () => {
    expect(resultText(await runTool(suggestRefactorings, { content: 'if (a {\n}' }))).toMatch(/^line 1, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(suggestRefactorings, { content: 'x', options: { minNesting: 1 } }))).toMatch(/^Invalid arguments: options\.minNesting/);
  });
});
