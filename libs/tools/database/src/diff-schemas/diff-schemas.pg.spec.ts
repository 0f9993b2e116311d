import { readFileSync } from 'node:fs';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { DESCRIBE_SCHEMA_SQL, startPostgres, type Postgres } from '../shared/testing/postgres';
import { diffSchemasTool } from './diff-schemas.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/**
 * Round trip in a real PostgreSQL: before + generated migration must describe the same schema
 * as after applied to an empty database (columns, constraints, indexes, enum values).
 */
describe('db_diff_schemas round trip in PostgreSQL', () => {
  let pg: Postgres | undefined;
  let n = 0;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());

  const roundTrip = async (before: string, after: string) => {
    if (!pg) return;
    const env = structured<Envelope>(await runTool(diffSchemasTool, { before, after }));
    const migration = String(env.artifacts?.migration);
    const a = `rt_${++n}_a`;
    const b = `rt_${n}_b`;
    pg.createDb(a);
    pg.createDb(b);
    pg.psql(before, a);
    pg.psql(migration, a);
    pg.psql(after, b);
    const described = pg.psql(DESCRIBE_SCHEMA_SQL, b);
    expect(described).toMatch(/^column /m);
    expect(pg.psql(DESCRIBE_SCHEMA_SQL, a)).toBe(described);
    return migration;
  };

  it('migrates shop v1 to v2', async () => {
    const migration = await roundTrip(fixture('shop-v1.sql'), fixture('shop-v2.sql'));
    if (pg) expect(migration).toContain('DROP TABLE coupons;');
  }, 60_000);

  it('migrates v2 back to v1 except the enum value (tables only)', async () => {
    const strip = (s: string) => s.replace(/CREATE TYPE[^;]*;/, '').replace(/status order_status NOT NULL DEFAULT 'new',/, '');
    await roundTrip(strip(fixture('shop-v2.sql')), strip(fixture('shop-v1.sql')));
  }, 60_000);

  it('migrates a pg_dump style schema with identity, schemas and partial indexes', async () => {
    const before = fixture('dump-before.sql');
    const after = fixture('dump-after.sql');
    await roundTrip(before, after);
    await roundTrip(after, before);
    if (pg) expect(pg.version).toMatch(/^1[0-9]/);
  }, 60_000);
});
