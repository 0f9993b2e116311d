import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { graphArgs } from '../shared/args';
import { buildGraph, cycles, dirname, shortestCycle, type ModuleGraph } from '../shared/module-graph';

const pathMatcher = z.union([z.string(), z.array(z.string())]);
const forbiddenRule = z
  .object({
    name: z.string().min(1).describe('Rule name, reported as the finding id'),
    severity: z.enum(['error', 'warn', 'info', 'ignore']).optional().describe('dependency-cruiser severity (default warn)'),
    comment: z.string().optional().describe('Why the rule exists'),
    from: z.object({ path: pathMatcher.optional().describe('Regular expression(s) on the importing file'), pathNot: pathMatcher.optional().describe('Exclusions') }).strict().describe('Which importing files the rule covers'),
    to: z.object({ path: pathMatcher.optional().describe('Regular expression(s) on the imported file'), pathNot: pathMatcher.optional().describe('Exclusions') }).strict().describe('Which imported files are forbidden'),
  })
  .strict();

export const analyzeDependenciesRules: RuleDoc[] = [
  { id: 'no-circular', severity: 'error', summary: 'Files that import each other in a cycle (one per strongly connected component)', docs: 'https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md#circular' },
];

export interface ModuleRow {
  module: string;
  files: number;
  ca: number;
  ce: number;
  instability: number;
  abstractness: number;
  distance: number;
  fanIn: number;
  fanOut: number;
}

export const analyzeDependenciesTool = defineTool({
  name: 'arch_analyze_dependencies',
  title: 'Analyze dependencies',
  description:
    "Builds the import graph of JS/TS sources (or takes a madge JSON graph) and reports cycles, layer violations against dependency-cruiser style `forbidden` rules, Martin's package metrics per module (Ca, Ce, instability, abstractness, distance), hubs by fan-in, and a Mermaid graph of the modules.",
  input: z
    .object({
      ...graphArgs,
      options: analyzerOptions({
        granularity: z.enum(['folder', 'file']).optional().describe('A module is a folder (default: the directory of a file, e.g. src/billing) or a single file'),
        forbidden: z.array(forbiddenRule).optional().describe("Layer rules in dependency-cruiser's `forbidden` format; paths are regular expressions on file paths"),
      }),
    })
    .strict(),
  rules: analyzeDependenciesRules,
  run(args) {
    const graph = buildGraph(args);
    const granularity = args.options?.granularity ?? 'folder';
    const findings: Finding[] = [];
    for (const comp of cycles(graph)) {
      const cycle = shortestCycle(comp, graph.adjacency);
      const edge = graph.edges.find((e) => e.from === cycle[0] && e.to === cycle[1]);
      findings.push({
        ruleId: 'no-circular',
        severity: 'error',
        message: `Circular dependency: ${cycle.join(' → ')}${comp.length > cycle.length - 1 ? ` (${comp.length} files in the cycle group)` : ''}`,
        location: { path: cycle[0], line: edge?.line ?? 1, column: edge?.column },
        fix: 'Break the cycle: move the shared part into a module both can import, or invert one dependency',
        cycle,
      });
    }
    findings.push(...layerViolations(graph, args.options?.forbidden ?? []));
    const moduleOf = (f: string) => (granularity === 'file' ? f : dirname(f));
    const modules = martin(graph, moduleOf);
    const hubs = [...modules]
      .filter((m) => m.fanIn > 0)
      .sort((a, b) => b.fanIn - a.fanIn || (a.module < b.module ? -1 : 1))
      .slice(0, 10)
      .map((m) => ({ module: m.module, fanIn: m.fanIn, fanOut: m.fanOut }));
    return {
      findings,
      metrics: { fileCount: graph.files.length, edgeCount: graph.edges.length, modules, hubs },
      artifacts: { mermaid: mermaid(graph, moduleOf) },
    };
  },
  render(env) {
    const rows = ((env.metrics?.modules ?? []) as ModuleRow[]).map((m) => [m.module, m.files, m.ca, m.ce, m.instability, m.abstractness, m.distance, m.fanIn, m.fanOut]);
    return [table(['module', 'files', 'Ca', 'Ce', 'I', 'A', 'D', 'fan-in', 'fan-out'], rows), `\`\`\`mermaid\n${String(env.artifacts?.mermaid ?? '')}\n\`\`\``];
  },
});

