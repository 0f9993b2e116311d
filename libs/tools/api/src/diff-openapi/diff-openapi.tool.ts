import { z } from 'zod';
import { analyzerOptions, defineTool } from '@mcp/core-protocol';
import { InputError, ParseError, compareFindings, table, type Finding } from '@mcp/core-response';
import { OpenApiDoc } from '../shared/openapi';
import { DIFF_RULES, diffOpenApi, type Level } from './diff-openapi.checks';

const LEVEL_TITLES: [Level, string][] = [
  ['ERR', 'Breaking changes (ERR)'],
  ['WARN', 'Warnings (WARN)'],
  ['INFO', 'Other changes (INFO)'],
];

/** A Markdown changelog grouped by level, one line per change, endpoints in order. */
function changelog(findings: Finding[], ignore: Set<string>): string {
  const lines: string[] = ['# API changelog'];
  const shown = findings.filter((f) => !ignore.has(f.ruleId)).sort(compareFindings);
  if (shown.length === 0) return [...lines, '', 'No changes.'].join('\n');
  for (const [level, title] of LEVEL_TITLES) {
    const group = shown.filter((f) => f.level === level);
    if (group.length === 0) continue;
    lines.push('', `## ${title}`, '');
    for (const f of group) lines.push(`- ${f.message} (\`${f.ruleId}\`)`);
  }
  return lines.join('\n');
}

function parseSide(text: string, side: 'before' | 'after'): OpenApiDoc {
  try {
    return OpenApiDoc.parse(text, side);
  } catch (error) {
    if (error instanceof ParseError) throw error.in(side);
    if (error instanceof InputError) throw new InputError(`${side}: ${error.message}`);
    throw error;
  }
}

export const diffOpenApiTool = defineTool({
  name: 'api_diff_openapi',
  title: 'Diff OpenAPI specifications',
  description:
    'Compares two versions of an OpenAPI 2.0/3.x document (YAML or JSON) and lists breaking and non-breaking changes with ' +
    "oasdiff's checker ids and levels (ERR, WARN, INFO): removed paths and operations, new required parameters and " +
    'request properties, narrowed types and enums, numeric/length/item bounds, patterns, defaults, nullability, ' +
    'oneOf/anyOf/allOf and discriminators, readOnly/writeOnly, deprecation and x-sunset, x-stability-level, response ' +
    'headers, security requirements and schemes, removed schemas and webhooks; plus a Markdown changelog. $refs are ' +
    'resolved, so moving a schema into components is no change. Sunset checks measure against options.today.',
  input: z
    .object({
      before: z.string().describe('The old OpenAPI document (YAML or JSON)'),
      after: z.string().describe('The new OpenAPI document (YAML or JSON)'),
      options: analyzerOptions({
        today: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
          .optional()
          .describe("The date sunset checks measure against (YYYY-MM-DD); default: today's date in UTC"),
        deprecationDaysBeta: z.number().int().min(0).optional().describe('oasdiff --deprecation-days-beta: minimum days from deprecation to sunset for beta endpoints (default 0)'),
        deprecationDaysStable: z.number().int().min(0).optional().describe('oasdiff --deprecation-days-stable: the same for stable endpoints and those without x-stability-level (default 0)'),
      }),
    })
    .strict(),
  rules: DIFF_RULES,
  run({ before, after, options }) {
    const oldDoc = parseSide(before, 'before');
    const newDoc = parseSide(after, 'after');
    const findings = diffOpenApi(oldDoc, newDoc, {
      today: options?.today,
      deprecationDaysBeta: options?.deprecationDaysBeta,
      deprecationDaysStable: options?.deprecationDaysStable,
    });
    const ignore = new Set(options?.ignore ?? []);
    const kept = findings.filter((f) => !ignore.has(f.ruleId));
    const count = (level: Level) => kept.filter((f) => f.level === level).length;
    const byEndpoint = new Map<string, { ERR: number; WARN: number; INFO: number }>();
    for (const f of kept) {
      const name = String(f.operation ?? '(document)');
      const row = byEndpoint.get(name) ?? { ERR: 0, WARN: 0, INFO: 0 };
      row[f.level as Level]++;
      byEndpoint.set(name, row);
    }
    return {
      findings,
      metrics: {
        breaking: count('ERR'),
        warnings: count('WARN'),
        infos: count('INFO'),
        endpoints: [...byEndpoint.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, r]) => ({ name, breaking: r.ERR, warnings: r.WARN, infos: r.INFO })),
      },
      artifacts: { changelog: changelog(findings, ignore) },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { breaking: number; warnings: number; infos: number; endpoints: { name: string; breaking: number; warnings: number; infos: number }[] } | undefined;
    if (!m) return [];
    return [
      `${m.breaking} breaking (ERR), ${m.warnings} warning (WARN), ${m.infos} info (INFO) change(s).`,
      table(['endpoint', 'ERR', 'WARN', 'INFO'], m.endpoints.map((e) => [e.name, e.breaking, e.warnings, e.infos])),
    ];
  },
});
