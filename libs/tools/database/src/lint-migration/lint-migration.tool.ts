import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseDdl, type AlterAction, type ColumnDef } from '../shared/ddl';
import type { Token } from '../shared/lexer';
import { tableKey } from '../shared/schema-model';
import { parseSql, type Statement } from '../shared/statements';
import { typeInfo } from '../shared/types';
import { lintMigrationRules } from './lint-migration.rules';
import { dialectOption, requirePostgres } from '../shared/options';

/** Functions squawk treats as non-volatile in a column default (the rest may rewrite the table). */
const STABLE_DEFAULT_FUNCTIONS = new Set(['now', 'current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp', 'transaction_timestamp']);

/** The lock each ALTER TABLE action takes (PostgreSQL docs, "ALTER TABLE" notes). */
const ACTION_LOCK: Partial<Record<AlterAction['type'], string>> = {
  'validate-constraint': 'SHARE UPDATE EXCLUSIVE',
};
const LOCK_RANK = ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];

export const lintMigrationTool = defineTool({
  name: 'db_lint_migration',
  title: 'Lint migration',
  description:
    "Lints a PostgreSQL migration with squawk's rules (require-concurrent-index-creation, adding-field-with-default, constraint-missing-not-valid, prefer-robust-stmts, ...), with squawk 2's handling of transactions, IF [NOT] EXISTS, NOT VALID followed by VALIDATE and volatile defaults; each finding names the lock its statement takes.",
  input: z
    .object({
      content: contentArg('The migration: PostgreSQL DDL statements separated by ;'),
      options: analyzerOptions({
        dialect: dialectOption,
        pgVersion: z.number().min(9).max(30).optional().describe('Target PostgreSQL major version (default 15): before 11 any column default rewrites the table'),
      }),
    })
    .strict(),
  rules: lintMigrationRules,
  run(args) {
    requirePostgres(args.options, 'squawk migration linting (lock levels, CONCURRENTLY, NOT VALID)');
    const parsed = parseSql(args.content, 'postgres');
    const findings = lintMigration(parsed.statements, args.options?.pgVersion ?? 15);
    const statements = parsed.statements.filter((s) => /^(CREATE|ALTER|DROP)/.test(s.kind)).map((s) => ({ line: s.line, statement: s.kind, lockLevel: statementLock(s) }));
    return { findings, metrics: { statementCount: parsed.statements.length, statements } };
  },
  render(env) {
    const rows = ((env.metrics?.statements ?? []) as { line: number; statement: string; lockLevel: string }[]).map((s) => [s.line, s.statement, s.lockLevel]);
    return [table(['line', 'statement', 'lock'], rows)];
  },
});

const sev = (id: string) => lintMigrationRules.find((r) => r.id === id)!.severity;