function regexes(m: string | string[] | undefined, field: string): RegExp[] | undefined {
  if (m === undefined) return undefined;
  return (Array.isArray(m) ? m : [m]).map((p) => {
    try {
      return new RegExp(p);
    } catch (e) {
      throw new InputError(`options.forbidden: ${field} ${JSON.stringify(p)} is not a valid regular expression (${(e as Error).message})`);
    }
  });
}

function matches(path: string, inc?: RegExp[], exc?: RegExp[]): boolean {
  if (inc && !inc.some((r) => r.test(path))) return false;
  if (exc && exc.some((r) => r.test(path))) return false;
  return true;
}

const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = { error: 'error', warn: 'warning', info: 'info' };

function layerViolations(graph: ModuleGraph, rules: z.infer<typeof forbiddenRule>[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    if (r.severity === 'ignore') continue;
    const fp = regexes(r.from.path, 'from.path');
    const fn = regexes(r.from.pathNot, 'from.pathNot');
    const tp = regexes(r.to.path, 'to.path');
    const tn = regexes(r.to.pathNot, 'to.pathNot');
    const seen = new Set<string>();
    for (const e of graph.edges) {
      const key = `${e.from}\u0000${e.to}`;
      if (seen.has(key) || !matches(e.from, fp, fn) || !matches(e.to, tp, tn)) continue;
      seen.add(key);
      out.push({
        ruleId: r.name,
        severity: SEVERITY[r.severity ?? 'warn'],
        message: `${e.from} imports ${e.to}, which rule ${r.name} forbids${r.comment ? ` (${r.comment})` : ''}`,
        location: { path: e.from, line: e.line, column: e.column },
        fix: `Remove the import of ${e.to} from ${e.from}, or depend on an abstraction in an allowed layer`,
        from: e.from,
        to: e.to,
      });
    }
  }
  return out;
}

/** Martin's metrics per module; fan-in/out count file-level edges crossing the module's boundary. */
function martin(graph: ModuleGraph, moduleOf: (f: string) => string): ModuleRow[] {
  const byModule = new Map<string, { files: string[]; ca: Set<string>; ce: Set<string>; fanIn: number; fanOut: number }>();
  const get = (m: string) => {
    let e = byModule.get(m);
    if (!e) byModule.set(m, (e = { files: [], ca: new Set(), ce: new Set(), fanIn: 0, fanOut: 0 }));
    return e;
  };
  for (const f of graph.files) get(moduleOf(f)).files.push(f);
  for (const [from, tos] of graph.adjacency) {
    const mf = moduleOf(from);
    for (const to of tos) {
      const mt = moduleOf(to);
      if (mf === mt) continue;
      get(mf).ce.add(mt);
      get(mt).ca.add(mf);
      get(mf).fanOut++;
      get(mt).fanIn++;
    }
  }
  return [...byModule.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, e]) => {
      const ca = e.ca.size;
      const ce = e.ce.size;
      const instability = ca + ce === 0 ? 0 : ce / (ca + ce);
      let classes = 0;
      let abstract = 0;
      for (const f of e.files) {
        const i = graph.info.get(f);
        classes += i?.classes ?? 0;
        abstract += i?.abstractTypes ?? 0;
      }
      const abstractness = classes === 0 ? 0 : abstract / classes;
      return { module, files: e.files.length, ca, ce, instability, abstractness, distance: Math.abs(abstractness + instability - 1), fanIn: e.fanIn, fanOut: e.fanOut };
    });
}

function mermaid(graph: ModuleGraph, moduleOf: (f: string) => string): string {
  const ids = new Map<string, string>();
  const id = (m: string) => {
    if (!ids.has(m)) ids.set(m, `m${ids.size}`);
    return ids.get(m)!;
  };
  const lines = ['graph LR'];
  const mods = [...new Set(graph.files.map(moduleOf))].sort();
  for (const m of mods) lines.push(`    ${id(m)}["${m.replace(/"/g, '#quot;')}"]`);
  const edges = new Set<string>();
  for (const [from, tos] of graph.adjacency) {
    for (const to of tos) {
      const a = moduleOf(from);
      const b = moduleOf(to);
      if (a !== b) edges.add(`    ${id(a)} --> ${id(b)}`);
    }
  }
  lines.push(...[...edges].sort());
  return lines.join('\n');
}
