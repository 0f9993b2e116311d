// `npm run profile:tool -- <tool_name> [lines|1MiB] [runs]`: runs one tool on its bench input
// under the V8 sampling profiler and prints where the time goes (self time per function, and
// per source file), to find what to optimize when bench:tools shows a tool over its targets.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MiB, PREFIXES, linesForSize, loadCategory } from './bench-load.mjs';

const [name, size = '300', runsArg] = process.argv.slice(2);
if (!name?.includes('_')) {
  console.error('usage: npm run profile:tool -- <tool_name> [lines|1MiB] [runs]');
  process.exit(2);
}
const mod = await loadCategory(PREFIXES[name.split('_')[0]]);
const c = mod?.cases.find((x) => x.tool.name === name);
if (!c) {
  console.error(`no bench case for ${name}`);
  process.exit(2);
}
const lines = /mib$/i.test(size) ? linesForSize(c.input, parseFloat(size) * 0.95 * MiB) : Number(size);
const args = c.input(lines);
const runs = Number(runsArg ?? (lines > 5000 ? 5 : 200));
await mod.run(c.tool, args); // warm-up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (let i = 0; i < runs; i++) {
  const reply = await mod.run(c.tool, args);
  if (reply.isError) throw new Error(reply.content[0]?.text);
}
const wall = (performance.now() - t0) / runs;
// CPU time too: on a busy machine wall time also counts waiting for a core.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
const { profile } = await session.post('Profiler.stop');
await mod.close();
const out = path.join(process.env.TMPDIR ?? '/tmp', `${name}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));

// Self time per node = its share of the samples.
const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const byFn = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
  const ms = ((hits.get(node.id) ?? 0) * dt) / runs;
  if (!ms) continue;
  const f = node.callFrame;
  const where = f.url.endsWith('bench.mjs') ? mod.sourceOf(f.lineNumber + 1) : f.url ? `${f.url.replace(/^file:\/\/.*\//, '')}:${f.lineNumber + 1}` : `(${f.functionName || 'native'})`;
  const file = where.replace(/[+:]\d+$/, '');
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  byFn.set(key, (byFn.get(key) ?? 0) + ms);
  byFile.set(file, (byFile.get(file) ?? 0) + ms);
}
const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`${name}: ${lines} lines, ${(Buffer.byteLength(JSON.stringify(args)) / 1024).toFixed(0)} KiB, ${wall.toFixed(2)} ms per call (${cpuMs.toFixed(2)} ms CPU) over ${runs} runs (profile: ${out})`);
console.log('\nself ms/call  function');
for (const [k, ms] of top(byFn, 25)) console.log(`${ms.toFixed(3).padStart(12)}  ${k}`);
console.log('\nself ms/call  file');
for (const [k, ms] of top(byFile, 10)) console.log(`${ms.toFixed(3).padStart(12)}  ${k}`);
