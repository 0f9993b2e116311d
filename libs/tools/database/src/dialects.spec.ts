import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { generateErdTool } from './generate-erd/generate-erd.tool';
import { reviewSchemaTool } from './review-schema/review-schema.tool';
import { detectQueryAntipatternsTool } from './detect-query-antipatterns/detect-query-antipatterns.tool';
import { lintSqlTool } from './lint-sql/lint-sql.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('MySQL and SQLite input', () => {
  it('reads a mysqldump: backticks, display widths, inline KEYs, table options, INSERT rows', async () => {
    const erd = structured<Envelope>(await runTool(generateErdTool, { schema: fixture('mysql-dump.sql'), options: { dialect: 'mysql' } }));
    expect(erd.metrics?.relationships).toEqual([{ from: { table: 'posts', columns: ['user_id'] }, to: { table: 'users', columns: ['id'] }, cardinality: '||..o{', identifying: false }]);
    const review = structured<Envelope>(await runTool(reviewSchemaTool, { schema: fixture('mysql-dump.sql'), options: { dialect: 'mysql' } }));
    expect(review.findings.map((f) => f.message)).toEqual(['Column users.created_at is nullable']);
  });

  it('reads SQLite: [bracketed] names, AUTOINCREMENT, WITHOUT ROWID, REFERENCES', async () => {
    const erd = structured<Envelope>(await runTool(generateErdTool, { schema: fixture('sqlite-chinook.sql'), options: { dialect: 'sqlite' } }));
    expect((erd.metrics?.entities as { name: string; columns: { name: string }[] }[]).map((e) => [e.name, e.columns.map((c) => c.name)])).toEqual([
      ['artists', ['ArtistId', 'Name']],
      ['albums', ['AlbumId', 'Title', 'ArtistId']],
    ]);
    expect(String(erd.artifacts?.dbml)).toContain('Ref: albums.ArtistId > artists.ArtistId');
  });

  it('reports dialect-specific syntax in the wrong dialect as a parse error naming it', async () => {
    expect(resultText(await runTool(generateErdTool, { schema: fixture('mysql-dump.sql') }))).toMatch(/^schema: line 7, column 22: backtick-quoted identifiers are MySQL syntax/);
    const q = 'SELECT id FROM posts WHERE title LIKE "%draft%";';
    expect(structured<Envelope>(await runTool(detectQueryAntipatternsTool, { content: q, options: { dialect: 'mysql' } })).findings.map((f) => f.ruleId)).toEqual(['leading-wildcard-like']);
    expect(structured<Envelope>(await runTool(lintSqlTool, { content: 'SELECT `id` FROM `posts`; # comment\n', options: { dialect: 'mysql' } })).findings).toEqual([]);
  });
});
