import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { dialectOf, dialectOption } from '../shared/options';
import { buildSchema } from '../shared/schema-model';
import { diffSchemas, type Change } from './schema-diff';

export const diffSchemasRules: RuleDoc[] = [
  { id: 'destructive-change', severity: 'error', summary: 'The migration drops data: a dropped table or column' },
  { id: 'data-dependent-change', severity: 'warning', summary: 'The migration may fail on existing rows: narrowing a type, SET NOT NULL, a NOT NULL column without default, a new UNIQUE, CHECK or foreign key' },
  { id: 'backward-incompatible-change', severity: 'warning', summary: 'Readers of the old schema break: a changed column type, a dropped key or type' },
];

const RULE_OF: Record<string, string> = {
  destructive: 'destructive-change',
  'data-dependent': 'data-dependent-change',
  'backward-incompatible': 'backward-incompatible-change',
};

export const diffSchemasTool = defineTool({
  name: 'db_diff_schemas',
  title: 'Diff schemas',
  description:
    'Compares two DDL schemas and writes the ordered PostgreSQL migration (CREATE/ALTER/DROP), classifying each change as destructive, data-dependent, backward-incompatible or safe, like migra and Atlas schema diff. Equivalent spellings (type aliases, named versus unnamed constraints, quoting, order) are no change.',
  input: z
    .object({
      before: z.string().describe('The current schema as DDL'),
      after: z.string().describe('The desired schema as DDL'),
      options: analyzerOptions({ dialect: dialectOption }),
    })
    .strict(),
  rules: diffSchemasRules,
  run(args) {
    const dialect = dialectOf(args.options);
    const before = buildSchema(args.before, dialect, 'before');
    const after = buildSchema(args.after, dialect, 'after');
    const changes = diffSchemas(before, after);
    const findings: Finding[] = changes
      .filter((c) => c.classification !== 'safe')
      .map((c) => {
        const id = RULE_OF[c.classification];
        return {
          ruleId: id,
          severity: diffSchemasRules.find((r) => r.id === id)!.severity,
          message: `${describeKind(c)} ${c.object} is ${c.classification}: ${WHY[c.classification]}`,
          location: { path: c.side, line: c.token.line, column: c.token.col },
          fix: FIX[c.classification],
          sql: c.sql,
        };
      });
    const migration = changes.map((c) => c.sql).join('\n\n');
    return {
      findings,
      metrics: { changeCount: changes.length },
      artifacts: {
        migration: migration ? `${migration}\n` : '',
        changes: changes.map((c: Change) => ({ sql: c.sql, object: c.object, kind: c.kind, classification: c.classification })),
      },
    };
  },
  render(env) {
    const changes = (env.artifacts?.changes ?? []) as { sql: string; object: string; kind: string; classification: string }[];
    if (changes.length === 0) return ['The schemas are equivalent: no migration.'];
    return [
      table(['object', 'kind', 'classification'], changes.map((c) => [c.object, c.kind, c.classification])),
      `\`\`\`sql\n${String(env.artifacts?.migration ?? '').trimEnd()}\n\`\`\``,
    ];
  },
});

function describeKind(c: Change): string {
  return c.kind.replace(/-/g, ' ').replace(/^./, (m) => m.toUpperCase()) + ' of';
}

const WHY: Record<string, string> = {
  destructive: 'its data is lost',
  'data-dependent': 'it can fail on rows that already exist',
  'backward-incompatible': 'code written for the old schema may break',
};
const FIX: Record<string, string> = {
  destructive: 'Back up or migrate the data first, and deploy code that no longer uses the object before dropping it',
  'data-dependent': 'Check existing rows first (or add the constraint NOT VALID and VALIDATE it later)',
  'backward-incompatible': 'Deploy in expand/contract steps: add the new shape, migrate readers, then remove the old one',
};
