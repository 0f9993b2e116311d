import { createToolRegistry } from '@mcp/core-protocol';
import { createLogger } from '@mcp/core-logger';
import { runTool } from '@mcp/core-protocol/testing';
import cases from '../bench/cases';
import { tools } from './index';

describe('python tools', () => {
  it('registers the nine contract tools with JSON Schemas, rules and annotations', () => {
    const registry = createToolRegistry('python', tools, { logger: createLogger({ worker: 'test', sink: () => undefined }) });
    expect(registry.descriptors.map((d) => d.name)).toEqual([
      'python_lint_code', 'python_security_scan', 'python_complexity_metrics', 'python_find_dead_code', 'python_parse_dependencies',
      'python_check_dependency_usage', 'python_audit_vulnerabilities', 'python_type_hint_coverage', 'python_check_version_compat',
    ]);
    for (const d of registry.descriptors) {
      expect(d.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(d.annotations?.openWorldHint).toBe(d.name === 'python_audit_vulnerabilities');
    }
    for (const tool of tools) expect(tool.rules?.length).toBeGreaterThan(0);
    for (const d of registry.descriptors) {
      const props = (d.inputSchema as unknown as { properties: Record<string, { description?: string }> }).properties;
      for (const [key, field] of Object.entries(props)) expect(`${d.name}.${key}: ${field.description ?? ''}`).not.toBe(`${d.name}.${key}: `);
    }
  });

  it('has one bench case per tool whose 30-line input is valid', async () => {
    expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
    for (const c of cases) {
      const reply = await runTool(c.tool, c.input(30), { fetch: async () => { throw new Error('offline'); } });
      if (c.tool.name === 'python_audit_vulnerabilities') expect(reply.content[0].text).toMatch(/^OSV advisory database could not be queried/);
      else expect(reply.isError ?? false).toBe(false);
    }
  });
});
