import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { detectCircularImportsTool } from './detect-circular-imports.tool';
import { readProject } from '../testing/read-project';

const billing = () => readProject(new URL('./fixtures/billing/', import.meta.url));
const run = async (files: { path: string; content: string }[]) => structured<Envelope>(await runTool(detectCircularImportsTool, { files }));
type Artifacts = { graph: Record<string, string[]>; cycles: string[][]; orphans: string[]; entryPoints: string[] };

describe('node_detect_circular_imports', () => {
  it('finds both cycles of the billing project, with shortest paths from the smallest file', async () => {
    const env = await run(billing());
    const cycles = env.findings.filter((f) => f.ruleId === 'no-circular');
    expect(cycles.map((f) => [f.location?.path, f.location?.line, f.cycle])).toEqual([
      ['src/customers/customer.service.ts', 3, ['src/customers/customer.service.ts', 'src/invoices/invoice.service.ts']],
      ['src/models/line-item.ts', 1, ['src/models/line-item.ts', 'src/models/product.ts', 'src/models/order.ts']],
    ]);
    expect(cycles[1].message).toBe('Circular import: src/models/line-item.ts → src/models/product.ts → src/models/order.ts → src/models/line-item.ts');
    const a = env.artifacts as Artifacts;
    expect(a.cycles).toHaveLength(2);
    expect(a.graph['src/invoices/invoice.service.ts']).toEqual(['src/customers/customer.service.ts', 'src/db/index.ts', 'src/models/order.ts']);
    expect(a.graph['src/legacy/worker.cjs']).toEqual(['src/db/index.ts']);
    expect(a.entryPoints).toEqual(['src/index.ts', 'src/legacy/worker.cjs']);
    expect(resultText(await runTool(detectCircularImportsTool, { files: billing() }))).toContain('| src/customers/customer.service.ts → src/invoices/invoice.service.ts → src/customers/customer.service.ts | 2 |');
  });

  it('reports files with no local import in or out as orphans, ignoring comments and strings', async () => {
    const env = await run(billing());
    expect(env.findings.filter((f) => f.ruleId === 'no-orphans').map((f) => f.location?.path)).toEqual(['src/utils/legacy-date.ts']);
    expect((env.artifacts as Artifacts).graph['src/utils/legacy-date.ts']).toEqual([]);
  });

  it('is silent on an acyclic project', async () => {
    const files = billing()
      .filter((f) => f.path !== 'src/utils/legacy-date.ts')
      .map((f) =>
        f.path === 'src/customers/customer.service.ts'
          ? { ...f, content: f.content.replace("import { InvoiceService } from '../invoices/invoice.service';", '').replace('await new InvoiceService(this).openFor(id)', '0') }
          : f.path === 'src/models/product.ts'
            ? { ...f, content: f.content.replace("import type { Order } from './order';", "type Order = { items: { product: { sku: string } }[] };") }
            : f,
      );
    const env = await run(files);
    expect(env.findings).toEqual([]);
  });

  it('follows require, import(), re-exports, import = require and self-imports', async () => {
    const env = await run([
      { path: 'a.js', content: "module.exports = () => import('./b.mjs');" },
      { path: 'b.mjs', content: "export * from './c';" },
      { path: 'c/index.ts', content: "import x = require('../a');\nexport const y = x;" },
      { path: 'self.ts', content: "import * as me from './self';\nexport const z = me;" },
    ]);
    expect(env.findings.map((f) => f.cycle)).toEqual([['a.js', 'b.mjs', 'c/index.ts'], ['self.ts']]);
  });

  it('reports a syntax error with the file, line and column', async () => {
    const reply = await runTool(detectCircularImportsTool, { files: [...billing(), { path: 'src/bad.tsx', content: 'export const A = () => <div>;\n' }] });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^src\/bad\.tsx: line \d+, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(detectCircularImportsTool, { files: 'src/a.ts' }))).toMatch(/^Invalid arguments: files: /);
  });
});
