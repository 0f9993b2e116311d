import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { analyzeBundle } from './analyze-bundle.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
type Out = {
  findings: Finding[];
  metrics: {
    format: string;
    totalBytes: number;
    modules: { path: string; bytes: number; package: string | null }[];
    packages: { name: string; path: string; bytes: number; version?: string }[];
    outputs: { path: string; bytes: number; entryPoint: string | null }[];
    duplicates: { name: string; paths: string[]; versions: string[] }[];
  };
};
const analyze = async (content: string, options?: unknown) => structured<Out>(await runTool(analyzeBundle, { content, ...(options ? { options } : {}) }));

describe('web_analyze_bundle', () => {
  it('reads a real esbuild metafile: bytesInOutput per module, packages, the duplicated picomatch', async () => {
    const meta = JSON.parse(fixture('esbuild-metafile.json'));
    const { findings, metrics } = await analyze(fixture('esbuild-metafile.json'));
    expect(metrics.format).toBe('esbuild');
    expect(metrics.outputs).toEqual([{ path: 'dist/index.js', bytes: meta.outputs['dist/index.js'].bytes, entryPoint: 'src/index.js' }]);
    expect(metrics.totalBytes).toBe(meta.outputs['dist/index.js'].bytes);
    const inOutput = meta.outputs['dist/index.js'].inputs;
    const semverBytes = Object.entries(inOutput).filter(([p]) => p.startsWith('node_modules/semver/')).reduce((s, [, v]) => s + (v as { bytesInOutput: number }).bytesInOutput, 0);
    expect(metrics.packages.find((p) => p.name === 'semver')).toEqual({ name: 'semver', path: 'node_modules/semver', bytes: semverBytes });
    expect(metrics.duplicates).toEqual([{ name: 'picomatch', paths: ['node_modules/anymatch/node_modules/picomatch', 'node_modules/picomatch'], versions: [] }]);
    expect(findings.filter((f) => f.ruleId === 'duplicate-package').map((f) => f.package)).toEqual(['picomatch']);
    // semver, picomatch and anymatch ship CommonJS: esbuild marks their inputs format "cjs".
    expect(findings.filter((f) => f.ruleId === 'tree-shaking-miss').map((f) => f.package).sort()).toEqual(['anymatch', 'normalize-path', 'picomatch', 'picomatch', 'semver', 'yaml']);
    expect(findings.some((f) => f.ruleId === 'large-chunk')).toBe(false);
  });

  it('reads webpack stats: concatenated modules, CommonJS bailouts, entry assets, duplicates', async () => {
    const { findings, metrics } = await analyze(fixture('webpack-stats.json'));
    expect(metrics.format).toBe('webpack');
    expect(metrics.outputs.map((o) => [o.path, o.bytes, o.entryPoint])).toEqual([
      ['main.4f2a9c.js', 312480, 'main'],
      ['vendors.c81d07.js', 148230, 'vendors'],
      ['checkout.77b1e2.js', 41210, null],
      ['main.3e91.css', 28114, 'main'],
    ]);
    expect(metrics.totalBytes).toBe(312480 + 148230 + 41210 + 28114);
    expect(metrics.modules.find((m) => m.path === './node_modules/date-fns/esm/format/index.js')).toEqual({ path: './node_modules/date-fns/esm/format/index.js', bytes: 9820, package: 'date-fns' });
    expect(metrics.duplicates).toEqual([{ name: 'lodash', paths: ['node_modules/@stripe/stripe-js/node_modules/lodash', 'node_modules/lodash'], versions: [] }]);
    expect(findings.map((f) => `${f.ruleId}:${f.package ?? f.output}`).sort()).toEqual([
      'duplicate-package:lodash',
      'large-chunk:main.4f2a9c.js',
      'tree-shaking-miss:lodash',
      'tree-shaking-miss:lodash',
      'tree-shaking-miss:react',
      'tree-shaking-miss:react-dom',
    ]);
    expect(findings.find((f) => f.ruleId === 'large-chunk')?.message).toBe('Output "main.4f2a9c.js" is 312480 bytes, over the 250000-byte budget');
  });

  it('reads rollup-plugin-visualizer data and pnpm store paths with versions', async () => {
    const { findings, metrics } = await analyze(fixture('visualizer-data.json'));
    expect(metrics.format).toBe('rollup-plugin-visualizer');
    expect(metrics.outputs).toEqual([{ path: 'assets/index-B3x9Qe.js', bytes: 1840 + 3210 + 212540 + 38420 + 410 + 11230, entryPoint: '/home/ci/app/src/main.ts' }]);
    expect(metrics.packages.map((p) => p.name)).toEqual(['vue', 'axios', 'qs']);
    expect(findings.map((f) => `${f.ruleId}:${f.package ?? f.output}`)).toEqual(['large-chunk:assets/index-B3x9Qe.js', 'tree-shaking-miss:qs']);
    const pnpm = JSON.stringify({
      inputs: {},
      outputs: {
        'out.js': {
          bytes: 900,
          inputs: {
            'node_modules/.pnpm/react@18.3.1/node_modules/react/index.js': { bytesInOutput: 400 },
            'node_modules/.pnpm/react@19.0.0/node_modules/react/index.js': { bytesInOutput: 500 },
          },
        },
      },
    });
    const dup = await analyze(pnpm);
    expect(dup.metrics.duplicates).toEqual([{ name: 'react', paths: ['node_modules/.pnpm/react@18.3.1/node_modules/react', 'node_modules/.pnpm/react@19.0.0/node_modules/react'], versions: ['18.3.1', '19.0.0'] }]);
  });

  it('takes maxChunkBytes from options', async () => {
    const { findings } = await analyze(fixture('webpack-stats.json'), { maxChunkBytes: 100000 });
    expect(findings.filter((f) => f.ruleId === 'large-chunk').map((f) => f.output)).toEqual(['main.4f2a9c.js', 'vendors.c81d07.js']);
  });

  it('fails with line and column on JSON that does not parse', async () => {
    const reply = await runTool(analyzeBundle, { content: '{\n  "inputs": {},\n  "outputs": { "a.js": { "bytes": 12, } }\n}' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('line 3, column 39: Unexpected "}" in JSON');
  });

  it('refuses JSON that is no known stats format', async () => {
    expect(resultText(await runTool(analyzeBundle, { content: '{"name":"x","version":"1.0.0"}' }))).toMatch(/not an esbuild metafile/);
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(analyzeBundle, { content: '{}', options: { maxChunkBytes: 0 } }))).toMatch(/^Invalid arguments: options\.maxChunkBytes/);
  });
});
