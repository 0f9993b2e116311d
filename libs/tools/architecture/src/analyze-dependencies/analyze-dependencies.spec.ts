import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { analyzeDependenciesTool, type ModuleRow } from './analyze-dependencies.tool';

export function loadProject(dir: URL): { path: string; content: string }[] {
  const root = fileURLToPath(dir);
  const out: { path: string; content: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: relative(root, p), content: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}

const shop = loadProject(new URL('./fixtures/shop/', import.meta.url));
const LAYERS = [
  { name: 'domain-not-to-infra', severity: 'error', comment: 'the domain must not depend on infrastructure', from: { path: '^src/domain' }, to: { path: '^src/infra' } },
  { name: 'infra-not-to-api', severity: 'warn', from: { path: '^src/infra' }, to: { path: '^src/api' } },
];

describe('arch_analyze_dependencies', () => {
  it('finds the cycle, the layer violation and Martin metrics per folder', async () => {
    const env = structured<Envelope>(await runTool(analyzeDependenciesTool, { files: shop, options: { forbidden: LAYERS } }));
    expect(env.findings.map((f) => [f.ruleId, f.location?.path, f.location?.line, f.message])).toEqual([
      ['domain-not-to-infra', 'src/domain/order.service.ts', 4, 'src/domain/order.service.ts imports src/infra/audit.ts, which rule domain-not-to-infra forbids (the domain must not depend on infrastructure)'],
      ['no-circular', 'src/infra/audit.ts', 2, 'Circular dependency: src/infra/audit.ts → src/infra/clock.ts → src/infra/audit.ts'],
    ]);
    expect(env.findings[1].cycle).toEqual(['src/infra/audit.ts', 'src/infra/clock.ts', 'src/infra/audit.ts']);
    const modules = env.metrics?.modules as ModuleRow[];
    const byName = Object.fromEntries(modules.map((m) => [m.module, m]));
    expect(Object.keys(byName)).toEqual(['src', 'src/api', 'src/domain', 'src/infra', 'src/shared']);
    // domain: used by api and infra (Ca 2), uses shared and infra (Ce 2); 2 interfaces + 1 abstract of 4 types
    expect(byName['src/domain']).toEqual({ module: 'src/domain', files: 2, ca: 2, ce: 2, instability: 0.5, abstractness: 0.75, distance: 0.25, fanIn: 2, fanOut: 2 });
    expect(byName['src/shared']).toMatchObject({ ca: 4, ce: 0, instability: 0, abstractness: 1, distance: 0 });
    expect(byName.src).toMatchObject({ ca: 0, ce: 2, instability: 1, distance: 0 });
    expect(env.metrics?.hubs).toEqual([
      { module: 'src/shared', fanIn: 5, fanOut: 0 },
      { module: 'src/domain', fanIn: 2, fanOut: 2 },
      { module: 'src/infra', fanIn: 2, fanOut: 2 },
      { module: 'src/api', fanIn: 1, fanOut: 4 },
    ]);
    const mermaid = String(env.artifacts?.mermaid);
    expect(mermaid.split('\n')[0]).toBe('graph LR');
    expect(mermaid).toContain('m2["src/domain"]');
    expect(mermaid).toContain('m2 --> m3');
    expect(resultText(await runTool(analyzeDependenciesTool, { files: shop }))).toContain('| src/domain | 2 | 2 | 2 | 0.5 | 0.75 | 0.25 | 2 | 2 |');
  });

  it('is quiet on an acyclic project without rules, and works per file', async () => {
    const files = shop.filter((f) => !f.path.endsWith('clock.ts')).map((f) => (f.path.endsWith('audit.ts') ? { ...f, content: f.content.replace("import { now } from './clock';", "const now = () => '';") } : f));
    const env = structured<Envelope>(await runTool(analyzeDependenciesTool, { files, options: { granularity: 'file' } }));
    expect(env.findings).toEqual([]);
    expect((env.metrics?.modules as ModuleRow[]).find((m) => m.module === 'src/shared/money.ts')).toMatchObject({ ca: 2, ce: 0, fanIn: 2 });
  });

  it('takes a madge JSON graph', async () => {
    const content = JSON.stringify({ 'a.js': ['b.js'], 'b.js': ['c.js'], 'c.js': ['a.js'], 'd.js': [] }, null, 2);
    const env = structured<Envelope>(await runTool(analyzeDependenciesTool, { content, options: { granularity: 'file' } }));
    expect(env.findings).toMatchObject([{ ruleId: 'no-circular', cycle: ['a.js', 'b.js', 'c.js', 'a.js'], location: { path: 'a.js', line: 2 } }]);
    expect(resultText(await runTool(analyzeDependenciesTool, { content: '{\n  "a.js": ["b.js",]\n}' }))).toBe('line 2, column 19: invalid JSON: unexpected "]"');
    expect(resultText(await runTool(analyzeDependenciesTool, { content: '{"a.js": "b.js"}' }))).toBe('content: the value of "a.js" must be an array of module names');
  });

  it('reports parse errors with path, line and column, and invalid arguments', async () => {
    const reply = await runTool(analyzeDependenciesTool, { files: [{ path: 'src/a.ts', content: 'import x from "./b";\nconst = 1;\n' }] });
    expect(resultText(reply)).toBe('src/a.ts: line 2, column 7: Unexpected token');
    expect(resultText(await runTool(analyzeDependenciesTool, { files: [], options: { granularity: 'package' } }))).toMatch(/^Invalid arguments: options\.granularity/);
    expect(resultText(await runTool(analyzeDependenciesTool, { files: [], options: { forbidden: [{ name: 'x', from: { path: '(' }, to: {} }] } }))).toMatch(/^options\.forbidden: from\.path "\(" is not a valid regular expression/);
  });
});
