// `npm run bench:tools [category...]`: times every tool on its category's bench cases
// (libs/tools/<category>/bench/cases.ts) through the real registry: a typical ~300-line
// input, then inputs grown to ~1 MiB, and how time grows when the input doubles.
// Targets (TOOLS.md): typical <= 10 ms, ~1 MiB <= 1 s, doubling <= 2.5x. Printed, not asserted.
// Times are medians of warm runs; the doubling ratio compares the fastest runs of each size.
// The OSV tools get a loopback OSV serving the libs' advisory fixtures (the time includes the
// HTTP round trips; in production KV caches the answers).
// Each category runs in its own Node process, as each runs in its own worker isolate: one
// category's garbage and JIT state do not weigh on the next one's figures.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, MiB, PREFIXES, linesForSize, loadCategory } from './bench-load.mjs';

// Arguments: categories, or tool names (`web_analyze_css`) to time only those tools.
const args = process.argv.slice(2).filter((a) => a !== '--child');
const child = process.argv.includes('--child');
const onlyTools = new Set(args.filter((a) => a.includes('_')));
const wanted = args.length ? [...new Set(args.map((a) => (a.includes('_') ? PREFIXES[a.split('_')[0]] : a)))] : CATEGORIES;

async function time(run, tool, args, minRuns = 5, budgetMs = 1500) {
  // Warm-up, as a worker serving traffic is: lazily built tables, and enough calls for V8 to
  // optimize the hot functions (a tool's first ~30 calls run measurably slower). Up to 100
  // calls or 1 s, and at least 6: at 1 MiB the first calls run up to twice as slow while the
  // heap grows and the rarely taken paths get compiled. The figures are the warm steady state.
  const warm = performance.now();
  for (let i = 0; i < 100 && (i < 6 || performance.now() - warm < 1000); i++) await run(tool, args);
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
  return { ms: samples[Math.floor(samples.length / 2)], best: samples[0] };
}

const fmt = (ms) => (Number.isNaN(ms) ? 'error' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
if (!child) {
  console.log('| tool | typical (300 lines) ms | ½ MiB ms | ~1 MiB ms | doubling ratio (best runs) | within targets |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const category of wanted) {
    const tools = [...onlyTools].filter((t) => PREFIXES[t.split('_')[0]] === category);
    const { status } = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ...(tools.length ? tools : [category])], { stdio: 'inherit' });
    if (status !== 0) console.log(`| ${category}: the bench process failed (exit ${status}) | | | | | |`);
  }
  process.exit(0);
}
for (const category of wanted) {
  const mod = await loadCategory(category);
  if (!mod) {
    console.log(`| ${category}: no bench/cases.ts | | | | | |`);
    continue;
  }
  const run = mod.run;
  for (const c of mod.cases) {
    if (onlyTools.size && !onlyTools.has(c.tool.name)) continue;
    const typical = await time(run, c.tool, c.input(300));
    const large = linesForSize(c.input, 0.95 * MiB);
    const half = await time(run, c.tool, c.input(Math.floor(large / 2)), 5);
    const full = await time(run, c.tool, c.input(large), 5);
    // Growth compares the best runs: a median at 1 MiB swings with whichever run paid for a
    // major GC of earlier garbage, which says nothing about how the algorithm scales.
    const ratio = full.best / half.best;
    const ok = typical.ms <= 10 && full.ms <= 1000 && ratio <= 2.5;
    const note = typical.error ?? half.error ?? full.error;
    console.log(`| ${c.tool.name} | ${fmt(typical.ms)} | ${fmt(half.ms)} | ${fmt(full.ms)} | ${ratio.toFixed(2)} | ${ok ? 'yes' : `no${note ? `: ${note}` : ''}`} |`);
  }
  await mod.close();
}
