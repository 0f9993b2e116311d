import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table } from '@mcp/core-response';
import { OpenApiDoc } from '../shared/openapi';
import { LINT_RULES, lintOpenApi } from './lint-openapi.rules';

export const lintOpenApiTool = defineTool({
  name: 'api_lint_openapi',
  title: 'Lint OpenAPI',
  description:
    "Lints an OpenAPI 2.0, 3.0 or 3.1 document (YAML or JSON) with Spectral's spectral:oas rules (operationId, tags, " +
    'descriptions, success responses, path parameters, $ref siblings, unused components, typed enums, schema validation) ' +
    'plus REST naming rules (plural collections, no verbs, kebab-case segments). Internal $refs are resolved.',
  input: z
    .object({
      content: contentArg('The OpenAPI document (YAML or JSON) as text'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: LINT_RULES,
  run({ content }) {
    const doc = OpenApiDoc.parse(content);
    const sink = lintOpenApi(doc);
    const operations = doc.operations();
    const byRule: Record<string, number> = {};
    for (const f of sink.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    return {
      findings: sink.findings,
      metrics: {
        version: doc.version,
        paths: Object.keys((doc.root.paths as object | undefined) ?? {}).length,
        operations: operations.length,
        rules: Object.entries(byRule)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, count]) => ({ name, count })),
      },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { version: string; paths: number; operations: number; rules: { name: string; count: number }[] } | undefined;
    if (!m) return [];
    return [
      `OpenAPI ${m.version}: ${m.paths} path(s), ${m.operations} operation(s).`,
      table(['rule', 'findings'], m.rules.map((r) => [`\`${r.name}\``, r.count])),
    ];
  },
});
