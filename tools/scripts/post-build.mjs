// Runs after `wrangler deploy --dry-run` in every app's build target:
// 1. writes dist/apps/<app>/miniflare.json, the app's wrangler.jsonc turned into miniflare
//    worker options by wrangler itself, so the local cluster and the deploy share one config
//    (and the cluster, which also boots inside Jest, never has to load wrangler);
// 2. prints the size a deploy would upload: the bundle minified, raw and gzipped. Category
//    workers must stay under 1 MiB gzipped (TOOLS.md), so it says so when one does not.
import './env.mjs';
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const app = process.argv[2];
const root = new URL('../../', import.meta.url);
const entry = fileURLToPath(new URL(`dist/apps/${app}/index.js`, root));
if (!existsSync(entry)) {
  console.error(`post-build: ${entry} is missing; the wrangler bundle step failed`);
  process.exit(1);
}

const { workerOptions } = unstable_getMiniflareWorkerOptions(fileURLToPath(new URL(`apps/${app}/wrangler.jsonc`, root)));
writeFileSync(fileURLToPath(new URL(`dist/apps/${app}/miniflare.json`, root)), JSON.stringify(workerOptions, null, 2));

const out = await build({ entryPoints: [entry], bundle: false, minify: true, write: false, format: 'esm', logLevel: 'silent' });
const code = out.outputFiles[0].contents;
const gz = gzipSync(code).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${app}: ${kib(code.length)} minified, ${kib(gz)} gzipped${gz > 1024 * 1024 ? ' -- OVER the 1 MiB gzipped budget' : ''}`);
