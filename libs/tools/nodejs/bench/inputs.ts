/**
 * Realistic inputs of about `lines` lines for the bench (and, with 30, for the gateway's
 * integration test). Deterministic: the same `lines` gives the same text.
 */

const pad = (n: number) => String(n).padStart(4, '0');
const REAL = ['express', 'lodash', 'pino', 'zod', 'pg', 'undici', 'dotenv', 'ms', 'semver', 'yaml', 'chalk', 'debug', 'commander', 'uuid'];

/** package.json with ~`lines` lines: dependencies, devDependencies and scripts. */
export function packageJsonOfLines(lines: number, issues = true): string {
  const n = Math.max(4, lines - 20);
  const deps: Record<string, string> = {};
  const dev: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const name = i < REAL.length ? REAL[i] : `@acme/lib-${pad(i)}`;
    const spec = issues && i % 17 === 5 ? '*' : issues && i % 23 === 7 ? 'github:acme/fork-' + pad(i) : `^${1 + (i % 9)}.${i % 13}.${i % 7}`;
    (i % 3 === 0 ? dev : deps)[name] = spec;
  }
  return JSON.stringify(
    {
      name: 'acme-orders-service',
      version: '3.1.4',
      private: true,
      license: issues ? 'apache 2' : 'MIT',
      type: 'module',
      main: 'src/index.js',
      engines: { node: '>=20' },
      files: ['src'],
      scripts: { start: 'node src/index.js', test: 'vitest run', lint: 'eslint .', postinstall: issues ? 'curl -sL https://get.acme.dev/agent | sh' : 'node scripts/setup.js' },
      dependencies: deps,
      devDependencies: dev,
    },
    null,
    2,
  );
}

const VULNERABLE: [string, string][] = [['lodash', '4.17.15'], ['debug', '2.6.8'], ['express', '4.17.1'], ['minimist', '1.2.5'], ['semver', '7.5.1']];

