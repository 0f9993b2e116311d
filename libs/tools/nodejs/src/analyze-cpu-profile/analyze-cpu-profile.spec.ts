import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { analyzeCpuProfileTool } from './analyze-cpu-profile.tool';

type Fn = { functionName: string; url: string; line: number; column: number; selfMs: number; totalMs: number; selfPercent: number; totalPercent: number };
type Metrics = { durationMs: number; sampledMs: number; sampleCount: number; functions: Fn[]; categories: Record<string, number>; hotStacks: { stack: string[]; selfMs: number }[] };

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const run = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(analyzeCpuProfileTool, { content, options }));

/** Records a real profile: node --cpu-prof running fixtures/workload.mjs. */
function recordProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpuprof-'));
  try {
    const script = fileURLToPath(new URL('./fixtures/workload.mjs', import.meta.url));
    const res = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', script, '600'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    if (res.status !== 0) throw new Error(`workload failed: ${res.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    return readFileSync(join(dir, file), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('node_analyze_cpu_profile on a recorded profile', () => {
  let recorded: string;
  beforeAll(() => {
    recorded = recordProfile();
  });

  it('attributes self and total time to the workload\'s functions at their source lines', async () => {
    const env = await run(recorded);
    const m = env.metrics as Metrics;
    const raw = JSON.parse(recorded);
    expect(m.sampleCount).toBe(raw.samples.length);
    expect(m.durationMs).toBeCloseTo((raw.endTime - raw.startTime) / 1000, 6);
    const mine = m.functions.filter((f) => f.url.endsWith('/workload.mjs'));
    const fib = mine.find((f) => f.functionName === 'fib')!;
    expect(fib.line).toBe(5); // `function fib(n) {` in fixtures/workload.mjs
    expect(fib.selfMs).toBeGreaterThan(0);
    // fib is recursive: counted once per sample, so its total can never exceed the sampled time.
    expect(fib.totalMs).toBeLessThanOrEqual(m.sampledMs + 1e-9);
    expect(fib.totalMs).toBeGreaterThanOrEqual(fib.selfMs);
    expect(mine.map((f) => f.functionName)).toEqual(expect.arrayContaining(['fib', 'checksum', 'churn']));
    // Every sampled microsecond is either some function's self time or a category.
    const selfSum = m.functions.reduce((s, f) => s + f.selfMs, 0);
    const c = m.categories;
    expect(selfSum + c.programMs + c.idleMs + c.gcMs).toBeCloseTo(m.sampledMs, 3);
    expect(c.gcMs).toBeGreaterThan(0);
    // Sorted by self time.
    for (let i = 1; i < m.functions.length; i++) expect(m.functions[i - 1].selfMs).toBeGreaterThanOrEqual(m.functions[i].selfMs);
  });

  it('emits folded stacks whose weights add up to the sampled time', async () => {
    const env = await run(recorded);
    const folded = (env.artifacts as { folded: string }).folded.trim().split('\n');
    const total = folded.reduce((s, line) => s + Number(/ (\d+)$/.exec(line)![1]), 0);
    expect(Math.abs(total - (env.metrics as Metrics).sampledMs * 1000)).toBeLessThanOrEqual(folded.length);
    expect(folded.some((l) => /fib \S+workload\.mjs:5;fib \S+workload\.mjs:5/.test(l))).toBe(true);
    expect((env.metrics as Metrics).hotStacks.length).toBeLessThanOrEqual(10);
  });

  it('flags the hot function and accepts the inspector\'s {profile} wrapper', async () => {
    const env = await run(recorded, { hotPercent: 5 });
    expect(env.findings.every((f) => f.ruleId === 'hot-function' && (f.selfPercent as number) > 5)).toBe(true);
    expect(env.findings.length).toBeGreaterThan(0);
    const wrapped = await run(JSON.stringify({ profile: JSON.parse(recorded) }), { hotPercent: 5 });
    expect(wrapped).toEqual(env);
    expect((await run(recorded, { hotPercent: 100 })).findings).toEqual([]);
  });
});

describe('node_analyze_cpu_profile semantics', () => {
  it('computes exact times on a hand-written profile', async () => {
    const env = await run(fixture('hand-written.cpuprofile'), { hotPercent: 30 });
    const m = env.metrics as Metrics;
    // Durations: the next delta for each sample, the mean of those (1000) for the last one: 8000 µs in all.
    expect(m.sampledMs).toBe(8);
    expect(m.durationMs).toBe(10);
    const walk = m.functions.find((f) => f.functionName === 'walk')!;
    expect(walk).toMatchObject({ url: 'file:///srv/app/tree.js', line: 3, column: 1, selfMs: 4, totalMs: 4 });
    const handler = m.functions.find((f) => f.functionName === 'handleRequest')!;
    expect(handler).toMatchObject({ line: 10, selfMs: 1, totalMs: 5 });
    expect(m.categories).toMatchObject({ programMs: 1, gcMs: 1, idleMs: 1 });
    expect(m.categories.gcPercent).toBe(12.5);
    expect(env.findings.map((f) => [f.ruleId, f.functionName])).toEqual([['hot-function', 'walk']]);
    expect(env.findings[0].message).toBe('walk (/srv/app/tree.js:3:1) spends 50% of the sampled time in its own code (4 ms self, 4 ms total)');
    expect((env.artifacts as { folded: string }).folded).toBe(
      [
        '(garbage_collector) 1000',
        '(idle) 1000',
        '(program) 1000',
        'handleRequest /srv/app/server.js:10 1000',
        'handleRequest /srv/app/server.js:10;walk /srv/app/tree.js:3 1500',
        'handleRequest /srv/app/server.js:10;walk /srv/app/tree.js:3;walk /srv/app/tree.js:3 2500',
        '',
      ].join('\n'),
    );
    expect(resultText(await runTool(analyzeCpuProfileTool, { content: fixture('hand-written.cpuprofile') }))).toContain('| walk | /srv/app/tree.js:3:1 | 4 | 50 | 4 | 50 |');
  });

  it('refuses what is not a CPU profile', async () => {
    const heap = await runTool(analyzeCpuProfileTool, { content: JSON.stringify({ snapshot: { meta: {} }, nodes: [], edges: [] }) });
    expect(resultText(heap)).toBe('The content is a heap snapshot: a CPU profile needs nodes, startTime, endTime, samples and timeDeltas');
    const trace = await runTool(analyzeCpuProfileTool, { content: JSON.stringify({ traceEvents: [] }) });
    expect(trace.isError).toBe(true);
  });

  it('reports a JSON syntax error with line and column', async () => {
    const broken = fixture('hand-written.cpuprofile').replace('"startTime": 1000000,', '"startTime": 1000000');
    expect(resultText(await runTool(analyzeCpuProfileTool, { content: broken }))).toBe("line 12, column 3: Expected ',' or '}' after property value");
  });

  it('names the invalid option', async () => {
    expect(resultText(await runTool(analyzeCpuProfileTool, { content: '{}', options: { hotPercent: 150 } }))).toMatch(/^Invalid arguments: options\.hotPercent: /);
  });
});
