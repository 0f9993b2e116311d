import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { mutationSites } from './mutation-sites.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
interface F {
  ruleId: string;
  location: { line: number; column: number };
  original: string;
  replacements: string[];
  covered?: boolean;
}
interface Out {
  findings: F[];
  metrics: { sites: number; mutants: number; byMutator: Record<string, number>; coveredSites?: number };
}
const run = async (args: Record<string, unknown>) => structured<Out>(await runTool(mutationSites, { content: fixture('discount.ts'), ...args }));

describe('quality_mutation_sites', () => {
  it("lists Stryker's default mutants where Stryker applies them", async () => {
    const out = await run({});
    const rows = out.findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.original} => ${f.replacements.join(' | ')}`);
    // The same mutants, at the same positions, as @stryker-mutator/instrumenter 9.6 lists for this file.
    expect(rows).toEqual([
      '7:51 BlockStatement { ... } => {}',
      '8:10 ArithmeticOperator item.price * item.quantity => item.price / item.quantity',
      '11:79 BlockStatement { ... } => {}',
      '13:19 ConditionalExpression i < items.length => false',
      '13:19 EqualityOperator i < items.length => i <= items.length | i >= items.length',
      '13:37 UpdateOperator i++ => i--',
      '13:42 BlockStatement { ... } => {}',
      '14:5 AssignmentOperator total += lineTotal(items[i]) => total -= lineTotal(items[i])',
      "16:7 ConditionalExpression code === 'SUMMER' && total >= 100 => true | false",
      "16:7 ConditionalExpression code === 'SUMMER' => true",
      "16:7 EqualityOperator code === 'SUMMER' => code !== 'SUMMER'",
      "16:7 LogicalOperator code === 'SUMMER' && total >= 100 => code === 'SUMMER' || total >= 100",
      '16:28 ConditionalExpression total >= 100 => true',
      '16:28 EqualityOperator total >= 100 => total > 100 | total < 100',
      '16:42 BlockStatement { ... } => {}',
      '17:12 ArithmeticOperator total * 0.9 => total / 0.9',
      "20:19 ConditionalExpression items.some((it) => it.tags?.includes('sale')) || false => true | false",
      "20:19 LogicalOperator items.some((it) => it.tags?.includes('sale')) || false => items.some((it) => it.tags?.includes('sale')) && false",
      "20:30 ArrowFunction (it) => it.tags?.includes('sale') => () => undefined",
      '20:68 BooleanLiteral false => true',
      '21:20 ArithmeticOperator total - 5 => total + 5',
      '21:32 ArithmeticOperator -total + total * 2 => -total - total * 2',
      '21:32 UnaryOperator -total => +total',
      '21:41 ArithmeticOperator total * 2 => total / 2',
      '24:23 ArrowFunction (item: LineItem) => item.price === 0 => () => undefined',
      '24:43 ConditionalExpression item.price === 0 => true | false',
      '24:43 EqualityOperator item.price === 0 => item.price !== 0',
    ]);
    // String concatenation ('total: ' + total) and types are never mutated.
    expect(out.findings.some((f) => f.original.includes("'total: '"))).toBe(false);
    expect(out.metrics.sites).toBe(out.findings.length);
    expect(out.metrics.mutants).toBe(out.findings.reduce((n, f) => n + f.replacements.length, 0));
  });

  it('marks sites covered or not from lcov', async () => {
    const out = await run({ coverage: fixture('discount.lcov') });
    expect(out.findings.filter((f) => f.covered === false).map((f) => f.location.line)).toEqual([17, 24, 24, 24]);
    expect(out.metrics.coveredSites).toBe(out.findings.length - 4);
  });

  it('applies the optional mutators when asked', async () => {
    const out = await run({ options: { mutators: ['StringLiteral', 'OptionalChaining', 'MethodExpression'] } });
    expect(out.findings.map((f) => `${f.ruleId} ${f.original}`)).toEqual([
      "StringLiteral 'SUMMER'",
      "StringLiteral 'total: '",
      "MethodExpression items.some((it) => it.tags?.includes('sale'))",
      'OptionalChaining it.tags?.includes',
      "StringLiteral 'sale'",
    ]);
    expect(out.findings[2].replacements).toEqual(["items.every((it) => it.tags?.includes('sale'))"]);
  });

  it('is silent on code with nothing to mutate', async () => {
    const out = structured<Out>(await runTool(mutationSites, { content: "export type Id = string;\nexport const VERSION = '1.0';\n" }));
    expect(out.findings).toEqual([]);
    expect(resultText(await runTool(mutationSites, { content: fixture('discount.ts') }))).toContain('| EqualityOperator | 4 |');
  });

  it('names line and column of a parse error and the invalid field', async () => {
    expect(resultText(await runTool(mutationSites, { content: 'const x = (1 + ;' }))).toMatch(/^line 1, column \d+: /);
    expect(resultText(await runTool(mutationSites, { content: 'x', options: { mutators: ['Bogus'] } }))).toMatch(/^Invalid arguments: options\.mutators\[0\]/);
  });
});
