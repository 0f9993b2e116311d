import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { lintMigrationTool } from './lint-migration.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(lintMigrationTool, { content, options }));
const at = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id).map((f) => `${f.location?.line}:${f.location?.column}`);

describe('db_lint_migration', () => {
  it('fires every rule on an unwrapped risky migration, at squawk positions, with lock levels', async () => {
    const env = await lint(fixture('risky-unwrapped.sql'));
    const f = env.findings;
    expect(at(f, 'require-concurrent-index-creation')).toEqual(['2:1', '15:1']);
    expect(at(f, 'prefer-bigint-over-int')).toEqual(['1:26', '16:35']);
    expect(at(f, 'prefer-text-field')).toEqual(['1:48', '17:35']);
    expect(at(f, 'prefer-timestamp-tz')).toEqual(['1:70']);
    // squawk 2 renamed prefer-timestamptz; like its CLI, the old name still selects the rule.
    expect(at((await lint(fixture('risky-unwrapped.sql'), { ignore: ['prefer-timestamptz'] })).findings, 'prefer-timestamp-tz')).toEqual([]);
    expect(at(f, 'adding-field-with-default')).toEqual(['5:52']);
    expect(at(f, 'adding-not-nullable-field')).toEqual(['7:41']);
    expect(at(f, 'constraint-missing-not-valid')).toEqual(['8:22', '9:22', '10:22']);
    expect(at(f, 'disallowed-unique-constraint')).toEqual(['10:26']);
    expect(at(f, 'ban-drop-column')).toEqual(['11:22']);
    expect(at(f, 'ban-drop-table')).toEqual(['12:1']);
    expect(at(f, 'changing-column-type')).toEqual(['13:41']);
    expect(at(f, 'renaming-column')).toEqual(['14:22']);
    expect(at(f, 'prefer-robust-stmts')).toEqual(['1:1', '2:1', '3:22', '4:22', '5:22', '6:22', '7:22', '8:22', '9:22', '10:22', '11:22', '12:1', '13:22', '14:22', '15:1', '16:22', '17:22', '18:22']);
    const fk = f.find((x) => x.ruleId === 'constraint-missing-not-valid' && x.location?.line === 8)!;
    expect(fk).toMatchObject({ lockLevel: 'SHARE ROW EXCLUSIVE', message: expect.stringContaining('fk_x on accounts') });
    expect(f.find((x) => x.ruleId === 'require-concurrent-index-creation')).toMatchObject({ lockLevel: 'SHARE' });
    expect(f.find((x) => x.ruleId === 'ban-drop-column')).toMatchObject({ lockLevel: 'ACCESS EXCLUSIVE', message: 'Dropping column accounts.legacy may break existing clients' });
  });

  it('understands transactions, NOT VALID + VALIDATE and DROP … IF EXISTS before ADD', async () => {
    const f = (await lint(fixture('mixed-transaction.sql'))).findings;
    expect(f.map((x) => `${x.ruleId}@${x.location?.line}:${x.location?.column}`)).toEqual([
      'constraint-missing-not-valid@6:22',
      'prefer-robust-stmts@9:22',
      'prefer-bigint-over-int@13:49',
      'adding-field-with-default@13:61',
      'prefer-robust-stmts@15:22',
      'prefer-timestamp-tz@17:65',
      'prefer-bigint-over-int@19:49',
      'prefer-bigint-over-int@20:50',
      'prefer-robust-stmts@21:22',
      'changing-column-type@21:37',
      'prefer-text-field@21:42',
    ]);
  });

  it('treats only volatile defaults as rewrites on PostgreSQL 11+, and any default before', async () => {
    expect(at((await lint(fixture('column-defaults.sql'))).findings, 'adding-field-with-default')).toEqual(['1:56', '2:56', '6:63', '7:58', '8:48', '9:56']);
    const old = await lint("ALTER TABLE a ADD COLUMN IF NOT EXISTS w jsonb DEFAULT '{}'::jsonb;", { pgVersion: 10 });
    expect(old.findings.map((x) => x.message)).toEqual([expect.stringContaining('before PostgreSQL 11 any default rewrites the table')]);
  });

  it('is silent on a migration written to run online', async () => {
    const env = await lint(fixture('safe-migration.sql'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.statements).toContainEqual({ line: 13, statement: 'CREATE INDEX', lockLevel: 'SHARE UPDATE EXCLUSIVE' });
  });

  it('refuses other dialects by name', async () => {
    expect(resultText(await runTool(lintMigrationTool, { content: 'ALTER TABLE a ADD COLUMN b int;', options: { dialect: 'mysql' } }))).toBe(
      'options.dialect: squawk migration linting (lock levels, CONCURRENTLY, NOT VALID) is PostgreSQL-specific; dialect "mysql" is not supported by this tool',
    );
  });

  it('reports parse errors and invalid arguments', async () => {
    expect(resultText(await runTool(lintMigrationTool, { content: 'ALTER TABLE a ADD COLUMN b text DEFAULT (1;\n' }))).toBe('line 1, column 41: unmatched "("');
    expect(resultText(await runTool(lintMigrationTool, { content: 'x', options: { pgVersion: 'fifteen' } }))).toMatch(/^Invalid arguments: options\.pgVersion/);
  });
});
