import type { SyntaxNode, Tree } from '@lezer/common';
import { LineIndex, ParseError } from '@mcp/core-response';
import { parser } from './grammar/parser';

/** One parsed Python file; every tool of the category works on this, never on raw text. */
export interface PyModule {
  text: string;
  tree: Tree;
  top: SyntaxNode;
  lines: LineIndex;
  /** The path as given in `files`; undefined for a single `content`. */
  path?: string;
}

/**
 * Parses Python 3 source. Lezer recovers from syntax errors by inserting error nodes; a
 * tool must not analyze a half-understood file, so the first error node becomes a
 * ParseError at its line and column (TOOLS.md "Bad input").
 */
export function parsePython(text: string, path?: string): PyModule {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  let errorAt = -1;
  let legacy: { at: number; message: string } | null = null;
  const python2 = (at: number, message: string) => {
    if (!legacy) legacy = { at, message };
  };
  tree.iterate({
    enter(n) {
      if (errorAt >= 0) return false;
      if (n.type.isError) {
        errorAt = n.from;
        return false;
      }
      // The grammar still accepts some Python 2 forms that Python 3 rejects.
      switch (n.name) {
        case 'PrintStatement':
          python2(n.from, "Missing parentheses in call to 'print'");
          break;
        case 'RaiseStatement':
        case 'TryStatement': {
          for (let c = n.node.firstChild, prev = ''; c; prev = c.name, c = c.nextSibling) {
            if (c.name !== ',') continue;
            if (n.name === 'RaiseStatement') python2(c.from, 'invalid syntax');
            else if (prev !== 'except') python2(c.from, 'multiple exception types must be parenthesized');
          }
          break;
        }
        case 'CompareOp':
          if (text.slice(n.from, n.to) === '<>') python2(n.from, 'invalid syntax');
          break;
        case 'Number':
          if (/^0+[1-9][0-9_]*$/.test(text.slice(n.from, n.to))) python2(n.from, 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
          break;
      }
      return undefined;
    },
  });
  const old = legacy as { at: number; message: string } | null;
  if (errorAt < 0 && old) {
    const { line, column } = lines.position(old.at);
    throw new ParseError(old.message, line, column, path);
  }
  if (errorAt >= 0) {
    const { line, column } = lines.position(errorAt);
    throw new ParseError(describeError(text, errorAt), line, column, path);
  }
  return { text, tree, top: tree.topNode, lines, path };
}

function describeError(text: string, at: number): string {
  const rest = text.slice(at);
  if (/^\s*$/.test(rest)) return 'invalid syntax: unexpected end of file';
  const token = /^(\w+|\S)/.exec(rest.replace(/^[ \t]+/, ''));
  if (!token) return 'invalid syntax: unexpected line break';
  return `invalid syntax: unexpected '${token[1]}'`;
}

/** Parses several files, failing on the first that does not parse (TOOLS.md "Errors"). */
export function parseFiles(files: { path: string; content: string }[]): PyModule[] {
  return files.map((f) => parsePython(f.content, f.path));
}

export const isPythonPath = (path: string) => /\.pyi?$/.test(path);
