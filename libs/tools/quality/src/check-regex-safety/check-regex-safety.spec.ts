import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { checkRegexSafety } from './check-regex-safety.tool';

interface Pattern {
  name: string;
  source: string;
  flags: string;
  type?: string;
}
const patterns = JSON.parse(readFileSync(new URL('./fixtures/patterns.json', import.meta.url), 'utf8')) as { vulnerable: Pattern[]; safe: Pattern[] };

interface Out {
  findings: Array<{ ruleId: string; severity: string; message: string; location: { line: number; column: number } }>;
  metrics: { status: string; complexity: { type: string; degree?: number; summary: string }; starHeight: number };
  artifacts: { attack: { string: string; pattern: string } | null; rewrite: string | null };
}
const check = async (source: string, flags = '') => structured<Out>(await runTool(checkRegexSafety, { content: source, options: { flags } }));

/**
 * Runs the regex on an input in a child process with a time bound: returns the elapsed
 * milliseconds, or Infinity when the child had to be killed.
 */
function timeMatch(source: string, flags: string, inputExpr: string, timeoutMs: number): number {
  const script = `const re = new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}); const s = ${inputExpr}; const t = process.hrtime.bigint(); re.test(s); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const r = spawnSync(process.execPath, ['-e', script], { timeout: timeoutMs, encoding: 'utf8' });
  if (r.error || r.signal) return Infinity;
  return Number(r.stdout);
}

describe('quality_check_regex_safety', () => {
  it.each(patterns.vulnerable.map((p) => [p.name, p]))('%s: the reported attack really blows up', async (_name, p) => {
    const out = await check(p.source, p.flags);
    expect(out.metrics.status).toBe('vulnerable');
    expect(out.metrics.complexity.type).toBe(p.type);
    expect(out.findings.length).toBeGreaterThan(0);
    expect(out.findings.every((f) => f.ruleId === 'redos' && f.severity === (p.type === 'exponential' ? 'error' : 'warning'))).toBe(true);
    const attack = out.artifacts.attack!;
    // The expression form builds exactly the reported string.
    expect(new Function(`return ${attack.pattern}`)()).toBe(attack.string);
    // The attack must not match (a match would return early), checked on a short, harmless pump.
    const shortExpr = attack.pattern.replace(/\.repeat\(\d+\)/, '.repeat(6)');
    expect(new RegExp(p.source, p.flags).test(new Function(`return ${shortExpr}`)())).toBe(false);
    // Blow-up: the full attack exceeds a 1.5 s bound, while a tenth of the pumps is quick.
    const small = attack.pattern.replace(/\.repeat\((\d+)\)/, (_m, n) => `.repeat(${p.type === 'exponential' ? 12 : Math.ceil(Number(n) / 10)})`);
    expect(timeMatch(p.source, p.flags, small, 5000)).toBeLessThan(1000);
    expect(timeMatch(p.source, p.flags, attack.pattern, 1500)).toBe(Infinity);
  }, 30000);

  it.each(patterns.safe.map((p) => [p.name, p]))('%s is safe', async (_name, p) => {
    const out = await check(p.source, p.flags);
    expect(out.metrics).toMatchObject({ status: 'safe', complexity: { type: 'safe' } });
    expect(out.findings).toEqual([]);
    expect(out.artifacts).toEqual({ attack: null, rewrite: null });
  });

  it('measures star height and locates the quantifier', async () => {
    const out = await check('^(\\w+\\s?)*$');
    expect(out.metrics.starHeight).toBe(2);
    expect(out.findings[0].location).toEqual({ line: 1, column: 3 });
    expect(out.findings[0].message).toContain('"\\\\w+"');
    expect(resultText(await runTool(checkRegexSafety, { content: '^(\\w+\\s?)*$' }))).toContain('Verdict: **vulnerable**');
  });

  it('offers an equivalent rewrite when the ambiguity can be removed', async () => {
    const out = await check('^\\d*\\w+$');
    expect(out.artifacts.rewrite).toBe('^\\w+$');
    expect((await check(out.artifacts.rewrite!)).metrics.status).toBe('safe');
  });

  it('reports a polynomial degree', async () => {
    expect((await check('^\\d*\\w+$')).metrics.complexity).toMatchObject({ type: 'polynomial', degree: 2 });
  });

  it('names the position of an invalid pattern', async () => {
    const reply = await runTool(checkRegexSafety, { content: 'ab(c' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 1, column \d+: .*Unterminated group/);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(checkRegexSafety, { content: 'a+', options: { flags: 'q' } }))).toMatch(/^Invalid arguments: options\.flags/);
  });
});
