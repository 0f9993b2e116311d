import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { graphArgs } from '../shared/args';
import { buildGraph, stronglyConnected, type Construct, type ModuleGraph } from '../shared/module-graph';

export const planMigrationRules: RuleDoc[] = [
  { id: 'cycle', severity: 'warning', summary: 'Files in an import cycle must migrate together, as one step' },
  { id: 'dirname-usage', severity: 'warning', summary: 'cjs-to-esm: __dirname/__filename do not exist in ES modules (use import.meta.dirname or fileURLToPath(import.meta.url))' },
  { id: 'dynamic-require', severity: 'warning', summary: 'cjs-to-esm: a computed or conditional require() has no static import equivalent (use await import())' },
  { id: 'require-cache', severity: 'warning', summary: 'cjs-to-esm: require.cache, require.resolve and require.main have no ESM equivalent (createRequire, import.meta.resolve, import.meta.main)' },
  { id: 'prototype-mutation', severity: 'warning', summary: 'js-to-ts: assignments to X.prototype are invisible to the type checker (use classes or declaration merging)' },
  { id: 'eval-usage', severity: 'warning', summary: 'js-to-ts: eval/new Function code is not type-checked' },
  { id: 'cross-service-cycle', severity: 'error', summary: 'monolith-to-services: an import cycle spans two services, so neither can be extracted alone' },
  { id: 'ungrouped-file', severity: 'warning', summary: 'monolith-to-services: a file that no group in options.grouping claims' },
];

const TARGET_CONSTRUCTS: Record<string, Partial<Record<Construct['kind'], string>>> = {
  'cjs-to-esm': { dirname: 'dirname-usage', 'dynamic-require': 'dynamic-require', 'require-cache': 'require-cache' },
  'js-to-ts': { 'prototype-mutation': 'prototype-mutation', eval: 'eval-usage' },
  'monolith-to-services': {},
};

const FIX: Record<string, string> = {
  'dirname-usage': 'Use import.meta.dirname / import.meta.filename (Node 20.11+) or fileURLToPath(import.meta.url)',
  'dynamic-require': 'Replace with await import(specifier), or make the dependency static',
  'require-cache': 'Use createRequire(import.meta.url) for require.resolve/cache, or import.meta.resolve',
  'prototype-mutation': 'Turn the constructor and its prototype methods into a class before converting the file',
  'eval-usage': 'Replace eval/new Function with explicit code or a lookup table',
};

