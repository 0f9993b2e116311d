// Shared by bench-tools.mjs and profile-tool.mjs: loads a category's bench cases, bundled with
// the real registry runner, and gives every tool a loopback OSV (the vulnerability tools query it).
import './env.mjs';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './cluster.mjs';

export const CATEGORIES = ['nodejs', 'python', 'docker', 'quality', 'webdesign', 'database', 'api', 'architecture'];
/** Tool-name prefix -> category (`web_analyze_css` is a webdesign tool). */
export const PREFIXES = { node: 'nodejs', python: 'python', docker: 'docker', quality: 'quality', web: 'webdesign', db: 'database', api: 'api', arch: 'architecture' };
export const MiB = 1024 * 1024;

/** Bundles a category's cases with the runner, so TS and path aliases need no loader. */
export async function loadCategory(category) {
  const cases = path.join(ROOT, 'libs/tools', category, 'bench/cases.ts');
  if (!existsSync(cases)) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const entry = path.join(dir, 'entry.ts');
  const testing = (file) => JSON.stringify(path.join(ROOT, 'libs/core/protocol/src/testing', file));
  writeFileSync(entry, `export { default as cases } from ${JSON.stringify(cases)};\nexport { runTool } from ${testing('run-tool.ts')};\nexport { osvRecordsIn, startOsvStub } from ${testing('osv-stub.ts')};\n`);
  const outfile = path.join(dir, 'bench.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    logLevel: 'error',
    // Workers run pino's browser build; so does the bench (and the Node build would print).
    alias: { pino: 'pino/browser.js' },
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const mod = await import(pathToFileURL(outfile).href);
  const bundle = readFileSync(outfile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const fixtures = ['nodejs/src/check-vulnerabilities', 'python/src/audit-vulnerabilities'].map((d) => pathToFileURL(path.join(ROOT, 'libs/tools', d, 'fixtures/osv/')));
  const osv = await mod.startOsvStub(mod.osvRecordsIn(...fixtures));
  return {
    cases: mod.cases,
    /** Runs a tool through the registry as its worker would, with OSV_API_URL set. */
    run: (tool, args) => mod.runTool(tool, args, { env: { OSV_API_URL: osv.url } }),
    close: () => osv.close(),
    /** Source file of a bundle line: esbuild starts each module with a `// path` comment. */
    sourceOf: sourceIndex(bundle),
  };
}

export const bytes = (args) => Buffer.byteLength(JSON.stringify(args));

/** The line count whose input is close to (under) `target` bytes, found by doubling then bisecting. */
export function linesForSize(input, target) {
  let lo = 300;
  let hi = 600;
  while (bytes(input(hi)) < target && hi < 5_000_000) [lo, hi] = [hi, hi * 2];
  while (hi - lo > Math.max(50, lo * 0.05)) {
    const mid = Math.floor((lo + hi) / 2);
    if (bytes(input(mid)) < target) lo = mid;
    else hi = mid;
  }
  return lo;
}

function sourceIndex(bundle) {
  const starts = [];
  bundle.split('\n').forEach((line, i) => {
    const m = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(line);
    if (m) starts.push([i + 1, m[1].replace(/^.*node_modules\//, '')]);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid][0] <= line) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] && starts[lo][0] <= line ? `${starts[lo][1]}+${line - starts[lo][0]}` : `bundle:${line}`;
  };
}
