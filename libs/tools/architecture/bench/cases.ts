import type { BenchCase } from '@mcp/core-protocol/testing';
import { analyzeDependenciesTool } from '../src/analyze-dependencies/analyze-dependencies.tool';
import { planMigrationTool } from '../src/plan-migration/plan-migration.tool';

/**
 * A layered TypeScript project of ~10-line files: src/layer<k>/mod<i>.ts imports two modules of
 * the next layer down, with one back edge per 25 files so that cycles exist.
 */
function project(lines: number): { path: string; content: string }[] {
  const count = Math.max(3, Math.round(lines / 10));
  const layers = 5;
  const perLayer = Math.max(1, Math.ceil(count / layers));
  const files: { path: string; content: string }[] = [];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / perLayer);
    const imports: string[] = [];
    if (layer + 1 < layers) {
      for (const j of [i + perLayer, i + perLayer + 1]) if (j < count) imports.push(`import { f${j} } from '../layer${Math.floor(j / perLayer)}/mod${j}';`);
    }
    if (i % 25 === 24 && i >= perLayer) imports.push(`import { f${i - perLayer} } from '../layer${layer - 1}/mod${i - perLayer}';`);
    files.push({
      path: `src/layer${layer}/mod${i}.ts`,
      content: `${imports.join('\n')}
export interface Shape${i} {
  id: number;
}
export function f${i}(x: number): number {
  const dir = __dirname;
  return x + ${i} + dir.length;
}
`,
    });
  }
  return files;
}

export default [
  { tool: analyzeDependenciesTool, input: (lines: number) => ({ files: project(lines), options: { forbidden: [{ name: 'no-upward', from: { path: 'layer4' }, to: { path: 'layer0' } }] } }) },
  { tool: planMigrationTool, input: (lines: number) => ({ files: project(lines), target: 'cjs-to-esm' }) },
] satisfies BenchCase[];
