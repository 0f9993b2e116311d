import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseJson } from '../shared/json';
import { packageOf, readStats } from './bundle-formats';

const RULES = [
  { id: 'duplicate-package', severity: 'warning' as const, summary: 'One package name is bundled from several install paths', docs: 'https://github.com/webpack-contrib/webpack-bundle-analyzer' },
  { id: 'large-chunk', severity: 'warning' as const, summary: 'An output larger than options.maxChunkBytes (default 250000)', docs: 'https://webpack.js.org/configuration/performance/' },
  { id: 'tree-shaking-miss', severity: 'info' as const, summary: 'A package is CommonJS or side-effectful, so it is bundled whole', docs: 'https://webpack.js.org/guides/tree-shaking/' },
];

interface PackageRow {
  name: string;
  path: string;
  bytes: number;
  version?: string;
}

export const analyzeBundle = defineTool({
  name: 'web_analyze_bundle',
  title: 'Bundle analysis (esbuild, webpack, rollup-plugin-visualizer)',
  description:
    'Reads an esbuild metafile, a webpack stats.json or rollup-plugin-visualizer data and reports size per module, per package and per output, packages installed at several paths (duplicates), outputs over a size budget and CommonJS packages that defeat tree shaking.',
  input: z
    .object({
      content: contentArg('The stats JSON: esbuild metafile, webpack stats.json or rollup-plugin-visualizer data'),
      options: analyzerOptions({ maxChunkBytes: z.number().int().positive().optional().describe('Largest output in bytes before large-chunk fires (default 250000)') }),
    })
    .strict(),
  rules: RULES,
  run({ content, options }) {
    const stats = readStats(parseJson(content));
    const findings: Finding[] = [];
    const modules = stats.modules.map((m) => ({ path: m.path, bytes: m.bytes, package: packageOf(m.path)?.name ?? null })).sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));

    const byDir = new Map<string, PackageRow & { cjs: boolean; side: boolean; modules: number }>();
    for (const m of stats.modules) {
      const pkg = packageOf(m.path);
      if (!pkg) continue;
      const row = byDir.get(pkg.dir) ?? { name: pkg.name, path: pkg.dir, bytes: 0, ...(pkg.version ? { version: pkg.version } : {}), cjs: false, side: false, modules: 0 };
      row.bytes += m.bytes;
      row.modules++;
      row.cjs ||= m.commonjs;
      row.side ||= m.sideEffects;
      byDir.set(pkg.dir, row);
    }
    const packages = [...byDir.values()].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));

    const byName = new Map<string, typeof packages>();
    for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const duplicates = [...byName]
      .filter(([, rows]) => rows.length > 1)
      .map(([name, rows]) => ({ name, paths: rows.map((r) => r.path).sort(), versions: [...new Set(rows.map((r) => r.version).filter((v): v is string => !!v))].sort() }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of duplicates) {
      const bytes = byName.get(d.name)!.reduce((s, r) => s + r.bytes, 0);
      findings.push({
        ruleId: 'duplicate-package',
        severity: 'warning',
        message: `Package "${d.name}" is bundled ${d.paths.length} times (${d.paths.join(', ')}${d.versions.length ? `; versions ${d.versions.join(', ')}` : ''}), ${bytes} bytes in all`,
        fix: `Deduplicate "${d.name}" (npm dedupe, or align the dependents' version ranges / add an override)`,
        docs: RULES[0].docs,
        package: d.name,
        paths: d.paths,
      });
    }

    const outputs = [...stats.outputs].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
    const max = options?.maxChunkBytes ?? 250000;
    for (const o of outputs) {
      if (o.bytes > max) {
        findings.push({
          ruleId: 'large-chunk',
          severity: 'warning',
          message: `Output "${o.path}" is ${o.bytes} bytes, over the ${max}-byte budget`,
          fix: 'Split it with dynamic import() at route or feature boundaries, and check the largest packages below',
          docs: RULES[1].docs,
          output: o.path,
          bytes: o.bytes,
        });
      }
    }
    for (const p of packages) {
      if (!p.cjs && !p.side) continue;
      findings.push({
        ruleId: 'tree-shaking-miss',
        severity: 'info',
        message: `Package "${p.name}" (${p.path}, ${p.bytes} bytes in ${p.modules} module${p.modules > 1 ? 's' : ''}) is ${p.cjs ? 'CommonJS' : 'marked as having side effects'}, so it is bundled whole`,
        fix: p.cjs ? `Use an ES-module build of "${p.name}" (check its "module"/"exports" fields) or a lighter alternative` : `Set "sideEffects": false in "${p.name}" if its modules are pure, or import only what you use`,
        docs: RULES[2].docs,
        package: p.name,
      });
    }

    const totalBytes = outputs.length ? outputs.reduce((s, o) => s + o.bytes, 0) : modules.reduce((s, m) => s + m.bytes, 0);
    return {
      findings,
      metrics: {
        format: stats.format,
        totalBytes,
        modules,
        packages: packages.map(({ name, path, bytes, version }) => ({ name, path, bytes, ...(version ? { version } : {}) })),
        outputs,
        duplicates,
      },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { totalBytes: number; outputs: { path: string; bytes: number; entryPoint: string | null }[]; packages: PackageRow[] };
    return [
      table(['output', 'bytes', 'entry point'], m.outputs.slice(0, 20).map((o) => [o.path, o.bytes, o.entryPoint ?? ''])),
      table(['package', 'path', 'bytes', 'share %'], m.packages.slice(0, 20).map((p) => [p.name, p.path, p.bytes, m.totalBytes ? (100 * p.bytes) / m.totalBytes : 0])),
    ];
  },
});
