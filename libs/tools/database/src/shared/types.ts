/**
 * Canonical type names, so that `int`, `int4` and `integer` compare equal (db_diff_schemas
 * must emit nothing for equivalent spellings) and rules can ask "is this a timestamp".
 */
const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallserial: 'smallint',
  serial2: 'smallint',
  bool: 'boolean',
  boolean: 'boolean',
  float8: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
};

export interface TypeInfo {
  /** As written, lower-cased and normalized in spacing: `varchar(255)`. */
  written: string;
  /** Canonical: `character varying(255)`. */
  canonical: string;
  base: string;
  args: string[];
  array: boolean;
  serial: boolean;
}

export function typeInfo(written: string): TypeInfo {
  let w = written.trim().replace(/\s+/g, ' ').toLowerCase();
  let array = false;
  while (w.endsWith('[]')) {
    array = true;
    w = w.slice(0, -2).trim();
  }
  if (/ array$/.test(w)) {
    array = true;
    w = w.slice(0, -6);
  }
  // timestamp(3) with time zone: the precision sits inside the name
  let args: string[] = [];
  const m = /^([a-z_][a-z0-9_ ."]*?)\s*\(([^)]*)\)\s*(.*)$/.exec(w);
  let base = w;
  if (m) {
    args = m[2].split(',').map((a) => a.trim());
    base = `${m[1]}${m[3] ? ` ${m[3]}` : ''}`.trim();
  }
  base = base.replace(/^pg_catalog\./, '').replace(/ unsigned$| zerofill$/g, '');
  const serial = /^(small|big)?serial[248]?$/.test(base);
  let canonical = ALIASES[base] ?? base;
  if (canonical === 'character' && args.length === 0 && !array) args = ['1'];
  if (canonical === 'numeric' && args.length === 2 && args[1] === '0') args = [args[0]];
  if (/^(integer|bigint|smallint|tinyint|mediumint)$/.test(canonical)) args = []; // MySQL display widths
  canonical = args.length > 0 ? `${canonical}(${args.join(',')})` : canonical;
  if (array) canonical += '[]';
  return { written: written.trim().replace(/\s+/g, ' '), canonical, base: ALIASES[base] ?? base, args, array, serial };
}

export function isTimestampWithoutTz(t: TypeInfo): boolean {
  return t.base === 'timestamp without time zone' || t.base === 'datetime';
}

/** Integer width rank, to tell widening from narrowing. */
export const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
