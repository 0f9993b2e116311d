// `npm run bench:tools [category...]`: times every tool on its category's bench cases
// (libs/tools/<category>/bench/cases.ts) through the real registry: a typical ~300-line
// input, then inputs grown to ~1 MiB, and how time grows when the input doubles.
// Targets (TOOLS.md): typical <= 10 ms, ~1 MiB <= 1 s, doubling <= 2.5x. Printed, not asserted.
// Times are medians of warm calls; the doubling ratio is the median ratio of alternated calls.
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

/** Warm-up, as a worker serving traffic is: lazily built tables, and enough calls for V8 to
 * optimize the hot functions (a tool's first ~30 calls run measurably slower), up to 100 calls
 * or 1 s, and at least `min` so that the heap has grown to the input's size. */
async function warmUp(run, tool, args, min) {
  const warm = performance.now();
  for (let i = 0; i < 100 && (i < min || performance.now() - warm < 1000); i++) await run(tool, args);
}

async function timed(run, tool, args) {
  const t0 = performance.now();
  const reply = await run(tool, args);
  return { ms: performance.now() - t0, error: reply.isError ? reply.content[0]?.text.slice(0, 120) : undefined };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The typical input: the median of up to 50 warm calls within 1.5 s. */
async function typicalTime(run, tool, args) {
  await warmUp(run, tool, args, 6);
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start < 1500 && samples.length < 50)) {
    const t = await timed(run, tool, args);
    if (t.error) return { ms: Number.NaN, error: t.error };
    samples.push(t.ms);
  }
  return { ms: median(samples) };
}

/**
 * ½ MiB and ~1 MiB, timed in alternation (half, full, half, full, ...) so that both sizes see
 * the same machine: on a shared VM the speed drifts by tens of percent within seconds, which
 * timing one size after the other turned into doubling ratios anywhere from 2 to 4. The ratio
 * is the median of the pairs' ratios.
 */
async function growth(run, tool, halfArgs, fullArgs, pairs = 7) {
  await warmUp(run, tool, halfArgs, 4);
  await warmUp(run, tool, fullArgs, 4);
  const half = [];
  const full = [];
  for (let i = 0; i < pairs; i++) {
    const h = await timed(run, tool, halfArgs);
    const f = await timed(run, tool, fullArgs);
    if (h.error || f.error) return { half: Number.NaN, full: Number.NaN, ratio: Number.NaN, error: h.error ?? f.error };
    half.push(h.ms);
    full.push(f.ms);
  }
  return { half: median(half), full: median(full), ratio: median(full.map((f, i) => f / half[i])) };
}

const fmt = (ms) => (Number.isNaN(ms) ? 'error' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
if (!child) {
  console.log('| tool | typical (300 lines) ms | ½ MiB ms | ~1 MiB ms | doubling ratio | within targets |');
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
    const typical = await typicalTime(run, c.tool, c.input(300));
    const large = linesForSize(c.input, 0.95 * MiB);
    const big = await growth(run, c.tool, c.input(Math.floor(large / 2)), c.input(large));
    const ok = typical.ms <= 10 && big.full <= 1000 && big.ratio <= 2.5;
    const note = typical.error ?? big.error;
    console.log(`| ${c.tool.name} | ${fmt(typical.ms)} | ${fmt(big.half)} | ${fmt(big.full)} | ${big.ratio.toFixed(2)} | ${ok ? 'yes' : `no${note ? `: ${note}` : ''}`} |`);
  }
  await mod.close();
}
