import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { buildGraphFromFiles, cycles } from '../shared/module-graph';
import { analyzeDependenciesTool } from './analyze-dependencies.tool';

/**
 * Differential test against dependency-cruiser (npm, installed in the workspace) on code that
 * ships inside installed npm packages: the resolved local import edges and the files that sit
 * in cycles must be the same.
 */
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const depcruise = join(root, 'node_modules/.bin/depcruise');
const packages = ['node_modules/yaml/dist', 'node_modules/hono/dist/cjs/router', 'node_modules/zod/v4/core'].filter((p) => existsSync(join(root, p)));

function load(dir: string): { path: string; content: string }[] {
  const base = join(root, dir, '..');
  const out: { path: string; content: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(c|m)?js$/.test(name)) out.push({ path: relative(base, p), content: readFileSync(p, 'utf8') });
    }
  };
  walk(join(root, dir));
  return out;
}

describe('module graph versus dependency-cruiser', () => {
  const available = existsSync(depcruise);
  if (!available) console.log('dependency-cruiser is not installed: skipping the differential test');
  (available ? it : it.skip).each(packages)('agrees on edges and cycles in %s', async (dir) => {
    const cwd = join(root, dir, '..');
    const target = dir.split('/').pop()!;
    const r = spawnSync(depcruise, ['--no-config', '--output-type', 'json', '--include-only', `^${target}/.*\\.(c|m)?js$`, target], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(r.stdout) as { modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[]; circular: boolean }[] }[] };
    const theirEdges = new Set<string>();
    const theirCyclic = new Set<string>();
    for (const m of report.modules) {
      for (const d of m.dependencies) {
        if (!d.dependencyTypes.includes('local')) continue;
        theirEdges.add(`${m.source} -> ${d.resolved}`);
        if (d.circular) {
          theirCyclic.add(m.source);
          theirCyclic.add(d.resolved);
        }
      }
    }
    const files = load(dir);
    const graph = buildGraphFromFiles(files);
    const ourEdges = new Set<string>();
    for (const [from, tos] of graph.adjacency) for (const to of tos) ourEdges.add(`${from} -> ${to}`);
    const ourCyclic = new Set(cycles(graph).flat());
    console.log(`${dir}: ${files.length} files, ${ourEdges.size} edges (dependency-cruiser ${theirEdges.size}), files in cycles ${ourCyclic.size} (dependency-cruiser ${theirCyclic.size})`);
    expect([...ourEdges].filter((e) => !theirEdges.has(e))).toEqual([]);
    expect([...theirEdges].filter((e) => !ourEdges.has(e))).toEqual([]);
    expect([...ourCyclic].sort()).toEqual([...theirCyclic].sort());
    const env = structured<Envelope>(await runTool(analyzeDependenciesTool, { files }));
    expect(env.findings.filter((f) => f.ruleId === 'no-circular').length).toBe(cycles(graph).length);
  }, 120_000);
});
