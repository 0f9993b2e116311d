import type { Node } from '@babel/types';
import { ParseError } from '@mcp/core-response';
import { memberPath, parseJs, walk } from './index';

describe('parseJs', () => {
  it('parses TypeScript, JSX and decorators with one configuration', () => {
    const ast = parseJs('@sealed class A { x: number = 1 }\nexport const el = <div id="a">{1 as number}</div>;\n', { source: 'a.tsx' });
    expect(ast.program.body.map((n) => n.type)).toEqual(['ClassDeclaration', 'ExportNamedDeclaration']);
    expect(ast.comments).toEqual([]);
  });

  it('names the file, line and 1-based column of a syntax error', () => {
    const error = (() => {
      try {
        parseJs('const a = 1;\nconst b = ;\n', { source: 'src/b.ts' });
      } catch (e) {
        return e;
      }
    })() as ParseError;
    expect(error).toBeInstanceOf(ParseError);
    expect(error.toString()).toMatch(/^src\/b\.ts: line 2, column 11: Unexpected token/);
  });

  it('accepts ambient declarations in .d.ts files only', () => {
    expect(() => parseJs('export const x: number;\n', { source: 'types.d.ts' })).not.toThrow();
    expect(() => parseJs('export const x: number;\n', { source: 'types.ts' })).toThrow(ParseError);
  });

  it('allows a top-level return only when asked (CommonJS module bodies)', () => {
    expect(() => parseJs('return;\n')).toThrow(ParseError);
    expect(() => parseJs('return;\n', { allowReturnOutsideFunction: true })).not.toThrow();
  });
});

describe('walk', () => {
  it('visits in source order with parent and ancestors, and skips children on false', () => {
    const ast = parseJs('function f(a) { return a.b.c; }\nconst g = () => { x.y(); };\n');
    const seen: string[] = [];
    walk(ast.program, {
      enter(node: Node, parent, ancestors) {
        if (node.type === 'MemberExpression' && parent?.type !== 'MemberExpression') seen.push(`${memberPath(node)}@${ancestors.length}`);
        return node.type !== 'ArrowFunctionExpression';
      },
    });
    expect(seen).toEqual(['a.b.c@4']);
  });
});
