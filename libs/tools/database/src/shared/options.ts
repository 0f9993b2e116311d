import { z } from 'zod';
import { InputError } from '@mcp/core-response';
import type { Dialect } from './lexer';

export const dialectOption = z
  .enum(['postgres', 'mysql', 'sqlite'])
  .optional()
  .describe('SQL dialect of the input: postgres (default), mysql or sqlite');

export function dialectOf(options: { dialect?: Dialect } | undefined): Dialect {
  return options?.dialect ?? 'postgres';
}

/** For tools whose anchor is PostgreSQL-only: other dialects are refused by name, not misread. */
export function requirePostgres(options: { dialect?: Dialect } | undefined, what: string): void {
  const d = dialectOf(options);
  if (d !== 'postgres') throw new InputError(`options.dialect: ${what} is PostgreSQL-specific; dialect "${d}" is not supported by this tool`);
}

/** `schema` with `content` accepted as its alias (TOOLS.md, Database interface details). */
export function schemaText(args: { schema?: string; content?: string }): { text: string; source?: string } {
  if (args.schema !== undefined) return { text: args.schema, source: 'schema' };
  if (args.content !== undefined) return { text: args.content };
  throw new InputError('Missing argument: pass the DDL as `schema` (or `content`).');
}
