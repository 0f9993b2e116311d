// `npm run bench:tools [category...]`: times every tool on its category's bench cases
// (libs/tools/<category>/bench/cases.ts) through the real registry: a typical ~300-line
// input, then inputs grown to ~1 MiB, and how time grows when the input doubles.
// Targets (TOOLS.md): typical <= 10 ms, ~1 MiB <= 1 s, doubling <= 2.5x. Printed, not asserted.
// The OSV tools get a loopback OSV serving the libs' advisory fixtures (the time includes the
// HTTP round trips; in production KV caches the answers).
import './env.mjs';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './cluster.mjs';

const CATEGORIES = ['nodejs', 'python', 'docker', 'quality', 'webdesign', 'database', 'api', 'architecture'];
// Arguments: categories, or tool names (`web_analyze_css`) to time only those tools.
const PREFIXES = { node: 'nodejs', python: 'python', docker: 'docker', quality: 'quality', web: 'webdesign', db: 'database', api: 'api', arch: 'architecture' };
const args = process.argv.slice(2);
const onlyTools = new Set(args.filter((a) => a.includes('_')));
const wanted = args.length ? [...new Set(args.map((a) => (a.includes('_') ? PREFIXES[a.split('_')[0]] : a)))] : CATEGORIES;
const MiB = 1024 * 1024;

/** Bundles a category's cases with the runner, so TS and path aliases need no loader. */
async function load(category) {
  const cases = path.join(ROOT, 'libs/tools', category, 'bench/cases.ts');
  if (!existsSync(cases)) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `export { default as cases } from ${JSON.stringify(cases)};\nexport { runTool } from ${JSON.stringify(path.join(ROOT, 'libs/core/protocol/src/testing/run-tool.ts'))};\nexport { osvRecordsIn, startOsvStub } from ${JSON.stringify(path.join(ROOT, 'libs/core/protocol/src/testing/osv-stub.ts'))};\n`);
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
  rmSync(dir, { recursive: true, force: true });
  return mod;
}

const bytes = (args) => Buffer.byteLength(JSON.stringify(args));

async function time(run, tool, args, minRuns = 5, budgetMs = 1500) {
  await run(tool, args); // warm-up: JIT and lazily built tables
  const samples = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start < budgetMs && samples.length < 50)) {
    const t0 = performance.now();
    const reply = await run(tool, args);
    samples.push(performance.now() - t0);
    if (reply.isError) return { ms: Number.NaN, error: reply.content[0]?.text.slice(0, 120) };
    if (performance.now() - start > 10_000) break;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)] };
}

/** The line count whose input is close to (under) 1 MiB, found by doubling then bisecting. */
function linesForSize(input, target) {
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

const fmt = (ms) => (Number.isNaN(ms) ? 'error' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
console.log('| tool | typical (300 lines) ms | ½ MiB ms | ~1 MiB ms | doubling ratio | within targets |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const category of wanted) {
  const mod = await load(category);
  if (!mod) {
    console.log(`| ${category}: no bench/cases.ts | | | | | |`);
    continue;
  }
  const fixtures = ['nodejs/src/check-vulnerabilities', 'python/src/audit-vulnerabilities'].map((d) => pathToFileURL(path.join(ROOT, 'libs/tools', d, 'fixtures/osv/')));
  const osv = await mod.startOsvStub(mod.osvRecordsIn(...fixtures));
  const run = (tool, args) => mod.runTool(tool, args, { env: { OSV_API_URL: osv.url } });
  for (const c of mod.cases) {
    if (onlyTools.size && !onlyTools.has(c.tool.name)) continue;
    const typical = await time(run, c.tool, c.input(300));
    const large = linesForSize(c.input, 0.95 * MiB);
    const half = await time(run, c.tool, c.input(Math.floor(large / 2)), 3);
    const full = await time(run, c.tool, c.input(large), 3);
    const ratio = full.ms / half.ms;
    const ok = typical.ms <= 10 && full.ms <= 1000 && ratio <= 2.5;
    const note = typical.error ?? half.error ?? full.error;
    console.log(`| ${c.tool.name} | ${fmt(typical.ms)} | ${fmt(half.ms)} | ${fmt(full.ms)} | ${ratio.toFixed(2)} | ${ok ? 'yes' : `no${note ? `: ${note}` : ''}`} |`);
  }
  await osv.close();
}