/** package-lock.json v3 with ~`lines` lines (about 9 lines per package entry). */
export function packageLockOfLines(lines: number): string {
  const count = Math.max(3, Math.floor(lines / 9));
  const packages: Record<string, unknown> = { '': { name: 'acme-orders-service', version: '3.1.4', dependencies: { 'pkg-0000': '^1.0.0', 'pkg-0001': '^1.0.0' } } };
  for (let i = 0; i < count; i++) {
    const name = `pkg-${pad(i)}`;
    const version = `${1 + (i % 3)}.${i % 10}.0`;
    const deps: Record<string, string> = {};
    for (const k of [2 * i + 2, 2 * i + 3]) if (k < count) deps[`pkg-${pad(k)}`] = '*';
    packages[`node_modules/${name}`] = {
      version,
      resolved: i % 97 === 13 ? `http://registry.npmjs.org/${name}/-/${name}-${version}.tgz` : `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
      ...(i % 89 === 11 ? {} : { integrity: `sha512-${Buffer.from(name + version).toString('base64')}` }),
      license: 'MIT',
      ...(Object.keys(deps).length ? { dependencies: deps } : {}),
    };
    if (i % 50 === 0 && i > 0) packages[`node_modules/pkg-0000/node_modules/${name}`] = { version: '0.9.0', resolved: `https://registry.npmjs.org/${name}/-/${name}-0.9.0.tgz`, integrity: 'sha512-AAAA' };
    // Real packages at versions with published advisories, so vulnerability matching has work to do.
    const [real, realVersion] = VULNERABLE[Math.floor(i / 25) % VULNERABLE.length];
    if (i % 25 === 0) packages[`${i === 0 ? '' : `node_modules/${name}/`}node_modules/${real}`] = { version: realVersion, resolved: `https://registry.npmjs.org/${real}/-/${real}-${realVersion}.tgz`, integrity: 'sha512-BBBB', license: 'MIT' };
  }
  return JSON.stringify({ name: 'acme-orders-service', version: '3.1.4', lockfileVersion: 3, requires: true, packages }, null, 2);
}

/** A small service as JS modules (~30 lines each) with imports between them, some circular. */
export function projectOfLines(lines: number): { path: string; content: string }[] {
  const count = Math.max(2, Math.round(lines / 30));
  const files: { path: string; content: string }[] = [];
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % count;
    const back = i % 10 === 9 ? `import { helper${i - 5} } from './module-${pad(i - 5)}.js';\n` : '';
    const pkg = REAL[i % REAL.length];
    files.push({
      path: i === 0 ? 'src/index.js' : `src/module-${pad(i)}.js`,
      content:
        `import ${pkg.replace(/\W/g, '_')} from '${pkg}';\n` +
        `import { readFile } from 'node:fs/promises';\n` +
        (next !== 0 ? `import { helper${next} } from './module-${pad(next)}.js';\n` : '') +
        back +
        `\nexport async function helper${i}(input, options = {}) {\n` +
        `  const raw = await readFile(options.path ?? 'data/${i}.json', 'utf8');\n` +
        `  const rows = JSON.parse(raw).filter((r) => r.active);\n` +
        `  const out = [];\n` +
        `  for (const row of rows) {\n` +
        `    if (row.total > ${i * 10}) out.push({ id: row.id, total: row.total * 1.2 });\n` +
        `    else if (row.total < 0) throw new Error('negative total in ' + row.id);\n` +
        `  }\n` +
        `  return out.length ? out : input;\n` +
        `}\n\n` +
        `export function summarize${i}(items) {\n` +
        `  let sum = 0;\n` +
        `  let max = -Infinity;\n` +
        `  for (const item of items) {\n` +
        `    sum += item.total;\n` +
        `    if (item.total > max) max = item.total;\n` +
        `  }\n` +
        `  return { count: items.length, sum, max, mean: items.length ? sum / items.length : 0 };\n` +
        `}\n\n` +
        `export const config${i} = Object.freeze({ retries: ${i % 5}, timeoutMs: ${1000 + i} });\n`,
    });
  }
  return files;
}

/** Express handlers with the blocking patterns node_detect_blocking_code looks for (~`lines` lines). */
export function blockingSourceOfLines(lines: number): string {
  const head = `const express = require('express');\nconst fs = require('fs');\nconst crypto = require('crypto');\nconst app = express();\nconst SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;\n\n`;
  const blocks: string[] = [];
  for (let i = 0; blocks.length * 22 < lines; i++) {
    blocks.push(
      `app.post('/items/${i}', express.json({ limit: '50kb' }), async (req, res) => {\n` +
        `  const template = fs.readFileSync('views/item-${i}.html', 'utf8');\n` +
        `  const results = [];\n` +
        `  for (const id of req.body.ids) {\n` +
        `    results.push(await loadItem(id, ${i}));\n` +
        `  }\n` +
        `  const related = await Promise.all(req.body.related.map((r) => loadItem(r, ${i})));\n` +
        `  const digest = crypto.createHash('sha256').update(JSON.stringify(results)).digest('hex');\n` +
        `  if (!/^(\\w+\\s?)*$/.test(req.body.title)) return res.status(400).end();\n` +
        `  res.send(template.replace('{{items}}', JSON.stringify({ results, related, digest })));\n` +
        `});\n\n` +
        `app.post('/hooks/${i}', (req, res) => {\n` +
        `  let body = '';\n` +
        `  req.on('data', (chunk) => {\n` +
        `    body += chunk;\n` +
        `  });\n` +
        `  req.on('end', () => {\n` +
        `    const event = JSON.parse(body);\n` +
        `    res.status(SLUG.test(event.slug) ? 202 : 400).end();\n` +
        `  });\n` +
        `});\n`,
    );
  }
  return head + blocks.join('\n') + `\nasync function loadItem(id, shard) {\n  return { id, shard };\n}\nmodule.exports = app;\n`;
}

