import { z } from 'zod';
import { analyzerOptions, defineTool, filesArg, type RuleDoc } from '@mcp/core-protocol';
import { ParseError, table, type Finding } from '@mcp/core-response';
import { collectImports, type ImportRef } from '../shared/imports';
import { parseSource } from '../shared/parse-source';
import { resolveRelative } from '../shared/resolve';
import { shortestCycle, stronglyConnected } from './graph';

const DC = 'https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md';
export const rules: RuleDoc[] = [
  { id: 'no-circular', severity: 'error', summary: 'Files import each other in a cycle (one finding per strongly connected component)', docs: `${DC}#circular` },
  { id: 'no-orphans', severity: 'info', summary: 'A file neither imports nor is imported by any other local file', docs: `${DC}#orphans` },
];

const input = z
  .object({
    files: filesArg('The source files (JS/TS, ESM or CommonJS), paths relative to the project root; .json files count as import targets'),
    options: analyzerOptions({}),
  })
  .strict();

const SOURCE = /\.(c|m)?[jt]sx?$/;
// dependency-cruiser's recommended no-orphans exclusions: dot files, declarations, tool configs.
const NOT_ORPHAN = [/(^|\/)\.[^/]+\.(js|cjs|mjs|ts|cts|mts|json)$/, /\.d\.(c|m)?ts$/, /(^|\/)tsconfig\.json$/, /(^|\/)(babel|webpack)\.config\.(js|cjs|mjs|ts|cts|mts|json)$/];

export const detectCircularImportsTool = defineTool({
  name: 'node_detect_circular_imports',
  title: 'Circular imports',
  description:
    'Builds the local import graph of JS/TS files (ESM, CommonJS, TypeScript; relative specifiers resolved with extension and index rules, .js -> .ts) ' +
    'and reports circular dependencies (dependency-cruiser no-circular, each with a shortest cycle) and orphan files; returns the graph, cycles, orphans and entry points.',
  input,
  rules,
  run({ files }) {
    const paths = new Set(files.map((f) => f.path.replace(/^\.\//, '')));
    const graph = new Map<string, string[]>();
    const edgeAt = new Map<string, ImportRef>();
    const sources = files.filter((f) => SOURCE.test(f.path)).map((f) => ({ ...f, path: f.path.replace(/^\.\//, '') }));
    for (const f of sources) {
      let refs: ImportRef[];
      try {
        refs = collectImports(parseSource(f.content, f.path).ast);
      } catch (error) {
        if (error instanceof ParseError) throw error.in(f.path);
        throw error;
      }
      const targets = new Set<string>();
      for (const ref of refs) {
        const target = resolveRelative(f.path, ref.specifier, paths);
        if (!target) continue;
        if (!edgeAt.has(`${f.path}\u0000${target}`)) edgeAt.set(`${f.path}\u0000${target}`, ref);
        targets.add(target);
      }
      graph.set(f.path, [...targets].sort());
    }
    const nodes = [...graph.keys()].sort();
    const importedBy = new Map<string, number>();
    for (const targets of graph.values()) for (const t of targets) importedBy.set(t, (importedBy.get(t) ?? 0) + 1);

    const findings: Finding[] = [];
    const cycles: string[][] = [];
    for (const comp of stronglyConnected(nodes, graph)) {
      const selfLoop = comp.length === 1 && (graph.get(comp[0]) ?? []).includes(comp[0]);
      if (comp.length < 2 && !selfLoop) continue;
      const start = comp[0];
      const cycle = shortestCycle(start, new Set(comp), graph);
      cycles.push(cycle);
      const ref = edgeAt.get(`${start}\u0000${cycle[1] ?? start}`);
      const shown = [...cycle, start].join(' → ');
      findings.push({
        ruleId: 'no-circular',
        severity: 'error',
        message: `Circular import: ${shown}${comp.length > cycle.length ? ` (${comp.length} files are tangled in this cycle group)` : ''}`,
        location: { path: start, line: ref?.line ?? 1, column: ref?.column },
        fix: `Break the cycle: move what ${cycle[cycle.length - 1]} needs from ${start} into a module both can import, or import it lazily`,
        docs: `${DC}#circular`,
        cycle,
      });
    }
    cycles.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

    const orphans = nodes.filter((p) => (graph.get(p) ?? []).length === 0 && !importedBy.has(p) && !NOT_ORPHAN.some((re) => re.test(p)));
    for (const p of orphans) {
      findings.push({
        ruleId: 'no-orphans',
        severity: 'info',
        message: `${p} neither imports nor is imported by another local file`,
        location: { path: p, line: 1 },
        fix: `Delete ${p} if it is dead, or import it from where it is meant to be used`,
        docs: `${DC}#orphans`,
      });
    }
    const entryPoints = nodes.filter((p) => !importedBy.has(p) && (graph.get(p) ?? []).length > 0);
    return {
      findings,
      metrics: { files: nodes.length, edges: [...graph.values()].reduce((n, t) => n + t.length, 0), cycles: cycles.length },
      artifacts: { graph: Object.fromEntries(nodes.map((p) => [p, graph.get(p)!])), cycles, orphans, entryPoints },
    };
  },
  render(envelope) {
    const a = envelope.artifacts as { cycles: string[][]; entryPoints: string[] } | undefined;
    if (!a) return [];
    return [
      table(['cycle', 'files'], a.cycles.map((c) => [[...c, c[0]].join(' → '), c.length])),
      a.entryPoints.length ? `Entry points: ${a.entryPoints.join(', ')}` : '',
    ];
  },
});
