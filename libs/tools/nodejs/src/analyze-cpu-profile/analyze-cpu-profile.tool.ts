import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { parseJsonTree } from '../shared/json-tree';

export const rules: RuleDoc[] = [
  { id: 'hot-function', severity: 'info', summary: 'A function\'s self time is above options.hotPercent (default 10) of the profile', docs: 'https://nodejs.org/en/learn/getting-started/profiling' },
];

const input = z
  .object({
    content: contentArg('A V8 CPU profile: a .cpuprofile from `node --cpu-prof` or DevTools, or an inspector Profiler.stop result ({profile: ...})'),
    options: analyzerOptions({
      hotPercent: z.number().min(0).max(100).optional().describe('Report functions whose self time exceeds this percentage of the sampled time (default 10)'),
    }),
  })
  .strict();

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
  columnNumber?: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  parent?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

interface FnRow {
  functionName: string;
  url: string;
  line: number;
  column: number;
  selfMs: number;
  totalMs: number;
  selfPercent: number;
  totalPercent: number;
}

export const analyzeCpuProfileTool = defineTool({
  name: 'node_analyze_cpu_profile',
  title: 'CPU profile analysis',
  description:
    'Summarizes a V8 CPU profile (node --cpu-prof, DevTools, inspector): self and total time per function with url:line, ' +
    'the hottest stacks, the share of GC, idle and (program) time, and folded stacks for flamegraph.pl or speedscope.',
  input,
  rules,
  run({ content, options }) {
    const profile = readProfile(content);
    const hotPercent = options?.hotPercent ?? 10;
    const byId = new Map<number, ProfileNode>();
    for (const n of profile.nodes) byId.set(n.id, n);
    const parent = new Map<number, number>();
    for (const n of profile.nodes) {
      for (const c of n.children ?? []) parent.set(c, n.id);
      if (typeof n.parent === 'number') parent.set(n.id, n.parent);
    }

    // A sample lasts until the next one: timeDeltas[i + 1]; the last one gets the mean interval.
    const n = profile.samples.length;
    const durations = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i + 1 < n; i++) {
      durations[i] = Math.max(0, profile.timeDeltas[i + 1] ?? 0);
      sum += durations[i];
    }
    if (n > 0) durations[n - 1] = n > 1 ? sum / (n - 1) : Math.max(0, profile.endTime - profile.startTime);
    const nodeTime = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const id = profile.samples[i];
      if (!byId.has(id)) throw new InputError(`samples[${i}] refers to node ${id}, which is not in nodes`);
      nodeTime.set(id, (nodeTime.get(id) ?? 0) + durations[i]);
    }
    let totalUs = 0;
    for (const t of nodeTime.values()) totalUs += t;

    const fnKey = (cf: CallFrame) => `${cf.functionName ?? ''}\u0000${cf.url ?? ''}\u0000${cf.lineNumber ?? -1}\u0000${cf.columnNumber ?? -1}`;
    const fns = new Map<string, { cf: CallFrame; self: number; total: number }>();
    const categories = { program: 0, idle: 0, gc: 0 };
    const stacks = new Map<string, { stack: string[]; us: number }>();
    const stackCache = new Map<number, { keys: string[]; labels: string[]; frames: CallFrame[] }>();
    const stackOf = (id: number): { keys: string[]; labels: string[]; frames: CallFrame[] } => {
      const cached = stackCache.get(id);
      if (cached) return cached;
      const chain: ProfileNode[] = [];
      const guard = new Set<number>();
      for (let cur: number | undefined = id; cur !== undefined && !guard.has(cur); cur = parent.get(cur)) {
        guard.add(cur);
        const node = byId.get(cur);
        if (node) chain.push(node);
      }
      chain.reverse();
      const frames = chain.filter((x) => x.callFrame.functionName !== '(root)' || x.callFrame.url);
      const result = { keys: frames.map((x) => fnKey(x.callFrame)), labels: frames.map((x) => frameLabel(x.callFrame)), frames: frames.map((x) => x.callFrame) };
      stackCache.set(id, result);
      return result;
    };

    for (const [id, us] of [...nodeTime].sort(([a], [b]) => a - b)) {
      if (us === 0) continue;
      const node = byId.get(id)!;
      const name = node.callFrame.functionName ?? '';
      const { keys, labels, frames } = stackOf(id);
      const folded = labels.join(';') || '(root)';
      const entry = stacks.get(folded);
      if (entry) entry.us += us;
      else stacks.set(folded, { stack: labels, us });
      if (!node.callFrame.url && CATEGORIES.has(name)) {
        if (name === '(program)') categories.program += us;
        else if (name === '(idle)') categories.idle += us;
        else if (name === '(garbage collector)') categories.gc += us;
        continue;
      }
      const seen = new Set<string>();
      keys.forEach((key, i) => {
        const cf = frames[i];
        if (!cf.url && CATEGORIES.has(cf.functionName ?? '')) return;
        let row = fns.get(key);
        if (!row) fns.set(key, (row = { cf, self: 0, total: 0 }));
        if (i === keys.length - 1) row.self += us; // self time: the leaf only
        if (seen.has(key)) return; // total: a recursive function counts once per sample
        seen.add(key);
        row.total += us;
      });
    }
    const pct = (us: number) => (totalUs > 0 ? (us / totalUs) * 100 : 0);
    const functions: FnRow[] = [...fns.values()]
      .map(({ cf, self, total }) => ({
        functionName: cf.functionName || '(anonymous)',
        url: cf.url ?? '',
        line: (cf.lineNumber ?? -1) + 1,
        column: (cf.columnNumber ?? -1) + 1,
        selfMs: self / 1000,
        totalMs: total / 1000,
        selfPercent: pct(self),
        totalPercent: pct(total),
      }))
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs || cmp(a.url, b.url) || a.line - b.line || a.column - b.column || cmp(a.functionName, b.functionName));

    const findings: Finding[] = functions
      .filter((f) => f.selfPercent > hotPercent)
      .map((f) => ({
        ruleId: 'hot-function',
        severity: 'info' as const,
        message: `${f.functionName} (${where(f)}) spends ${round(f.selfPercent)}% of the sampled time in its own code (${round(f.selfMs)} ms self, ${round(f.totalMs)} ms total)`,
        fix: `Optimize ${f.functionName} itself (it is the leaf of the hot stacks): cache its results, move the work off the request path, or do less per call`,
        functionName: f.functionName,
        url: f.url,
        line: f.line,
        selfMs: f.selfMs,
        selfPercent: f.selfPercent,
      }));

    const stackRows = [...stacks.values()].sort((a, b) => b.us - a.us || cmp(a.stack.join(';'), b.stack.join(';')));
    const hotStacks = stackRows
      .filter((s) => !(s.stack.length === 1 && CATEGORIES.has(s.stack[0])))
      .slice(0, 10)
      .map((s) => ({ stack: s.stack, selfMs: s.us / 1000 }));
    const folded = [...stacks.entries()]
      .sort(([a], [b]) => cmp(a, b))
      .map(([k, v]) => `${k} ${Math.round(v.us)}`)
      .join('\n');

    return {
      findings,
      metrics: {
        durationMs: (profile.endTime - profile.startTime) / 1000,
        sampledMs: totalUs / 1000,
        sampleCount: n,
        functions,
        categories: {
          programMs: categories.program / 1000,
          idleMs: categories.idle / 1000,
          gcMs: categories.gc / 1000,
          programPercent: pct(categories.program),
          idlePercent: pct(categories.idle),
          gcPercent: pct(categories.gc),
        },
        hotStacks,
      },
      artifacts: { folded: folded ? `${folded}\n` : '' },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { durationMs: number; sampleCount: number; functions: FnRow[]; categories: Record<string, number> } | undefined;
    if (!m) return [];
    const c = m.categories;
    return [
      `${m.sampleCount} samples over ${round(m.durationMs)} ms; GC ${round(c.gcPercent)}%, idle ${round(c.idlePercent)}%, (program) ${round(c.programPercent)}%.`,
      table(
        ['function', 'location', 'self ms', 'self %', 'total ms', 'total %'],
        m.functions.slice(0, 25).map((f) => [f.functionName, where(f), f.selfMs, f.selfPercent, f.totalMs, f.totalPercent]),
      ),
    ];
  },
});