export const planMigrationTool = defineTool({
  name: 'arch_plan_migration',
  title: 'Plan migration',
  description:
    'Plans a per-file migration (cjs-to-esm, js-to-ts, or monolith-to-services with a proposed grouping) over the import graph: leaf-first waves with import cycles collapsed into one step, blockers per file at the line of the construct, effort per wave in files and lines, and for service extraction the cross-service imports each cut creates.',
  input: z
    .object({
      ...graphArgs,
      target: z.enum(['cjs-to-esm', 'js-to-ts', 'monolith-to-services']).describe('The migration: cjs-to-esm, js-to-ts or monolith-to-services'),
      options: analyzerOptions({
        grouping: z
          .record(z.string(), z.array(z.string()))
          .optional()
          .describe('Services for monolith-to-services: {service: [file paths or globs such as "src/billing/**"]}; required for that target'),
      }),
    })
    .strict(),
  rules: planMigrationRules,
  run(args) {
    const graph = buildGraph(args);
    if (args.target === 'monolith-to-services' && !args.options?.grouping) throw new InputError('options.grouping is required for target monolith-to-services: {"service": ["src/service/**", ...]}');
    const findings: Finding[] = [];
    const comps = stronglyConnected(graph.files, graph.adjacency);
    const compOf = new Map<string, number>();
    comps.forEach((c, k) => c.forEach((f) => compOf.set(f, k)));
    // Tarjan emits components in reverse topological order: dependencies first
    const waveOf = new Array<number>(comps.length).fill(1);
    comps.forEach((c, k) => {
      let w = 1;
      for (const f of c) for (const d of graph.adjacency.get(f) ?? []) if (compOf.get(d) !== k) w = Math.max(w, waveOf[compOf.get(d)!] + 1);
      waveOf[k] = w;
    });
    const waves = new Map<number, string[][]>();
    comps.forEach((c, k) => {
      const list = waves.get(waveOf[k]) ?? [];
      list.push([...c].sort());
      waves.set(waveOf[k], list);
    });
    const waveList = [...waves.keys()].sort((a, b) => a - b).map((w) => {
      const groups = waves.get(w)!.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const modules = groups.flat();
      return { wave: w, modules, effort: { files: modules.length, lines: modules.reduce((n, f) => n + (graph.info.get(f)?.lines ?? 0), 0) } };
    });
    for (const c of comps) {
      const selfLoop = c.length === 1 && (graph.adjacency.get(c[0]) ?? []).includes(c[0]);
      if (c.length < 2 && !selfLoop) continue;
      const sorted = [...c].sort();
      const edge = graph.edges.find((e) => e.from === sorted[0] && c.includes(e.to));
      findings.push({
        ruleId: 'cycle',
        severity: 'warning',
        message: `${sorted.join(', ')} import each other and must migrate in one step (wave ${waveOf[comps.indexOf(c)]})`,
        location: { path: sorted[0], line: edge?.line ?? 1, column: edge?.column },
        fix: 'Migrate these files together, or break the cycle first to migrate them one by one',
        module: sorted[0],
      });
    }
    const ids = TARGET_CONSTRUCTS[args.target];
    for (const f of graph.files) {
      for (const c of graph.info.get(f)?.constructs ?? []) {
        const id = ids[c.kind];
        if (!id) continue;
        findings.push({ ruleId: id, severity: 'warning', message: `${f}: ${c.text} blocks the ${args.target} migration of this file`, location: { path: f, line: c.line, column: c.column }, fix: FIX[id], module: f });
      }
    }
    const artifacts: Record<string, unknown> = { waves: waveList };
    if (args.target === 'monolith-to-services') artifacts.crossings = services(graph, args.options!.grouping!, comps, findings);
    return {
      findings,
      metrics: { fileCount: graph.files.length, waveCount: waveList.length, componentCount: comps.filter((c) => c.length > 1).length },
      artifacts,
    };
  },
  render(env) {
    const waves = (env.artifacts?.waves ?? []) as { wave: number; modules: string[]; effort: { files: number; lines: number } }[];
    const crossings = (env.artifacts?.crossings ?? []) as { from: string; to: string; count: number }[];
    return [
      table(['wave', 'files', 'lines', 'modules'], waves.map((w) => [w.wave, w.effort.files, w.effort.lines, w.modules.join(', ')])),
      table(['from service', 'to service', 'imports'], crossings.map((c) => [c.from, c.to, c.count])),
    ];
  },
});

/** Minimal glob: `**` any path, `*` any segment part, `?` one character; a plain path matches itself. */
function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function services(graph: ModuleGraph, grouping: Record<string, string[]>, comps: string[][], findings: Finding[]) {
  const matchers = Object.entries(grouping).map(([service, globs]) => ({ service, res: globs.map((g) => globToRegex(g.replace(/^\.\//, ''))) }));
  const serviceOf = new Map<string, string>();
  for (const f of graph.files) {
    const m = matchers.find((x) => x.res.some((r) => r.test(f) || r.test(`${f}/`)));
    if (m) serviceOf.set(f, m.service);
    else findings.push({ ruleId: 'ungrouped-file', severity: 'warning', message: `${f} belongs to no service in options.grouping`, location: { path: f, line: 1 }, fix: 'Add the file (or a glob covering it) to a group', module: f });
  }
  for (const c of comps) {
    const svc = [...new Set(c.map((f) => serviceOf.get(f)).filter((s): s is string => !!s))].sort();
    if (svc.length < 2) continue;
    const sorted = [...c].sort();
    const edge = graph.edges.find((e) => e.from === sorted[0] && c.includes(e.to));
    findings.push({
      ruleId: 'cross-service-cycle',
      severity: 'error',
      message: `Import cycle ${sorted.join(', ')} spans services ${svc.join(' and ')}: neither can be extracted alone`,
      location: { path: sorted[0], line: edge?.line ?? 1, column: edge?.column },
      fix: 'Break the cycle (an interface owned by one service, or an event) before cutting along this boundary',
      module: sorted[0],
    });
  }
  const crossings = new Map<string, { from: string; to: string; count: number; edges: { from: string; to: string }[] }>();
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const a = serviceOf.get(e.from);
    const b = serviceOf.get(e.to);
    if (!a || !b || a === b) continue;
    const ek = `${e.from}\u0000${e.to}`;
    if (seen.has(ek)) continue;
    seen.add(ek);
    const key = `${a}\u0000${b}`;
    const c = crossings.get(key) ?? { from: a, to: b, count: 0, edges: [] };
    c.count++;
    c.edges.push({ from: e.from, to: e.to });
    crossings.set(key, c);
  }
  return [...crossings.values()].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : 1));
}