export function lintMigration(statements: Statement[], pgVersion: number): Finding[] {
  const out: Finding[] = [];
  let inTx = false;
  let createdInTx = new Set<string>();
  let notValidInTx = new Set<string>();
  const droppedIfExists = new Set<string>();
  for (const s of statements) {
    const first = s.tokens[0].value;
    if (first === 'BEGIN' || (first === 'START' && s.tokens[1]?.value === 'TRANSACTION')) {
      inTx = true;
      createdInTx = new Set();
      notValidInTx = new Set();
      continue;
    }
    if (first === 'COMMIT' || first === 'END' || first === 'ROLLBACK') {
      inTx = false;
      createdInTx = new Set();
      notValidInTx = new Set();
      continue;
    }
    const lock = statementLock(s);
    const add = (ruleId: string, at: Token, message: string, fix: string) =>
      out.push({ ruleId, severity: sev(ruleId), message, location: { line: at.line, column: at.col }, fix, lockLevel: lock, docs: `https://squawkhq.com/docs/${ruleId}` });
    const robust = (at: Token, what: string, message: string) => {
      if (!inTx) add('prefer-robust-stmts', at, `${message} (${what}): the migration can't be rerun if it fails part way through`, 'Add IF [NOT] EXISTS, or wrap the migration in BEGIN … COMMIT');
    };
    const d = parseDdl(s);
    switch (d.type) {
      case 'create-table': {
        const key = tableKey(d.table, 'postgres');
        if (inTx) createdInTx.add(key);
        if (!d.ifNotExists && !d.temporary) robust(s.tokens[0], `CREATE TABLE ${key}`, 'Missing IF NOT EXISTS');
        for (const c of d.columns) columnTypeRules(c, key, add);
        break;
      }
      case 'create-index': {
        const key = tableKey(d.table, 'postgres');
        const name = d.name?.name ?? `on ${key}`;
        if (!d.ifNotExists) robust(s.tokens[0], `CREATE INDEX ${name}`, 'Missing IF NOT EXISTS');
        if (!d.concurrently && !createdInTx.has(key)) {
          add('require-concurrent-index-creation', s.tokens[0], `CREATE INDEX ${name} on ${key} without CONCURRENTLY blocks writes to ${key} while the index builds`, `CREATE INDEX CONCURRENTLY ${d.name ? `${name} ` : ''}ON ${key} … (outside a transaction)`);
        }
        break;
      }
      case 'drop': {
        const names = d.names.map((n) => tableKey(n, 'postgres')).join(', ');
        if (!d.ifExists && (d.object === 'TABLE' || d.object === 'INDEX')) robust(s.tokens[0], `DROP ${d.object} ${names}`, 'Missing IF EXISTS');
        if (d.object === 'TABLE') add('ban-drop-table', s.tokens[0], `Dropping table ${names} may break existing clients`, 'Stop reading and writing the table in a deploy before dropping it, or rename it first');
        break;
      }
      case 'alter-table': {
        const key = tableKey(d.table, 'postgres');
        const fresh = createdInTx.has(key);
        for (const a of d.actions) {
          const tok = a.token;
          switch (a.type) {
            case 'add-column': {
              const c = a.column;
              const label = `${key}.${c.name}`;
              if (!a.ifNotExists) robust(tok, `ADD COLUMN ${label}`, 'Missing IF NOT EXISTS');
              columnTypeRules(c, key, add);
              const volatile = c.defaultTokens ? volatileDefault(c.defaultTokens) : undefined;
              if (c.generated !== undefined) {
                const gen = s.tokens.find((t) => t.start > c.token.start && t.value === 'GENERATED') ?? c.token;
                add('adding-field-with-default', gen, `Adding the stored generated column ${label} rewrites ${key} under an ACCESS EXCLUSIVE lock`, 'Add a plain column, backfill it in batches, and keep it current with a trigger');
              } else if (c.defaultTokens && (pgVersion < 11 || volatile)) {
                const why = pgVersion < 11 ? `before PostgreSQL 11 any default rewrites the table` : `${volatile}() is volatile, so every row is rewritten`;
                add('adding-field-with-default', c.defaultTokens[0], `Adding ${label} with DEFAULT ${renderDefault(c.defaultTokens)}: ${why} under an ACCESS EXCLUSIVE lock`, 'Add the column without a default, set the default in a second statement, then backfill in batches');
              }
              if (c.unique && !fresh) add('disallowed-unique-constraint', tok, `Adding ${label} as UNIQUE builds the index under an ACCESS EXCLUSIVE lock on ${key}`, `CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ${key} ADD CONSTRAINT … UNIQUE USING INDEX …`);
              break;
            }
            case 'drop-column':
              if (!a.ifExists) robust(tok, `DROP COLUMN ${key}.${a.column}`, 'Missing IF EXISTS');
              add('ban-drop-column', tok, `Dropping column ${key}.${a.column} may break existing clients`, 'Deploy code that no longer reads the column first; consider leaving it in place');
              break;
            case 'drop-constraint':
              if (a.ifExists) droppedIfExists.add(`${key}.${a.name}`);
              else robust(tok, `DROP CONSTRAINT ${a.name}`, 'Missing IF EXISTS');
              break;
            case 'add-constraint': {
              const con = a.constraint;
              const name = con.name ?? con.kind;
              if (!(con.name && droppedIfExists.has(`${key}.${con.name}`))) robust(tok, `ADD CONSTRAINT ${name} on ${key}`, 'Missing transaction');
              if (fresh || con.usingIndex) break;
              if (con.notValid) {
                if (inTx && con.name) notValidInTx.add(`${key}.${con.name}`);
                break;
              }
              if (con.kind !== 'index') {
                add('constraint-missing-not-valid', tok, `Constraint ${name} on ${key} is validated while ADD CONSTRAINT holds its lock, blocking writes during the table scan`, `ADD CONSTRAINT … NOT VALID, then ALTER TABLE ${key} VALIDATE CONSTRAINT ${name} in a separate transaction`);
              }
              if (con.kind === 'unique') {
                const at = s.tokens[s.tokens.indexOf(tok) + 1] ?? tok;
                add('disallowed-unique-constraint', at, `Adding UNIQUE constraint ${name} (${con.columns.join(', ')}) on ${key} builds the index under an ACCESS EXCLUSIVE lock`, `CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ${name} UNIQUE USING INDEX <index>`);
              }
              break;
            }
            case 'validate-constraint':
              robust(tok, `VALIDATE CONSTRAINT ${a.name}`, 'Missing transaction');
              if (notValidInTx.has(`${key}.${a.name}`)) {
                add('constraint-missing-not-valid', tok, `Constraint ${a.name} on ${key} is added NOT VALID and validated in the same transaction, which blocks reads and writes while it is validated`, 'Commit after ADD CONSTRAINT … NOT VALID and run VALIDATE CONSTRAINT in its own transaction');
              }
              break;
            case 'alter-type': {
              robust(tok, `ALTER COLUMN ${key}.${a.column} TYPE`, 'Missing transaction');
              const typeTok = s.tokens.find((t) => t.start > tok.start && (t.value === 'TYPE' || t.value === 'SET')) ?? tok;
              add('changing-column-type', typeTok, `Changing the type of ${key}.${a.column} to ${a.newType} rewrites ${key} under an ACCESS EXCLUSIVE lock and may break clients`, 'Add a new column, backfill it, switch readers, then drop the old one');
              const newTypeTok = s.tokens[s.tokens.indexOf(typeTok) + (typeTok.value === 'SET' ? 3 : 1)];
              if (newTypeTok) typeRules(a.newType, newTypeTok, `${key}.${a.column}`, add);
              break;
            }
            case 'set-not-null': {
              robust(tok, `SET NOT NULL on ${key}.${a.column}`, 'Missing transaction');
              const setTok = s.tokens.find((t) => t.start > tok.start && t.value === 'SET') ?? tok;
              add('adding-not-nullable-field', setTok, `Setting ${key}.${a.column} NOT NULL scans ${key} under an ACCESS EXCLUSIVE lock, blocking reads and writes`, `ADD CONSTRAINT … CHECK (${a.column} IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ skips the scan)`);
              break;
            }
            case 'rename-column':
              robust(tok, `RENAME COLUMN ${key}.${a.from}`, 'Missing transaction');
              add('renaming-column', tok, `Renaming column ${key}.${a.from} to ${a.to} may break existing clients`, 'Add the new column and migrate readers first, or use a view');
              break;
            case 'rename-table':
              robust(tok, `RENAME TO ${a.to}`, 'Missing transaction');
              break;
            default:
              break;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

type Add = (ruleId: string, at: Token, message: string, fix: string) => void;

function columnTypeRules(c: ColumnDef, table: string, add: Add): void {
  if (c.type && c.typeToken) typeRules(c.type, c.typeToken, `${table}.${c.name}`, add);
}

function typeRules(type: string, at: Token, label: string, add: Add): void {
  const t = typeInfo(type);
  if (t.base === 'integer') add('prefer-bigint-over-int', at, `Column ${label} is ${type}: 32-bit integers can hit the max int limit`, `Use ${t.serial ? 'bigint GENERATED … AS IDENTITY' : 'bigint'}`);
  if (t.base === 'timestamp without time zone') add('prefer-timestamp-tz', at, `Column ${label} is ${type}: PostgreSQL drops the UTC offset`, 'Use timestamptz');
  if (t.base === 'character varying' && t.args.length > 0) add('prefer-text-field', at, `Column ${label} is ${type}: changing its size later needs an ACCESS EXCLUSIVE lock`, `Use text with CHECK (char_length(...) <= ${t.args[0]})`);
}

/** Name of the first function in a default that is not known to be stable, if any. */
function volatileDefault(tokens: Token[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'word' && tokens[i + 1]?.text === '(') {
      const name = t.text.toLowerCase();
      if (!STABLE_DEFAULT_FUNCTIONS.has(name) && !['interval', 'array'].includes(name)) return name;
    }
  }
  return undefined;
}

function renderDefault(tokens: Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** The strongest lock a DDL statement takes, as PostgreSQL names it. */
export function statementLock(s: Statement): string {
  const d = parseDdl(s);
  switch (d.type) {
    case 'create-index':
      return d.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE';
    case 'drop':
      return d.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
    case 'alter-table': {
      let best = 0;
      for (const a of d.actions) {
        let lock = ACTION_LOCK[a.type] ?? 'ACCESS EXCLUSIVE';
        if (a.type === 'add-constraint' && a.constraint.kind === 'foreign') lock = 'SHARE ROW EXCLUSIVE';
        best = Math.max(best, LOCK_RANK.indexOf(lock));
      }
      return LOCK_RANK[best];
    }
    case 'create-table':
    case 'create-enum':
    case 'alter-enum-add':
      return 'ACCESS EXCLUSIVE';
    default:
      return s.kind.startsWith('SELECT') ? 'ACCESS SHARE' : /^(UPDATE|DELETE|INSERT)/.test(s.kind) ? 'ROW EXCLUSIVE' : 'ACCESS EXCLUSIVE';
  }
}
