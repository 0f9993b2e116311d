/**
 * Realistic inputs of about `lines` lines for the bench (and the gateway integration test,
 * which calls every tool with input(30)). Deterministic: the same size gives the same text.
 */

const PRODUCTS = ['Chai', 'Chang', 'Aniseed Syrup', 'Cajun Seasoning', 'Gumbo Mix', 'Boysenberry Spread', 'Dried Pears', 'Cranberry Sauce', 'Mishi Kobe Niku', 'Ikura', 'Queso Cabrales'];

/** A storefront page: head with styles and scripts, then product cards until `lines`. */
export function htmlPage(lines: number): string {
  const head = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    '  <title>Northwind Traders — Fine foods from around the world</title>',
    '  <meta name="description" content="Order specialty foods, spices and preserves from Northwind Traders, shipped worldwide within two business days.">',
    '  <link rel="canonical" href="https://northwind.example/catalog">',
    '  <link rel="stylesheet" href="https://cdn.northwind-static.example/css/site.css">',
    '  <script src="https://cdn.northwind-static.example/js/vendor.js"></script>',
    '  <style>',
    '    :root { --ink: #222; --muted: #8a8a8a; --accent: #0b6bcb; }',
    '    body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }',
    '    .card { border: 1px solid #ddd; padding: 1rem; }',
    '    .card .price { font-weight: 700; color: var(--accent); }',
    '    .card .note { color: var(--muted); font-size: 13px; }',
    '    .badge { background: #fbbc04; color: #fff; }',
    '    @font-face { font-family: "Brand"; src: url(/fonts/brand.woff2); }',
    '  </style>',
    '</head>',
    '<body>',
    '  <header><nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/catalog">Catalog</a></li></ul></nav></header>',
    '  <main>',
    '    <h1>Catalog</h1>',
  ];
  const body: string[] = [];
  for (let i = 0; head.length + body.length + 4 < lines; i++) {
    const name = PRODUCTS[i % PRODUCTS.length];
    body.push(
      `    <section class="card" id="product-${i}">`,
      `      <h2>${name} #${i}</h2>`,
      i % 7 === 3 ? `      <img src="/img/p${i}.jpg">` : `      <img src="/img/p${i}.jpg" alt="${name}" width="160" height="160" loading="lazy">`,
      `      <p class="price">$${(10 + (i % 37)).toFixed(2)}</p>`,
      `      <p class="note">Ships in ${1 + (i % 3)} days</p>`,
      i % 5 === 0 ? '      <span class="badge">New</span>' : `      <a href="/p/${i}">View ${name}</a>`,
      i % 11 === 4 ? '      <div role="checkbox" tabindex="0">Compare</div>' : `      <button type="button">Add ${name} to cart</button>`,
      '    </section>',
    );
  }
  return [...head, ...body, '  </main>', '</body>', '</html>', ''].join('\n');
}

/** A component-library stylesheet with the usual drift: prefixes, duplicates, z-indexes. */
export function stylesheet(lines: number): string {
  const out = ['/* Northwind UI */', ':root { --radius: 6px; --brand: #0b6bcb; }', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `.component-${i} .title, .component-${i} > h2 {`,
      `  color: #${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')};`,
      i % 6 === 0 ? '  -webkit-border-radius: var(--radius);' : '  border-radius: var(--radius);',
      `  margin: ${i % 4}px ${i % 3}rem;`,
      i % 9 === 0 ? `  margin: 0;` : `  z-index: ${i % 10};`,
      '}',
      `#panel-${i}:not(.hidden) a:hover { text-decoration: underline; }`,
      i % 13 === 0 ? `@media (-webkit-min-device-pixel-ratio: 2) { .component-${i} { background-image: url(c${i}@2x.png); } }` : `@media (min-width: ${600 + i}px) { .component-${i} { display: flex; } }`,
    );
  }
  return out.join('\n');
}

/** An esbuild metafile (pretty-printed, as `--metafile` writes it) with packages and their modules. */
export function esbuildMetafile(lines: number): string {
  const inputs: Record<string, unknown> = {};
  const outputInputs: Record<string, { bytesInOutput: number }> = {};
  const modules = Math.max(2, Math.floor(lines / 12));
  for (let i = 0; i < modules; i++) {
    const pkg = i % 4 === 0 ? `src/features/f${i}.ts` : i % 17 === 1 ? `node_modules/left-pad-${i % 3}/node_modules/lodash/m${i}.js` : `node_modules/pkg-${i % 25}/lib/m${i}.js`;
    inputs[pkg] = { bytes: 1000 + i * 13, imports: [], format: i % 5 === 0 ? 'cjs' : 'esm' };
    outputInputs[pkg] = { bytesInOutput: 600 + i * 7 };
  }
  const total = Object.values(outputInputs).reduce((s, v) => s + v.bytesInOutput, 0);
  return JSON.stringify({ inputs, outputs: { 'dist/app.js': { imports: [], exports: [], entryPoint: 'src/main.ts', inputs: outputInputs, bytes: total } } }, null, 2);
}

/** A React screen with forms, lists and the typical a11y slips. */
export function jsxComponent(lines: number): string {
  const out = [
    "import { useState } from 'react';",
    '',
    'export function OrdersScreen({ orders, onOpen, onDelete }) {',
    "  const [query, setQuery] = useState('');",
    '  return (',
    '    <main className="orders">',
    '      <h1>Orders</h1>',
    '      <label htmlFor="q">Search</label>',
    '      <input id="q" value={query} onChange={(e) => setQuery(e.target.value)} />',
    '      <ul>',
  ];
  for (let i = 0; out.length + 5 < lines; i++) {
    out.push(
      `        <li key="o${i}" className="order">`,
      i % 6 === 0 ? `          <div className="row" onClick={() => onOpen(${i})}>Order ${i}</div>` : `          <button type="button" onClick={() => onOpen(${i})}>Order ${i}</button>`,
      i % 8 === 0 ? `          <img src="/thumb/${i}.png" />` : `          <img src="/thumb/${i}.png" alt="Order ${i} thumbnail" />`,
      i % 10 === 0 ? '          <a href="#">Details</a>' : `          <a href={'/orders/${i}'}>Details</a>`,
      '        </li>',
    );
  }
  out.push('      </ul>', '    </main>', '  );', '}', '');
  return out.join('\n');
}
