// Prints the size a deploy would upload for one app: its bundle minified, raw and gzipped.
// Category workers must stay under 1 MiB gzipped (TOOLS.md), so say so when one does not.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const app = process.argv[2];
const entry = fileURLToPath(new URL(`../../dist/apps/${app}/index.js`, import.meta.url));
if (!existsSync(entry)) {
  console.error(`bundle-size: ${entry} is missing; run the build first`);
  process.exit(1);
}
const out = await build({
  entryPoints: [entry],
  bundle: false,
  minify: true,
  write: false,
  format: 'esm',
  logLevel: 'silent',
});
const code = out.outputFiles[0].contents;
const gz = gzipSync(code).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const limit = 1024 * 1024;
console.log(`${app}: ${kib(code.length)} minified, ${kib(gz)} gzipped${gz > limit ? ' -- OVER the 1 MiB gzipped budget' : ''}`);
