import { z } from 'zod';
import { diff, CriticalityLevel, ChangeType, type Change } from '@graphql-inspector/core';
import { Kind, type ASTNode, type DocumentNode } from 'graphql';
import { defineTool, analyzerOptions } from '@mcp/core-protocol';
import { table, type Finding, type Location } from '@mcp/core-response';
import { buildSchemaFrom, parseGraphql } from '../shared/graphql';

const SEVERITY = {
  [CriticalityLevel.Breaking]: 'error',
  [CriticalityLevel.Dangerous]: 'warning',
  [CriticalityLevel.NonBreaking]: 'info',
} as const;

/** `Type`, `Type.field`, `Type.field.arg`, `Enum.VALUE`, `@directive`, `@directive.arg` -> where it is written. */
function indexLocations(doc: DocumentNode): Map<string, Location> {
  const out = new Map<string, Location>();
  const put = (key: string, node: ASTNode | undefined) => {
    const t = node?.loc?.startToken;
    if (t && !out.has(key)) out.set(key, { line: t.line, column: t.column });
  };
  for (const def of doc.definitions) {
    if (def.kind === Kind.DIRECTIVE_DEFINITION) {
      put(`@${def.name.value}`, def);
      for (const arg of def.arguments ?? []) put(`@${def.name.value}.${arg.name.value}`, arg);
      continue;
    }
    if (def.kind === Kind.SCHEMA_DEFINITION) {
      put('schema', def);
      continue;
    }
    if (!('name' in def) || !def.name) continue;
    const type = def.name.value;
    put(type, def);
    if ('fields' in def) {
      for (const field of def.fields ?? []) {
        put(`${type}.${field.name.value}`, field);
        if ('arguments' in field) for (const arg of field.arguments ?? []) put(`${type}.${field.name.value}.${arg.name.value}`, arg);
      }
    }
    if ('values' in def) for (const value of def.values ?? []) put(`${type}.${value.name.value}`, value);
  }
  return out;
}

/** The nearest written ancestor of a change path (`A.b.c` -> `A.b` -> `A`). */
function lookup(index: Map<string, Location>, path: string | undefined): Location | undefined {
  let key = path;
  while (key) {
    const hit = index.get(key);
    if (hit) return hit;
    const cut = key.lastIndexOf('.');
    key = cut > 0 ? key.slice(0, cut) : undefined;
  }
  return undefined;
}

/** Removals are located in `before`, everything else in `after`. */
const REMOVAL = /_REMOVED$|_REMOVED_|^SCHEMA_(QUERY|MUTATION|SUBSCRIPTION)_TYPE_CHANGED$/;

export const diffGraphqlTool = defineTool({
  name: 'api_diff_graphql',
  title: 'Diff GraphQL schemas',
  description:
    'Compares two GraphQL schemas (SDL) with @graphql-inspector/core and lists every change with its graphql-inspector ' +
    'change type (FIELD_REMOVED, FIELD_TYPE_CHANGED, ENUM_VALUE_ADDED, ...) and criticality (BREAKING, DANGEROUS, NON_BREAKING).',
  input: z
    .object({
      before: z.string().describe('The old schema (SDL)'),
      after: z.string().describe('The new schema (SDL)'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: Object.values(ChangeType)
    .sort()
    .map((id) => ({
      id,
      severity: 'info' as const,
      summary: `graphql-inspector change type ${id}; its severity follows the change's criticality (BREAKING error, DANGEROUS warning, NON_BREAKING info).`,
      docs: 'https://the-guild.dev/graphql/inspector/docs/essentials/diff',
    })),
  async run({ before, after }) {
    const beforeDoc = parseGraphql(before, 'before');
    const afterDoc = parseGraphql(after, 'after');
    const oldSchema = buildSchemaFrom(beforeDoc, 'before');
    const newSchema = buildSchemaFrom(afterDoc, 'after');
    const changes: Change[] = await diff(oldSchema, newSchema);
    const beforeIndex = indexLocations(beforeDoc);
    const afterIndex = indexLocations(afterDoc);
    const findings: Finding[] = changes.map((change) => {
      const level = change.criticality.level;
      const removal = REMOVAL.test(change.type);
      const loc = removal ? lookup(beforeIndex, change.path) : lookup(afterIndex, change.path) ?? lookup(beforeIndex, change.path);
      const side = removal || !lookup(afterIndex, change.path) ? 'before' : 'after';
      return {
        ruleId: change.type,
        severity: SEVERITY[level],
        message: change.message,
        location: loc ? { path: side, ...loc } : undefined,
        fix: level === CriticalityLevel.NonBreaking ? undefined : change.criticality.reason ?? `Check the clients that use ${change.path ?? 'this part of the schema'} before shipping.`,
        criticality: level,
        path: change.path,
      };
    });
    const count = (l: CriticalityLevel) => changes.filter((c) => c.criticality.level === l).length;
    const byType = new Map<string, { level: string; count: number }>();
    for (const c of changes) {
      const row = byType.get(c.type) ?? { level: c.criticality.level, count: 0 };
      row.count++;
      byType.set(c.type, row);
    }
    return {
      findings,
      metrics: {
        breaking: count(CriticalityLevel.Breaking),
        dangerous: count(CriticalityLevel.Dangerous),
        nonBreaking: count(CriticalityLevel.NonBreaking),
        changeTypes: [...byType.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, r]) => ({ name, criticality: r.level, count: r.count })),
      },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { breaking: number; dangerous: number; nonBreaking: number; changeTypes: { name: string; criticality: string; count: number }[] } | undefined;
    if (!m) return [];
    return [
      `${m.breaking} breaking, ${m.dangerous} dangerous, ${m.nonBreaking} non-breaking change(s).`,
      table(['change type', 'criticality', 'count'], m.changeTypes.map((r) => [r.name, r.criticality, r.count])),
    ];
  },
});
