import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import { ParseError } from '@mcp/core-response';

/**
 * The same @babel/parser configuration as the Quality and Node.js categories (TOOLS.md): TypeScript
 * + JSX + legacy decorators, `sourceType: "unambiguous"`, so that a syntax error is reported at
 * the same line and column by every tool. Kept here because category libs may not import each other.
 */
const PLUGINS: ParserPlugin[] = ['typescript', 'jsx', 'decorators-legacy', 'importAttributes', 'explicitResourceManagement'];

export function parseSource(code: string, path: string): File {
  try {
    return parse(code, { sourceType: 'unambiguous', plugins: PLUGINS, errorRecovery: false, allowReturnOutsideFunction: true });
  } catch (error) {
    const e = error as { message?: string; loc?: { line: number; column: number } };
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)\s*$/, '');
    throw new ParseError(message, e.loc?.line ?? 1, (e.loc?.column ?? 0) + 1, path);
  }
}
