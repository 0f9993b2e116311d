import type { File } from '@babel/types';
import { LineIndex } from '@mcp/core-response';
import { parseJs } from '@mcp/core-js';

export interface ParsedSource {
  code: string;
  ast: File;
  lines: LineIndex;
}

/** Parses JS/TS with the shared configuration; a syntax error becomes a ParseError. */
export function parseSource(code: string, source?: string): ParsedSource {
  return { code, ast: parseJs(code, { source }), lines: new LineIndex(code) };
}
