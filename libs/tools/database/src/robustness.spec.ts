import { existsSync, readFileSync } from 'node:fs';
import { runTool, resultText } from '@mcp/core-protocol/testing';
import { tools } from './index';

/**
 * Real-world SQL shipped with Debian's PostgreSQL, fed to every tool that reads SQL: each call
 * must either succeed or answer with a positioned parse error, never an internal error.
 */
const corpus = [
  '/usr/share/postgresql/15/information_schema.sql',
  '/usr/share/postgresql/15/system_views.sql',
  '/usr/share/postgresql/15/system_functions.sql',
  '/usr/share/postgresql/15/system_constraints.sql',
  '/usr/share/postgresql/15/snowball_create.sql',
].filter(existsSync);

const argsFor = (name: string, sql: string): Record<string, unknown> => {
  if (name === 'db_diff_schemas') return { before: sql, after: sql };
  if (name === 'db_suggest_indexes') return { schema: sql, queries: sql };
  if (name === 'db_review_schema' || name === 'db_generate_erd') return { schema: sql };
  return { content: sql };
};

describe('database tools on PostgreSQL’s own SQL files', () => {
  if (corpus.length === 0) console.log('PostgreSQL SQL files not found (apt-get install postgresql): skipping the robustness corpus');
  (corpus.length ? it : it.skip).each(corpus)('never crash on %s', async (file) => {
    const sql = readFileSync(file, 'utf8');
    const outcomes: string[] = [];
    for (const tool of tools) {
      if (tool.name === 'db_analyze_explain_plan') continue;
      const reply = await runTool(tool, argsFor(tool.name, sql));
      const text = resultText(reply);
      expect(text).not.toMatch(/^Internal error/);
      if (reply.isError) expect(text).toMatch(/line \d+, column \d+: /);
      outcomes.push(`${tool.name}: ${reply.isError ? text.slice(0, 160) : 'ok'}`);
    }
    console.log(`${file}\n${outcomes.join('\n')}`);
  }, 120_000);
});

describe('database tools on truncated input', () => {
  const sources = ['lint-sql/fixtures/cte-violations.sql', 'detect-query-antipatterns/fixtures/report-queries.sql', 'review-schema/fixtures/shop-clean.sql', 'lint-migration/fixtures/mixed-transaction.sql'].map((f) =>
    readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'),
  );
  it('answers every prefix with a result or a positioned parse error', async () => {
    let errors = 0;
    for (const sql of sources) {
      for (let cut = 1; cut < sql.length; cut += 13) {
        const text = sql.slice(0, cut);
        for (const tool of tools) {
          if (tool.name === 'db_analyze_explain_plan') continue;
          const reply = await runTool(tool, argsFor(tool.name, text));
          const out = resultText(reply);
          if (reply.isError) {
            errors++;
            expect(`${tool.name}: ${out}`).toMatch(/: (\w+: )?line \d+, column \d+: /);
          }
        }
      }
    }
    expect(errors).toBeGreaterThan(0);
  }, 300_000);
});
