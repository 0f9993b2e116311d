import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { detectCircularImportsTool } from './detect-circular-imports.tool';
import { stronglyConnected } from './graph';
import { readProject } from '../testing/read-project';

/**
 * Differential test against dependency-cruiser on JavaScript shipped in installed packages:
 * the resolved local import graph, the files in cycles (no-circular) and the orphans.
 */
type Cruise = (files: string[], options: Record<string, unknown>) => Promise<{ output: { modules: { source: string; orphan?: boolean; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean; dependencyTypes: string[] }[] }[] } }>;
let cruise: Cruise | undefined;
const NM = join(process.cwd(), '../../../node_modules');
const DIRS = ['yaml/dist', 'pino/lib', 'ajv/dist/compile', 'eslint/lib/linter', '@babel/traverse/lib', 'dependency-cruiser/src/extract', 'zod/v4/core', 'jsonc-eslint-parser/lib'].filter((d) => existsSync(join(NM, d)));
const SOURCE = /\.(c|m)?js$/;

describe('node_detect_circular_imports vs dependency-cruiser', () => {
  beforeAll(async () => {
    try {
      cruise = ((await import('dependency-cruiser')) as { cruise: Cruise }).cruise;
    } catch {
      console.log('dependency-cruiser is not installed: skipping the differential test of node_detect_circular_imports');
    }
  });

  it.each(DIRS)('builds the same graph, cycles and orphans for node_modules/%s', async (dir) => {
    if (!cruise) return;
    const root = new URL(`file://${join(NM, dir)}/`);
    const files = readProject(root, (p) => !SOURCE.test(p) || p.includes('node_modules/'));
    const cwd = process.cwd();
    let theirs;
    try {
      process.chdir(join(NM, dir));
      theirs = await cruise!(['.'], { baseDir: join(NM, dir), doNotFollow: { path: 'node_modules' }, exclude: { path: 'node_modules' }, includeOnly: '\\.(c|m)?js$', moduleSystems: ['cjs', 'es6'], skipAnalysisNotInRules: false });
    } finally {
      process.chdir(cwd);
    }
    const local = new Set(files.map((f) => f.path));
    const theirGraph = new Map<string, string[]>();
    for (const m of theirs.output.modules) {
      if (!local.has(m.source)) continue;
      theirGraph.set(m.source, [...new Set(m.dependencies.filter((d) => !d.coreModule && !d.couldNotResolve && local.has(d.resolved)).map((d) => d.resolved))].sort());
    }
    const env = structured<Envelope>(await runTool(detectCircularImportsTool, { files }));
    const ours = (env.artifacts as { graph: Record<string, string[]> }).graph;
    const edges = (g: Map<string, string[]>) => [...g].flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`)).sort();
    const ourEdges = edges(new Map(Object.entries(ours)));
    const theirEdges = edges(theirGraph);
    const anchorOnly = theirEdges.filter((e) => !ourEdges.includes(e));
    const oursOnly = ourEdges.filter((e) => !theirEdges.includes(e));
    console.log(`${dir}: ${files.length} files, ${theirEdges.length} anchor edges, ${ourEdges.length} ours; anchor only ${JSON.stringify(anchorOnly.slice(0, 5))}, ours only ${JSON.stringify(oursOnly.slice(0, 5))}`);
    expect({ anchorOnly, oursOnly }).toEqual({ anchorOnly: [], oursOnly: [] });
    const cyclic = (g: Map<string, string[]>) =>
      stronglyConnected([...g.keys()].sort(), g)
        .filter((c) => c.length > 1 || (g.get(c[0]) ?? []).includes(c[0]))
        .flat()
        .sort();
    const ourCycleFiles = env.findings.filter((f) => f.ruleId === 'no-circular').length;
    expect(cyclic(new Map(Object.entries(ours)))).toEqual(cyclic(theirGraph));
    // dependency-cruiser's own `orphan` also counts imports of npm packages and builtins as
    // dependencies; TOOLS.md's no-orphans looks at local imports only, so compare on its graph.
    const importedLocally = new Set([...theirGraph.values()].flat());
    const theirOrphans = [...theirGraph].filter(([f, tos]) => tos.length === 0 && !importedLocally.has(f)).map(([f]) => f).sort();
    const flagged = theirs.output.modules.filter((m) => local.has(m.source) && m.orphan === true).length;
    expect((env.artifacts as { orphans: string[] }).orphans).toEqual(theirOrphans);
    console.log(`${dir}: ${cyclic(theirGraph).length} files in cycles, ${ourCycleFiles} no-circular findings, ${theirOrphans.length} local orphans (${flagged} flagged orphan by dependency-cruiser)`);
    expect(ourCycleFiles).toBe(stronglyConnected([...theirGraph.keys()].sort(), theirGraph).filter((c) => c.length > 1 || (theirGraph.get(c[0]) ?? []).includes(c[0])).length);
  }, 120_000);
});
