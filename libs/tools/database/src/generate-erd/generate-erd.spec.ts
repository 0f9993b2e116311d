import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { generateErdTool } from './generate-erd.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('db_generate_erd', () => {
  it('derives entities, relationships and cardinalities', async () => {
    const env = structured<Envelope>(await runTool(generateErdTool, { schema: fixture('blog.sql') }));
    const rels = env.metrics?.relationships as { from: { table: string; columns: string[] }; to: { table: string }; cardinality: string }[];
    expect(rels.map((r) => [r.from.table, r.from.columns.join(','), r.to.table, r.cardinality])).toEqual([
      ['profiles', 'user_id', 'auth.users', '||--o|'],
      ['posts', 'author_id', 'auth.users', '||..o{'],
      ['posts', 'editor_id', 'auth.users', '|o..o{'],
      ['post_tags', 'post_id', 'posts', '||--o{'],
      ['post_tags', 'tag_id', 'tags', '||--o{'],
    ]);
    const entities = env.metrics?.entities as { name: string; schema: string; columns: { name: string; pk: boolean; unique: boolean; fk: boolean; nullable: boolean }[] }[];
    expect(entities.map((e) => e.name)).toEqual(['users', 'profiles', 'posts', 'tags', 'post_tags', 'audit_log']);
    expect(entities[0]).toMatchObject({ schema: 'auth', columns: [{ name: 'id', pk: true }, { name: 'email', unique: true, nullable: false }, { name: 'created_at' }] });
    const mermaid = String(env.artifacts?.mermaid);
    expect(mermaid).toContain('    "auth.users" ||--o| profiles : "user_id"');
    expect(mermaid).toContain('    "auth.users" |o..o{ posts : "editor_id"');
    expect(mermaid).toContain('        uuid user_id PK, FK');
    expect(mermaid).toContain('        numeric(10_2) amount');
    const dbml = String(env.artifacts?.dbml);
    expect(dbml).toContain('Table auth.users {');
    expect(dbml).toContain('Ref: profiles.user_id - auth.users.id');
    expect(dbml).toContain('Ref: post_tags.tag_id > tags.id');
    expect(dbml).toContain('    (post_id, tag_id) [pk]');
    expect(dbml).toContain('  name varchar(50) [unique, not null]');
    expect(resultText(await runTool(generateErdTool, { schema: fixture('blog.sql') }))).toContain('| post_tags(tag_id) | tags(id) | ||--o{ |'.replace(/\|\|--o\{/, '\\|\\|--o{'));
  });

  it('treats a composite foreign key as one relationship', async () => {
    const env = structured<Envelope>(
      await runTool(generateErdTool, {
        content:
          'CREATE TABLE a (x int, y int, PRIMARY KEY (x, y));\nCREATE TABLE b (id int PRIMARY KEY, x int NOT NULL, y int NOT NULL, FOREIGN KEY (x, y) REFERENCES a (x, y));',
      }),
    );
    expect(env.metrics?.relationships).toEqual([{ from: { table: 'b', columns: ['x', 'y'] }, to: { table: 'a', columns: ['x', 'y'] }, cardinality: '||..o{', identifying: false }]);
    expect(String(env.artifacts?.dbml)).toContain('Ref: b.(x, y) > a.(x, y)');
  });

  it('reports parse errors and invalid arguments', async () => {
    expect(resultText(await runTool(generateErdTool, { schema: "CREATE TABLE a (id int DEFAULT 'x);" }))).toBe('schema: line 1, column 32: unterminated string literal');
    expect(resultText(await runTool(generateErdTool, { schema: 1 }))).toMatch(/^Invalid arguments: schema:/);
  });
});
