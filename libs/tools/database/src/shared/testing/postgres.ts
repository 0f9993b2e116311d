import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster on loopback for round-trip specs (specs only: this file uses
 * Node APIs and is never imported by tool code). initdb into a temp dir, pg_ctl on a free port
 * with the socket in that dir; as root the server runs as the `postgres` user via runuser.
 */
export interface Postgres {
  port: number;
  version: string;
  /** Runs SQL through psql with ON_ERROR_STOP; returns stdout (tuples only, unaligned). */
  psql(sql: string, db?: string): string;
  createDb(name: string): void;
  stop(): void;
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `settings` are extra `-c name=value` server settings (e.g. a tiny shared_buffers). */
export async function startPostgres(settings: string[] = []): Promise<Postgres | undefined> {
  const bin = findBinDir();
  const psqlBin = bin && existsSync(join(bin, 'psql')) ? join(bin, 'psql') : '/usr/bin/psql';
  if (!bin || !existsSync(psqlBin)) {
    console.log('PostgreSQL server binaries not found (apt-get install postgresql): skipping the round-trip tests against a real PostgreSQL');
    return undefined;
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'db-tools-pg-'));
  const ids = asRoot ? postgresIds() : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const run = (cmd: string, args: string[]) => {
    const full = ids ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : ([cmd, args] as const);
    const r = spawnSync(full[0], full[1] as string[], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c autovacuum=off${settings.map((x) => ` -c ${x}`).join('')}`, 'start']);
  const psql = (sql: string, db = 'postgres') =>
    execFileSync(psqlBin, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
      input: sql,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  const version = psql('SHOW server_version;').trim();
  return {
    port,
    version,
    psql,
    createDb: (name) => void psql(`CREATE DATABASE ${name};`),
    stop: () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Tables, columns (type, nullability, default), constraints and indexes: a comparable schema. */
export const DESCRIBE_SCHEMA_SQL = `
SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || coalesce(' p' || numeric_precision || ',' || numeric_scale, '') || ' ' || is_nullable || ' ' || coalesce(column_default, '-') || ' ' || is_identity
  FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) AND contype <> 'n'
UNION ALL
SELECT 'index ' || regexp_replace(pg_get_indexdef(indexrelid), 'INDEX \\S+ ON', 'INDEX ON') FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
UNION ALL
SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
ORDER BY 1;
`;
