import { toEnvelope } from './envelope';
import { ParseError, positionAt, LineIndex } from './errors';
import { renderEnvelope } from './markdown';

describe('toEnvelope', () => {
  const findings = [
    { ruleId: 'B', severity: 'info' as const, message: 'b', location: { line: 9 } },
    { fix: 'do x', message: 'a', severity: 'error' as const, ruleId: 'A', location: { line: 2, column: 5 }, package: 'p' },
    { ruleId: 'C', severity: 'warning' as const, message: 'c', location: { line: 2, column: 1 } },
  ];

  it('sorts findings by position and counts severities', () => {
    const env = toEnvelope({ findings });
    expect(env.findings.map((f) => f.ruleId)).toEqual(['C', 'A', 'B']);
    expect(env.summary).toEqual({ errors: 1, warnings: 1, infos: 1 });
  });

  it('puts finding keys in contract order with tool fields last', () => {
    const env = toEnvelope({ findings });
    expect(Object.keys(env.findings[1])).toEqual(['ruleId', 'severity', 'message', 'location', 'fix', 'package']);
  });

  it('drops ignored rule ids before counting', () => {
    const env = toEnvelope({ findings }, ['A', 'C']);
    expect(env.findings.map((f) => f.ruleId)).toEqual(['B']);
    expect(env.summary).toEqual({ errors: 0, warnings: 0, infos: 1 });
  });

  it('renders every finding with its rule id and location', () => {
    const text = renderEnvelope('Lint', toEnvelope({ findings }));
    expect(text).toContain('`A` (line 2:5): a Fix: do x');
    expect(text).toContain('`B` (line 9): b');
  });
});

describe('positions', () => {
  it('maps offsets to 1-based line and column', () => {
    const text = 'ab\ncd\n\nef';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(new LineIndex(text).position(7)).toEqual({ line: 4, column: 1 });
    expect(new LineIndex(text).lineText(2)).toBe('cd');
  });

  it('formats parse errors as path: line, column: message', () => {
    expect(new ParseError('unexpected token', 3, 7).toString()).toBe('line 3, column 7: unexpected token');
    expect(new ParseError('bad', 1, 2).in('src/a.ts').toString()).toBe('src/a.ts: line 1, column 2: bad');
  });
});
