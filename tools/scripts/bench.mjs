// `npm run bench`: load the local cluster with autocannon and compare, in one run, a
// tools/call through the gateway with the bare path underneath it (one trivial RPC through
// the same service binding: GET /health/docker), and the result-cache hit path (identical
// arguments) with the miss path (every body made unique).
// Prints req/s, p50/p99 and their ratios.
// Not part of the tests: numbers depend on the machine, so only ratios from one run compare.
import './env.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { ROOT, startCluster } from './cluster.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const cluster = await startCluster();
const dockerfile = readFileSync(`${ROOT}/apps/gateway/src/fixtures/node-app.Dockerfile`, 'utf8');
const mcpHeaders = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
let unique = 0;
const call = (name, args) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

async function run(title, opts) {
  const { path, ...rest } = opts;
  const result = await autocannon({ url: `${cluster.url}${path}`, connections, duration, ...rest });
  const non2xx = result.non2xx + result.errors;
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx, timeouts: result.timeouts };
}

try {
  // Warm up isolates and the catalog cache so the first seconds do not skew either side.
  await run('warm-up', { duration: 1, method: 'POST', path: '/mcp', headers: { ...mcpHeaders }, body: call('docker_lint_dockerfile', { content: dockerfile }) });
  const rows = [
    await run('bare RPC: GET /health/docker', { method: 'GET', path: '/health/docker' }),
    await run('tools/call, cache miss (unique arguments)', {
      method: 'POST',
      path: '/mcp',
      headers: { ...mcpHeaders },
      requests: [{ setupRequest: (req) => ({ ...req, body: call('docker_lint_dockerfile', { content: `${dockerfile}# request ${++unique}\n` }) }) }],
    }),
    await run('tools/call, cache hit (same arguments)', { method: 'POST', path: '/mcp', headers: { ...mcpHeaders }, body: call('docker_lint_dockerfile', { content: dockerfile }) }),
  ];
  const [base, tool, hit] = rows;
  console.log(`\n${connections} connections, ${duration} s each, one workerd with all ten workers\n`);
  console.log('| path | req/s | p50 ms | p99 ms | errors | timeouts |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.title} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.timeouts} |`);
  const ratio = (a, b) => `${(a.rps / b.rps).toFixed(2)}x the throughput, ${(a.p50 / Math.max(b.p50, 1)).toFixed(2)}x the p50, ${(a.p99 / Math.max(b.p99, 1)).toFixed(2)}x the p99`;
  console.log(`\ntools/call (miss) vs bare RPC: ${ratio(tool, base)}`);
  console.log(`cache hit vs miss:            ${ratio(hit, tool)}`);
} finally {
  await cluster.stop();
}
