import { z } from 'zod';
import { analyzerOptions, defineTool } from '@mcp/core-protocol';
import { table } from '@mcp/core-response';
import { dialectOf, dialectOption, schemaText } from '../shared/options';
import { buildSchema, indexesByTable, type SchemaModel, type Table } from '../shared/schema-model';

export interface ErdColumn {
  name: string;
  type: string;
  pk: boolean;
  fk: boolean;
  unique: boolean;
  nullable: boolean;
}
export interface ErdEntity {
  name: string;
  schema: string;
  columns: ErdColumn[];
}
export interface ErdRelationship {
  from: { table: string; columns: string[] };
  to: { table: string; columns: string[] };
  cardinality: string;
  identifying: boolean;
}

export const generateErdTool = defineTool({
  name: 'db_generate_erd',
  title: 'Generate ERD',
  description:
    'Turns DDL into an entity-relationship model: entities with columns and keys, one relationship per foreign key with cardinality from nullability and uniqueness, rendered as a Mermaid erDiagram and as DBML (dbdiagram.io).',
  input: z
    .object({
      schema: z.string().optional().describe('DDL (CREATE TABLE, ALTER TABLE … ADD CONSTRAINT, CREATE INDEX)'),
      content: z.string().optional().describe('Alias of schema'),
      options: analyzerOptions({ dialect: dialectOption }),
    })
    .strict(),
  rules: [],
  run(args) {
    const { text, source } = schemaText(args);
    const model = buildSchema(text, dialectOf(args.options), source);
    const { entities, relationships } = erdModel(model);
    return {
      metrics: { entities, relationships },
      artifacts: { mermaid: toMermaid(model, entities, relationships), dbml: toDbml(model, entities, relationships) },
    };
  },
  render(env) {
    const rels = (env.metrics?.relationships ?? []) as ErdRelationship[];
    const ents = (env.metrics?.entities ?? []) as ErdEntity[];
    return [
      table(['entity', 'columns', 'primary key'], ents.map((e) => [qualified(e), e.columns.length, e.columns.filter((c) => c.pk).map((c) => c.name).join(', ')])),
      table(['child', 'parent', 'cardinality'], rels.map((r) => [`${r.from.table}(${r.from.columns.join(', ')})`, `${r.to.table}(${r.to.columns.join(', ')})`, r.cardinality])),
      `\`\`\`mermaid\n${String(env.artifacts?.mermaid ?? '')}\n\`\`\``,
    ];
  },
});

function qualified(e: ErdEntity): string {
  return e.schema && e.schema !== 'public' ? `${e.schema}.${e.name}` : e.name;
}

export function erdModel(model: SchemaModel): { entities: ErdEntity[]; relationships: ErdRelationship[] } {
  const entities: ErdEntity[] = [];
  const relationships: ErdRelationship[] = [];
  const byTable = indexesByTable(model);
  for (const t of model.tables.values()) {
    // Unique, unconditional indexes make keys as constraints do.
    const tableIndexes = (byTable.get(t.key) ?? []).filter((i) => i.unique && !i.where);
    const fkCols = new Set(t.foreignKeys.flatMap((f) => f.columns));
    const uniqueCols = new Set(t.uniques.filter((u) => u.columns.length === 1).flatMap((u) => u.columns));
    for (const i of tableIndexes) if (i.elements.length === 1 && i.elements[0].column) uniqueCols.add(i.elements[0].column);
    entities.push({
      name: t.name,
      schema: t.schema,
      columns: t.columns.map((c) => ({
        name: c.name,
        type: c.type || 'any',
        pk: !!t.primaryKey?.columns.includes(c.name),
        fk: fkCols.has(c.name),
        unique: uniqueCols.has(c.name),
        nullable: !c.notNull,
      })),
    });
    for (const fk of t.foreignKeys) {
      const nullable = fk.columns.some((c) => !t.columns.find((x) => x.name === c)?.notNull);
      const oneToOne = isKey(t, tableIndexes, fk.columns);
      const identifying = !!t.primaryKey && fk.columns.every((c) => t.primaryKey!.columns.includes(c));
      relationships.push({
        from: { table: t.key, columns: fk.columns },
        to: { table: fk.refTable, columns: fk.refColumns },
        cardinality: `${nullable ? '|o' : '||'}${identifying ? '--' : '..'}${oneToOne ? 'o|' : 'o{'}`,
        identifying,
      });
    }
  }
  return { entities, relationships };
}

