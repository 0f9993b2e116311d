import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { suggestTestCases } from './suggest-test-cases.tool';

const src = readFileSync(new URL('./fixtures/shipping.ts', import.meta.url), 'utf8');
interface Case {
  function: string;
  title: string;
  kind: string;
  input: Record<string, unknown>;
  expected: string;
}
interface Out {
  findings: unknown[];
  artifacts: { cases: Case[]; skeleton: string };
}
const suggest = async (options?: unknown) => structured<Out>(await runTool(suggestTestCases, { content: src, options }));

describe('quality_suggest_test_cases', () => {
  it('derives branch, boundary, throw, early-return and switch cases', async () => {
    const out = await suggest({ function: 'shippingCost' });
    const rows = out.artifacts.cases.map((c) => `${c.kind} ${JSON.stringify(c.input)} -> ${c.expected}`);
    expect(rows).toEqual([
      'throws {"weightKg":31.6} -> throws "Parcel too heavy for standard shipping"',
      'branch-false {"weightKg":31.4} -> continues after the condition',
      'boundary {"weightKg":31.4} -> continues after the condition',
      'boundary {"weightKg":31.5} -> continues after the condition',
      'boundary {"weightKg":31.6} -> throws "Parcel too heavy for standard shipping"',
      'branch-true {"subtotal":50} -> returns 0',
      'branch-false {"subtotal":49} -> continues after the condition',
      'boundary {"subtotal":49} -> continues after the condition',
      'boundary {"subtotal":50} -> returns 0',
      'boundary {"subtotal":51} -> returns 0',
      'early-return {"subtotal":50} -> returns 0',
      'switch-case {"country":"DE"} -> returns 4.9',
      'switch-case {"country":"AT"} -> returns 6.9',
      'default {"country":"<other country>"} -> returns 14.9',
    ]);
    expect(out.findings).toEqual([]);
  });

  it('writes a Jest skeleton asserting thrown messages and returned values', async () => {
    const { skeleton } = (await suggest({ function: 'shippingCost' })).artifacts;
    expect(skeleton).toContain("describe('shippingCost', () => {");
    expect(skeleton).toContain('expect(() => shippingCost(undefined /* subtotal */, 31.6)).toThrow("Parcel too heavy for standard shipping");');
    expect(skeleton).toContain('const result = shippingCost(50);');
    expect(skeleton).toContain('expect(result).toBe(0);');
    expect(skeleton).not.toContain("from 'vitest'");
  });

  it('writes Vitest and Mocha skeletons, with rejects for async functions', async () => {
    const vitest = (await suggest({ function: 'reserveStock', framework: 'vitest' })).artifacts.skeleton;
    expect(vitest.startsWith("import { describe, it, expect } from 'vitest';")).toBe(true);
    expect(vitest).toContain('await expect(reserveStock(undefined /* sku */, 0)).rejects.toThrow("Invalid quantity for ");');
    const mocha = (await suggest({ function: 'reserveStock', framework: 'mocha' })).artifacts.skeleton;
    expect(mocha).toContain("import { expect } from 'chai';");
    expect(mocha).toContain('.to.be.rejectedWith(');
  });

  it('covers every top-level function by default and renders the matrix', async () => {
    const out = await suggest();
    expect([...new Set(out.artifacts.cases.map((c) => c.function))]).toEqual(['shippingCost', 'reserveStock']);
    expect(resultText(await runTool(suggestTestCases, { content: src }))).toContain('| reserveStock | when quantity <= 0 | throws |');
  });

  it('rejects an unknown function name and names parse errors', async () => {
    expect(resultText(await runTool(suggestTestCases, { content: src, options: { function: 'nope' } }))).toContain("No function named 'nope'; functions: shippingCost, reserveStock");
    expect(resultText(await runTool(suggestTestCases, { content: 'function f( {' }))).toMatch(/^line 1, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(suggestTestCases, { content: src, options: { framework: 'ava' } }))).toMatch(/^Invalid arguments: options\.framework/);
  });
});
