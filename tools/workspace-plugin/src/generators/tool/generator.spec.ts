import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { toolGenerator } from './generator';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('apps/gateway/src/routes.ts', readFileSync(`${root}apps/gateway/src/routes.ts`, 'utf8'));
  tree.write('libs/tools/docker/src/index.ts', "import type { ToolDefinition } from '@mcp/core-protocol';\nimport { lintDockerfile } from './lint-dockerfile/lint-dockerfile.tool';\n\nexport const tools: ToolDefinition[] = [\n  lintDockerfile,\n];\n");
  tree.write('libs/tools/docker/bench/cases.ts', "import type { BenchCase } from '@mcp/core-protocol/testing';\nimport { lintDockerfile } from '../src/lint-dockerfile/lint-dockerfile.tool';\n\nconst cases: BenchCase[] = [\n  { tool: lintDockerfile, input: (n: number) => ({ content: 'FROM a\\n'.repeat(n) }) },\n];\n\nexport default cases;\n");
  return tree;
}

describe('tool generator', () => {
  it('adds the tool folder, registers it after the existing tools, and benchmarks it', async () => {
    const tree = workspace();
    await toolGenerator(tree, { category: 'docker', name: 'scan_labels' });
    const dir = 'libs/tools/docker/src/scan-labels';
    expect(tree.read(`${dir}/scan-labels.tool.ts`, 'utf8')).toContain("name: 'docker_scan_labels'");
    expect(tree.read(`${dir}/scan-labels.tool.ts`, 'utf8')).toContain("id: 'no-warning-comments'");
    expect(tree.exists(`${dir}/scan-labels.spec.ts`)).toBe(true);
    expect(tree.exists(`${dir}/fixtures/clean.ts`)).toBe(true);
    const index = tree.read('libs/tools/docker/src/index.ts', 'utf8')!;
    expect(index).toMatch(/lint-dockerfile.tool';\nimport { scanLabels } from '.\/scan-labels\/scan-labels.tool';/);
    expect(index).toMatch(/\[\s*lintDockerfile,\s*scanLabels,\s*\]/);
    const bench = tree.read('libs/tools/docker/bench/cases.ts', 'utf8')!;
    expect(bench).toContain("import { scanLabels } from '../src/scan-labels/scan-labels.tool';");
    expect(bench).toContain('{ tool: scanLabels, input: (lines: number) => ({ content: sourceOfLines(lines) }) },');
    expect(bench).toContain('function sourceOfLines(');
  });

  it('refuses an unknown category and a taken name', async () => {
    await expect(toolGenerator(workspace(), { category: 'nope', name: 'x' })).rejects.toThrow(/no category "nope"/);
    const tree = workspace();
    await toolGenerator(tree, { category: 'docker', name: 'scan_labels' });
    await expect(toolGenerator(tree, { category: 'docker', name: 'docker_scan_labels' })).rejects.toThrow(/docker_scan_labels is taken/);
  });
});
