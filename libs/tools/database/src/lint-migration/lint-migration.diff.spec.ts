import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintMigrationTool } from './lint-migration.tool';
import { lintMigrationRules } from './lint-migration.rules';

/**
 * Differential test against squawk-cli (npm, dev dependency) on the fixtures and on DDL that
 * ships with Debian's PostgreSQL. Compared per rule as sets of line:column; squawk's other
 * rules (require-lock-timeout, adding-required-field, ...) are outside the contract.
 */
const squawk = fileURLToPath(new URL('../../../../../node_modules/.bin/squawk', import.meta.url));
const ours = new Set(lintMigrationRules.map((r) => r.id));
const files = [
  ...['risky-unwrapped.sql', 'mixed-transaction.sql', 'column-defaults.sql', 'safe-migration.sql'].map((f) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url))),
  '/usr/share/postgresql/15/system_constraints.sql',
  '/usr/share/postgresql/15/information_schema.sql',
].filter(existsSync);

describe('db_lint_migration versus squawk', () => {
  const available = existsSync(squawk);
  if (!available) console.log('squawk-cli is not installed (npm i -D squawk-cli): skipping the differential test');
  (available ? it : it.skip).each(files)('agrees with squawk on %s', async (file) => {
    const r = spawnSync(squawk, ['--reporter', 'json', file], { encoding: 'utf8' });
    const theirs = (JSON.parse(r.stdout || '[]') as { rule_name: string; line: number; column: number }[])
      .filter((v) => ours.has(v.rule_name))
      .map((v) => `${v.rule_name}@${v.line + 1}:${v.column + 1}`)
      .sort();
    const env = structured<Envelope>(await runTool(lintMigrationTool, { content: readFileSync(file, 'utf8') }));
    const mine = env.findings.map((f) => `${f.ruleId}@${f.location?.line}:${f.location?.column}`).sort();
    expect(mine).toEqual(theirs);
  }, 120_000);
});