/** The FK columns are exactly the child's primary key or one of its unique keys. */
function isKey(t: Table, uniqueIndexes: SchemaModel['indexes'], cols: string[]): boolean {
  const same = (k: string[]) => k.length === cols.length && k.every((c) => cols.includes(c));
  if (t.primaryKey && same(t.primaryKey.columns)) return true;
  if (t.uniques.some((u) => same(u.columns))) return true;
  return uniqueIndexes.some((i) => same(i.elements.map((e) => e.expr)));
}

function mermaidName(model: SchemaModel, key: string): string {
  return key.includes('.') ? `"${key}"` : key;
}

function mermaidType(type: string): string {
  return type.replace(/\s*,\s*/g, '_').replace(/\s+/g, '_').replace(/"/g, '');
}

function toMermaid(model: SchemaModel, entities: ErdEntity[], rels: ErdRelationship[]): string {
  const lines = ['erDiagram'];
  for (const e of entities) {
    lines.push(`    ${mermaidName(model, qualifiedKey(model, e))} {`);
    for (const c of e.columns) {
      const keys = [c.pk ? 'PK' : '', c.fk ? 'FK' : '', c.unique && !c.pk ? 'UK' : ''].filter(Boolean).join(', ');
      lines.push(`        ${mermaidType(c.type)} ${c.name}${keys ? ` ${keys}` : ''}`);
    }
    lines.push('    }');
  }
  for (const r of rels) {
    lines.push(`    ${mermaidName(model, r.to.table)} ${r.cardinality} ${mermaidName(model, r.from.table)} : "${r.from.columns.join(', ')}"`);
  }
  return lines.join('\n');
}

function qualifiedKey(model: SchemaModel, e: ErdEntity): string {
  return e.schema && e.schema !== model.defaultSchema && e.schema !== 'main' ? `${e.schema}.${e.name}` : e.name;
}

function dbmlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '\\"')}"`;
}

function dbmlTable(key: string): string {
  return key.split('.').map(dbmlName).join('.');
}

function dbmlCols(cols: string[]): string {
  return cols.length === 1 ? dbmlName(cols[0]) : `(${cols.map(dbmlName).join(', ')})`;
}

function toDbml(model: SchemaModel, entities: ErdEntity[], rels: ErdRelationship[]): string {
  const out: string[] = [];
  for (const e of entities) {
    const t = model.tables.get(qualifiedKey(model, e))!;
    out.push(`Table ${dbmlTable(t.key)} {`);
    const singlePk = t.primaryKey?.columns.length === 1;
    for (const c of e.columns) {
      const src = t.columns.find((x) => x.name === c.name)!;
      const settings: string[] = [];
      if (c.pk && singlePk) settings.push('pk');
      if (src.identity || src.autoIncrement || /serial/i.test(c.type)) settings.push('increment');
      if (c.unique && !c.pk) settings.push('unique');
      if (!c.nullable && !(c.pk && singlePk)) settings.push('not null');
      if (src.default !== undefined) settings.push(`default: \`${src.default.replace(/`/g, '')}\``);
      const type = /^[A-Za-z_][A-Za-z0-9_]*(\([0-9, ]*\))?(\[\])?$/.test(c.type) ? c.type : `"${c.type.replace(/"/g, '')}"`;
      out.push(`  ${dbmlName(c.name)} ${type}${settings.length ? ` [${settings.join(', ')}]` : ''}`);
    }
    if (t.primaryKey && t.primaryKey.columns.length > 1) {
      out.push('', '  indexes {', `    (${t.primaryKey.columns.map(dbmlName).join(', ')}) [pk]`, '  }');
    }
    out.push('}', '');
  }
  for (const r of rels) {
    const op = r.cardinality.endsWith('o|') ? '-' : '>';
    out.push(`Ref: ${dbmlTable(r.from.table)}.${dbmlCols(r.from.columns)} ${op} ${dbmlTable(r.to.table)}.${dbmlCols(r.to.columns)}`);
  }
  return out.join('\n').trimEnd() + '\n';
}
