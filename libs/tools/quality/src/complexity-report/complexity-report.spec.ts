import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { complexityReport } from './complexity-report.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Fn {
  name: string;
  line: number;
  endLine: number;
  cyclomatic: number;
  cognitive: number;
  params: number;
  nestingDepth: number;
  sloc: number;
  halstead: { length: number; volume: number; effort: number };
  maintainability: number;
}
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { line: number } }>;
  metrics: { functions: Fn[]; cyclomatic: number; cognitive: number; maintainability: number };
}

describe('quality_complexity_report', () => {
  const source = fixture('order-service.ts');

  it('measures every function, named as written', async () => {
    const out = structured<Out>(await runTool(complexityReport, { content: source }));
    const byName = Object.fromEntries(out.metrics.functions.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(['OrderService.constructor', 'OrderService.price', 'OrderService.place', 'shippingZone', 'formatTotal']);
    // price: for-of, if, if(?.), &&, ?. , else-if, &&, ternary => 1 + 8
    expect(byName['OrderService.price'].cyclomatic).toBe(9);
    // cognitive: for 1, if 2 (nested), continue 0, if 1, && 1, else-if 1, && 1, ?: 1
    expect(byName['OrderService.price'].cognitive).toBe(8);
    expect(byName['OrderService.place'].cyclomatic).toBe(4); // default param, catch, if
    expect(byName['OrderService.place'].params).toBe(3);
    expect(byName.shippingZone.nestingDepth).toBe(5); // switch > if > if > for > if
    expect(byName.formatTotal).toMatchObject({ cyclomatic: 1, cognitive: 0, params: 1, sloc: 1 });
    expect(byName.formatTotal.halstead.length).toBeGreaterThan(0);
    expect(out.metrics.cyclomatic).toBe(out.metrics.functions.reduce((s, f) => s + f.cyclomatic, 0));
    expect(out.metrics.maintainability).toBeLessThan(171);
  });

  it('reports functions above the cyclomatic and cognitive limits', async () => {
    const out = structured<Out>(await runTool(complexityReport, { content: source }));
    expect(out.findings.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['cognitive-complexity', 38],
      ['complexity', 38],


    ]);
    expect(out.findings[0].message).toContain("'shippingZone'");
    const text = resultText(await runTool(complexityReport, { content: source }));
    expect(text).toContain('| shippingZone | 38 |');
  });

  it('stays silent on simple code and honours raised limits', async () => {
    const out = structured<Out>(await runTool(complexityReport, { content: source, options: { maxCyclomatic: 50, maxCognitive: 50 } }));
    expect(out.findings).toEqual([]);
    const simple = structured<Out>(await runTool(complexityReport, { content: 'export function add(a, b) {\n  return a + b;\n}\n' }));
    expect(simple.findings).toEqual([]);
  });

  it('names line and column of a parse error', async () => {
    const reply = await runTool(complexityReport, { content: 'function f() {\n  return (1 + ;\n}\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 2, column 15: Unexpected token/);
  });

  it('names the invalid field', async () => {
    const reply = await runTool(complexityReport, { content: 'x', options: { maxCyclomatic: 'high' } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.maxCyclomatic/);
  });
});