function readProfile(content: string): Profile {
  // Profiles run to megabytes: the native parser is several times faster; the positioned one
  // runs only to say where a broken file breaks.
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    value = parseJsonTree(content).value;
  }
  let p = value as Record<string, unknown>;
  if (p && typeof p === 'object' && !Array.isArray(p) && p.profile && typeof p.profile === 'object' && !('nodes' in p)) p = p.profile as Record<string, unknown>;
  const ok =
    p && typeof p === 'object' && Array.isArray(p.nodes) && Array.isArray(p.samples) && Array.isArray(p.timeDeltas) && typeof p.startTime === 'number' && typeof p.endTime === 'number';
  if (!ok) {
    const what = p && typeof p === 'object' && 'snapshot' in p ? 'a heap snapshot' : p && typeof p === 'object' && 'head' in p ? 'a sampling heap profile' : Array.isArray(p) || (p && typeof p === 'object' && 'traceEvents' in p) ? 'a trace' : 'not a CPU profile';
    throw new InputError(`The content is ${what}: a CPU profile needs nodes, startTime, endTime, samples and timeDeltas`);
  }
  const nodes = p.nodes as ProfileNode[];
  for (let i = 0; i < nodes.length; i++) {
    if (typeof nodes[i]?.id !== 'number' || !nodes[i].callFrame) throw new InputError(`nodes[${i}] has no numeric id or callFrame`);
  }
  if ((p.samples as unknown[]).length !== (p.timeDeltas as unknown[]).length) {
    throw new InputError(`samples (${(p.samples as unknown[]).length}) and timeDeltas (${(p.timeDeltas as unknown[]).length}) must have the same length`);
  }
  return p as unknown as Profile;
}

function frameLabel(cf: CallFrame): string {
  const name = (cf.functionName || '(anonymous)').replace(/[;\s]+/g, '_');
  if (!cf.url) return name;
  return `${name} ${shortUrl(cf.url).replace(/[;\s]+/g, '_')}:${(cf.lineNumber ?? -1) + 1}`;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '');
}

function where(f: { url: string; line: number; column: number }): string {
  return f.url ? `${shortUrl(f.url)}:${f.line}:${f.column}` : '(native)';
}

const round = (x: number) => Math.round(x * 10) / 10;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
