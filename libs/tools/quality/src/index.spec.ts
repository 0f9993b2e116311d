import { Validator } from '@cfworker/json-schema';
import { createToolRegistry } from '@mcp/core-protocol';
import { createLogger } from '@mcp/core-logger';
import { runTool } from '@mcp/core-protocol/testing';
import { tools } from './index';
import cases from '../bench/cases';

const NAMES = [
  'quality_complexity_report',
  'quality_detect_duplicates',
  'quality_scan_secrets',
  'quality_detect_code_smells',
  'quality_review_diff',
  'quality_analyze_coverage',
  'quality_detect_test_smells',
  'quality_suggest_test_cases',
  'quality_mutation_sites',
  'quality_find_dead_code',
  'quality_check_regex_safety',
  'quality_hotspot_analysis',
  'quality_lint_commits',
  'quality_suggest_refactorings',
  'quality_lint_javascript',
];

const registry = createToolRegistry('quality', tools, { logger: createLogger({ worker: 'test', sink: () => undefined }) });

/** Every property of an input schema, with its path, so that each can be checked for a description. */
function properties(schema: Record<string, unknown>, path = ''): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [];
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(props)) {
    out.push([`${path}${k}`, v]);
    out.push(...properties(v, `${path}${k}.`));
    const items = v.items as Record<string, unknown> | undefined;
    if (items) out.push(...properties(items, `${path}${k}[].`));
  }
  return out;
}

describe('quality tools', () => {
  it('are the 15 tools of the catalog, in its order', () => {
    expect(tools.map((t) => t.name)).toEqual(NAMES);
  });

  it('describe every argument and reject unknown keys', () => {
    for (const d of registry.descriptors) {
      expect([d.name, d.inputSchema.additionalProperties]).toEqual([d.name, false]);
      for (const [path, prop] of properties(d.inputSchema)) expect([d.name, path, typeof prop.description]).toEqual([d.name, path, 'string']);
      expect(d.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
    }
  });

  it('document every rule id once', () => {
    const ids = tools.flatMap((t) => (t.rules ?? []).map((r) => r.id));
    expect(registry.rules.size).toBeGreaterThan(60);
    for (const t of tools) for (const r of t.rules ?? []) expect(r.summary.length).toBeGreaterThan(10);
    expect(ids.length).toBeGreaterThanOrEqual(registry.rules.size);
  });

  it.each(cases.map((c) => [c.tool.name, c]))('%s returns structuredContent matching its outputSchema', async (name, c) => {
    const schema = registry.descriptors.find((d) => d.name === name)!.outputSchema;
    const reply = await runTool(c.tool, c.input(30));
    expect(reply.isError).toBeFalsy();
    const result = new Validator(schema as never, '2020-12', false).validate(reply.structuredContent);
    expect(result.errors).toEqual([]);
  });
});
