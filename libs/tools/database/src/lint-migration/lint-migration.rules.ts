import type { RuleDoc } from '@mcp/core-protocol';

const doc = (id: string) => `https://squawkhq.com/docs/${id}`;

/** squawk 2's rule names (the ones TOOLS.md lists), all warnings as squawk reports them. */
export const lintMigrationRules: RuleDoc[] = [
  { id: 'require-concurrent-index-creation', severity: 'warning', summary: 'CREATE INDEX without CONCURRENTLY blocks writes while the index builds', docs: doc('require-concurrent-index-creation') },
  { id: 'adding-not-nullable-field', severity: 'warning', summary: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock', docs: doc('adding-not-nullable-field') },
  { id: 'adding-field-with-default', severity: 'warning', summary: 'A volatile default (or any default before PostgreSQL 11, or a stored generated column) rewrites the table', docs: doc('adding-field-with-default') },
  { id: 'constraint-missing-not-valid', severity: 'warning', summary: 'A new constraint is validated under a lock; add it NOT VALID and VALIDATE it in a later transaction', docs: doc('constraint-missing-not-valid') },
  { id: 'ban-drop-column', severity: 'warning', summary: 'Dropping a column may break existing clients', docs: doc('ban-drop-column') },
  { id: 'ban-drop-table', severity: 'warning', summary: 'Dropping a table may break existing clients', docs: doc('ban-drop-table') },
  { id: 'changing-column-type', severity: 'warning', summary: 'Changing a column type rewrites the table under an ACCESS EXCLUSIVE lock', docs: doc('changing-column-type') },
  { id: 'renaming-column', severity: 'warning', summary: 'Renaming a column may break existing clients', docs: doc('renaming-column') },
  { id: 'prefer-bigint-over-int', severity: 'warning', summary: '32-bit integer columns can hit the int limit; use bigint', docs: doc('prefer-bigint-over-int') },
  { id: 'prefer-timestamp-tz', severity: 'warning', summary: 'timestamp without time zone drops the UTC offset; use timestamptz', docs: doc('prefer-timestamp-tz'), aliases: ['prefer-timestamptz'] },
  { id: 'prefer-text-field', severity: 'warning', summary: 'Changing the size of a varchar later needs an ACCESS EXCLUSIVE lock; use text with a CHECK', docs: doc('prefer-text-field') },
  { id: 'prefer-robust-stmts', severity: 'warning', summary: 'Outside a transaction, statements need IF [NOT] EXISTS so that a failed migration can be rerun', docs: doc('prefer-robust-stmts') },
  { id: 'disallowed-unique-constraint', severity: 'warning', summary: 'ADD UNIQUE builds the index under an ACCESS EXCLUSIVE lock; build it CONCURRENTLY and add the constraint USING INDEX', docs: doc('disallowed-unique-constraint') },
];
