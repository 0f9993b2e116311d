import { parse } from '@babel/parser';
import type { File } from '@babel/types';
import { LineIndex, ParseError } from '@mcp/core-response';
import { babelOptionsFor } from './babel-config';

export interface ParsedSource {
  code: string;
  ast: File;
  lines: LineIndex;
}

/** Parses JS/TS with the category's one configuration; a syntax error becomes a ParseError. */
export function parseSource(code: string, source?: string): ParsedSource {
  try {
    // attachComment: false skips attaching comments to nodes (no tool here reads them); it
    // saves ~15% of parse time and changes neither the AST's shape nor syntax-error positions.
    return { code, ast: parse(code, { ...babelOptionsFor(source), attachComment: false }), lines: new LineIndex(code) };
  } catch (error) {
    throw toParseError(error, source);
  }
}

/** Babel says `Unexpected token (3:7)` with a 0-based column; the contract wants 1-based. */
export function toParseError(error: unknown, source?: string): ParseError {
  const e = error as { message?: string; loc?: { line: number; column: number } };
  const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)\s*$/, '');
  return new ParseError(message, e.loc?.line ?? 1, (e.loc?.column ?? 0) + 1, source);
}
