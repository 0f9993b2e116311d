// `npm start`: build every app (Nx `build`, cached) and boot all ten workers in ONE workerd
// process, KV and Durable Objects persisted under .wrangler/state. Ctrl-C stops it cleanly.
import './env.mjs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ROOT, startCluster } from './cluster.mjs';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');

if (!process.argv.includes('--no-build')) {
  console.log('Building the workers (nx run-many -t build; cached after the first run)...');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const cluster = await startCluster({
  port,
  host,
  persist: path.join(ROOT, '.wrangler', 'state'),
  vars: { gateway: { ADMIN_TOKEN: adminToken } },
  verbose: process.argv.includes('--verbose'),
});

const health = await (await fetch(`${cluster.url}/health`)).json();
console.log(`
  MCP endpoint   ${cluster.mcpUrl}
  Health         ${cluster.url}/health  (${health.status}: ${health.categories.filter((c) => c.status === 'ok').length}/${health.categories.length} categories up)
  Admin API      ${cluster.url}/admin/logs   Authorization: Bearer ${adminToken}
  Dashboard      ${cluster.url}/admin/dashboard?token=${adminToken}

  All 10 workers run in one workerd process. Ctrl-C stops.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  await cluster.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