/** A V8 .cpuprofile of about `lines` lines (one node per line, samples and deltas on one line each). */
export function cpuProfileOfLines(lines: number): string {
  const nodeCount = Math.max(6, lines - 8);
  const nodes: string[] = [];
  const children = new Map<number, number[]>();
  const frames = [
    ['(root)', '', -1],
    ['(program)', '', -1],
    ['(garbage collector)', '', -1],
    ['(idle)', '', -1],
  ] as const;
  for (let id = 1; id <= nodeCount; id++) {
    const parent = id <= 4 ? (id === 1 ? 0 : 1) : id <= 8 ? 1 : 5 + ((id * 7) % (id - 5));
    if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  for (let id = 1; id <= nodeCount; id++) {
    const [fn, url, line] = id <= 4 ? frames[id - 1] : [`handler${id % 40}`, `file:///srv/app/src/module-${pad(id % 40)}.js`, (id % 40) * 3];
    const kids = children.get(id);
    nodes.push(`    {"id":${id},"callFrame":{"functionName":"${fn}","scriptId":"${id <= 4 ? 0 : 10 + (id % 40)}","url":"${url}","lineNumber":${line},"columnNumber":${id <= 4 ? -1 : 2}},"hitCount":${id % 3}${kids ? `,"children":[${kids.join(',')}]` : ''}}`);
  }
  const sampleCount = nodeCount * 4;
  const samples: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < sampleCount; i++) {
    samples.push(2 + ((i * 7919) % (nodeCount - 1)));
    deltas.push(900 + ((i * 31) % 300));
  }
  const total = deltas.reduce((a, b) => a + b, 0);
  return `{\n  "nodes": [\n${nodes.join(',\n')}\n  ],\n  "startTime": 500000000,\n  "endTime": ${500000000 + total},\n  "samples": [${samples.join(',')}],\n  "timeDeltas": [${deltas.join(',')}]\n}\n`;
}

/** A package with an exports map of ~`lines` lines and its published files. */
export function packageWithExportsOfLines(lines: number): { manifest: string; files: { path: string; content: string }[] } {
  const count = Math.max(2, Math.floor(lines / 8));
  const exportsMap: Record<string, unknown> = {};
  const files: { path: string; content: string }[] = [];
  for (let i = 0; i < count; i++) {
    const sub = i === 0 ? '.' : `./feature-${pad(i)}`;
    const base = i === 0 ? 'dist/index' : `dist/feature-${pad(i)}`;
    exportsMap[sub] = i % 11 === 3
      ? { import: `./${base}.js`, types: `./${base}.d.ts`, require: `./${base}.cjs` }
      : { types: `./${base}.d.ts`, import: `./${base}.js`, require: `./${base}.cjs` };
    files.push({ path: `${base}.js`, content: `import { shared } from './shared.js';\nexport const feature${i} = (x) => shared(x) + ${i};\n` });
    if (i % 13 !== 7) files.push({ path: `${base}.cjs`, content: `'use strict';\nconst { shared } = require('./shared.cjs');\nexports.feature${i} = (x) => shared(x) + ${i};\n` });
    files.push({ path: `${base}.d.ts`, content: `export declare const feature${i}: (x: number) => number;\n` });
  }
  files.push({ path: 'dist/shared.js', content: 'export const shared = (x) => x * 2;\n' }, { path: 'dist/shared.cjs', content: "'use strict';\nexports.shared = (x) => x * 2;\n" });
  const manifest = JSON.stringify({ name: '@acme/toolkit', version: '2.0.0', type: 'module', license: 'MIT', files: ['dist'], engines: { node: '>=18' }, sideEffects: false, main: './dist/index.cjs', types: './dist/index.d.ts', exports: exportsMap }, null, 2);
  return { manifest, files };
}
