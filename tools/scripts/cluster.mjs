// Boots all ten workers in ONE workerd process through miniflare, configured from each app's
// own wrangler.jsonc (turned into miniflare options by wrangler at build time, so local runs
// and deploys share one config). Used by `npm start`, the integration specs and the benchmarks.
import './env.mjs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Miniflare, Log, LogLevel } from 'miniflare';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Every app with a wrangler config is a worker of the cluster: a new category worker
// (nx g @mcp/workspace-plugin:category-worker) is picked up without editing this file.
export const CATEGORY_APPS = readdirSync(path.join(ROOT, 'apps'))
  .filter((app) => app.startsWith('worker-') && existsSync(path.join(ROOT, 'apps', app, 'wrangler.jsonc')))
  .sort();
export const ALL_APPS = ['gateway', ...CATEGORY_APPS, 'tailworker'];

/**
 * One app as miniflare options: what wrangler made of its wrangler.jsonc at build time
 * (dist/apps/<app>/miniflare.json, see post-build.mjs) plus its bundle.
 */
export function workerOptions(app) {
  const dir = path.join(ROOT, 'dist', 'apps', app);
  const bundle = path.join(dir, 'index.js');
  const options = path.join(dir, 'miniflare.json');
  if (!existsSync(bundle) || !existsSync(options)) throw new Error(`${dir} is incomplete: build first (npx nx run-many -t build)`);
  const fromConfig = JSON.parse(readFileSync(options, 'utf8'));
  return { ...fromConfig, name: app, modules: true, scriptPath: bundle, modulesRoot: dir };
}

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 (default) picks a free port
 * @param {string} [options.host]
 * @param {string|false} [options.persist] directory for KV state, or false for in-memory
 * @param {string[]} [options.apps] which apps to boot (default all ten)
 * @param {Record<string, Record<string, string>>} [options.vars] extra vars per app
 * @param {Record<string, string[]>} [options.dropBindings] service bindings to remove, per app
 * @param {Record<string, object>} [options.replace] replace an app's worker with other options
 * @param {Record<string, object>} [options.patch] miniflare options merged into an app's worker
 * @param {object[]} [options.extraWorkers] more miniflare workers (fault injection)
 * @param {boolean} [options.verbose] print workers' console output
 */
export async function startCluster(options = {}) {
  const apps = options.apps ?? ALL_APPS;
  const booted = new Set([...apps, ...(options.extraWorkers ?? []).map((w) => w.name)]);
  const workers = apps.map((app) => {
    let w = options.replace?.[app] ? { ...options.replace[app], name: app } : workerOptions(app);
    // Locally the gateway is bound to loopback: only localhost Host headers are genuine
    // (DNS rebinding protection). A deployed gateway sets ALLOWED_HOSTS to its own names.
    if (app === 'gateway') w = { ...w, bindings: { ALLOWED_HOSTS: 'localhost', ...w.bindings } };
    if (options.vars?.[app]) w = { ...w, bindings: { ...w.bindings, ...options.vars[app] } };
    if (options.patch?.[app]) w = { ...w, ...options.patch[app] };
    for (const binding of options.dropBindings?.[app] ?? []) {
      const { [binding]: _dropped, ...rest } = w.serviceBindings ?? {};
      w = { ...w, serviceBindings: rest };
    }
    // A binding or tail consumer to a worker that is not booted would fail the whole process:
    // keep only live ones (the gateway then reports that category as down, as in production).
    const live = (target) => booted.has(typeof target === 'string' ? target : target.name);
    if (w.tails) w = { ...w, tails: w.tails.filter(live) };
    if (w.serviceBindings) w = { ...w, serviceBindings: Object.fromEntries(Object.entries(w.serviceBindings).filter(([, t]) => live(t))) };
    return w;
  });
  const mf = new Miniflare({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    cf: false,
    log: new Log(options.verbose ? LogLevel.INFO : LogLevel.WARN),
    // Quiet mode must still drain workerd's stdout/stderr: an unread pipe fills up (~64 KiB
    // of log lines) and then workerd blocks on its next console.log, hanging every request.
    handleRuntimeStdio: options.verbose
      ? undefined
      : (stdout, stderr) => {
          stdout.resume();
          stderr.resume();
        },
    kvPersist: options.persist === false || options.persist === undefined ? false : options.persist,
    durableObjectsPersist: options.persist === false || options.persist === undefined ? false : options.persist,
    workers: [...workers, ...(options.extraWorkers ?? [])],
  });
  const url = await mf.ready;
  return {
    mf,
    url: url.toString().replace(/\/$/, ''),
    mcpUrl: new URL('/mcp', url).toString(),
    async stop() {
      await mf.dispose();
    },
  };
}
