import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ParseError } from '@mcp/core-response';
import { parsePython } from './parse';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function pythonError(src: string): [number, number] | null | 'unavailable' {
  try {
    const out = execFileSync('python3', ['-c', 'import ast,sys\ntry: ast.parse(sys.stdin.read())\nexcept SyntaxError as e: print(e.lineno, e.offset)'], { input: src, encoding: 'utf8' }).trim();
    return out ? (out.split(' ').map(Number) as [number, number]) : null;
  } catch {
    return 'unavailable';
  }
}

describe('parsePython (the forked Lezer grammar)', () => {
  it.each(['syntax-tour.py', 'soft-keywords.py'])('accepts valid Python 3.11 in %s, as ast.parse does', (name) => {
    expect(() => parsePython(fixture(name))).not.toThrow();
    const py = pythonError(fixture(name));
    if (py !== 'unavailable') expect(py).toBeNull();
  });

  it('gives `not` its Python precedence: below comparisons, above and/or', () => {
    const m = parsePython('x = not a or b == c\n');
    const value = m.top.firstChild!.lastChild!;
    expect(value.name).toBe('BinaryExpression');
    expect(value.firstChild!.name).toBe('UnaryExpression');
    expect(m.text.slice(value.firstChild!.from, value.firstChild!.to)).toBe('not a');
  });

  it.each([
    ['def main(argv)\n    return argv\n', 1, 15],
    ['x = [1, 2,, 3]\n', 1, 11],
    ['class A:\npass\n', 2, 1],
    ['print "hello"\n', 1, 1],
    ['try:\n    pass\nexcept ValueError, e:\n    pass\n', 3, 18],
    ['raise ValueError, "bad"\n', 1, 17],
    ['mode = 0755\n', 1, 8],
    ['if a <> b:\n    pass\n', 1, 6],
  ])('reports %j at the line and column of the first error', (src, line, column) => {
    let error: unknown;
    try {
      parsePython(src, 'broken.py');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
    expect((error as ParseError).column).toBe(column);
    expect((error as ParseError).source).toBe('broken.py');
    const py = pythonError(src);
    if (py !== 'unavailable' && py !== null) expect(py[0]).toBe(line);
  });
});
