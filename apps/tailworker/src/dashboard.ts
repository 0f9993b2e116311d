/**
 * The operator dashboard: one self-contained page (no external scripts, styles, fonts or
 * CDNs; the CSP forbids them), served at /admin/dashboard through the gateway. It reads the
 * gateway's /health and this worker's query API with the admin cookie the gateway sets.
 * Everything from the logs is inserted with textContent: log fields are attacker-reachable
 * (a tool name in a request is logged), so nothing is ever parsed as HTML.
 */
export function dashboardResponse(): Response {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return new Response(PAGE.replaceAll('__NONCE__', nonce), {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}

const STYLE = `
:root{--bg:#0f1419;--panel:#182029;--line:#2a3542;--fg:#d8e0e8;--dim:#8796a5;--ok:#3fb950;--warn:#d29922;--err:#f85149;--acc:#58a6ff}
*{box-sizing:border-box}body{margin:0;font:13px/1.4 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
header{display:flex;gap:16px;align-items:center;padding:10px 16px;border-bottom:1px solid var(--line)}
h1{font-size:16px;margin:0}h2{font-size:13px;margin:0 0 8px;color:var(--dim);text-transform:uppercase;letter-spacing:.05em}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:12px;padding:12px}
section{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px;min-width:0}
.wide{grid-column:1/-1}#status{color:var(--dim);margin-left:auto}#trace-id{text-transform:none;letter-spacing:0;color:var(--fg)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:6px}
.card{border:1px solid var(--line);border-left:4px solid var(--dim);border-radius:4px;padding:6px}
.card.ok{border-left-color:var(--ok)}.card.down{border-left-color:var(--err)}.card.degraded{border-left-color:var(--warn)}
.card b{display:block}.card span{color:var(--dim);font-size:12px;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{text-align:left;padding:3px 6px;border-bottom:1px solid var(--line);white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:320px}
th{color:var(--dim);font-weight:normal}td.n{text-align:right}tr.click{cursor:pointer}tr.click:hover{background:#223040}
.error,.fatal{color:var(--err)}.warn{color:var(--warn)}svg{width:100%;height:140px;display:block}
#tail{height:260px;overflow:auto;font:12px ui-monospace,monospace}#tail div{white-space:nowrap}
#trace{display:none}#trace.open{display:block}.bar{fill:var(--acc)}.ebar{fill:var(--err)}.axis{stroke:var(--line)}text{fill:var(--dim);font-size:10px}
button,select{background:var(--panel);color:var(--fg);border:1px solid var(--line);border-radius:4px;padding:3px 8px}
.wf{position:relative;height:10px;background:#10161d;min-width:160px}.wf i{position:absolute;top:0;bottom:0;background:var(--acc);min-width:2px}
`;

const SCRIPT = `
'use strict';
const $ = (s) => document.querySelector(s);
const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else e.setAttribute(k, v); } for (const k of kids) e.append(k == null ? '' : k); return e; };
const fmt = (n) => n == null ? '-' : String(n);
const time = (ts) => new Date(ts).toISOString().slice(11, 23);
let windowName = '1h';
async function api(path) {
  const r = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (r.status === 401 || r.status === 403) { $('#status').textContent = 'not signed in: open /admin/dashboard?token=<ADMIN_TOKEN>'; throw new Error('unauthorized'); }
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}
function card(name, status, detail) { return el('div', { class: 'card ' + status, 'data-worker': name }, el('b', {}, name), el('span', {}, status + (detail ? ' · ' + detail : ''))); }
async function loadHealth() {
  const grid = $('#health'); const cards = [];
  try {
    const h = await (await fetch('/health', { cache: 'no-store' })).json();
    cards.push(card('gateway', h.status === 'down' ? 'down' : 'ok', h.status));
    for (const c of h.categories) cards.push(card('worker-' + c.category, c.status, c.status === 'ok' ? c.latencyMs + ' ms · ' + fmt(c.tools) + ' tools' : (c.error || '')));
  } catch (e) { cards.push(card('gateway', 'down', String(e.message || e))); }
  cards.push(card('tailworker', 'ok', 'answering'));
  grid.replaceChildren(...cards);
}
function chart(svg, series, key, cls, label) {
  const W = 600, H = 140, P = 24; const max = Math.max(1, ...series.map((p) => p[key]));
  const ns = 'http://www.w3.org/2000/svg'; const mk = (t, a) => { const e = document.createElementNS(ns, t); for (const k in a) e.setAttribute(k, a[k]); return e; };
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H); svg.replaceChildren();
  svg.append(mk('line', { x1: P, y1: H - P, x2: W, y2: H - P, class: 'axis' }));
  const bw = (W - P) / Math.max(1, series.length);
  series.forEach((p, i) => {
    const h = (p[key] / max) * (H - 2 * P);
    const r = mk('rect', { x: P + i * bw, y: H - P - h, width: Math.max(1, bw - 1), height: h, class: cls }); const t = mk('title', {}); t.textContent = time(p.ts) + ' ' + label + ': ' + p[key]; r.append(t); svg.append(r);
  });
  const top = mk('text', { x: 0, y: P }); top.textContent = String(max); svg.append(top);
  if (series.length) { const a = mk('text', { x: P, y: H - 6 }); a.textContent = time(series[0].ts).slice(0, 5); const b = mk('text', { x: W - 40, y: H - 6 }); b.textContent = time(series[series.length - 1].ts).slice(0, 5); svg.append(a, b); }
}
function statRow(name, s, attrs) { return el('tr', attrs || {}, el('td', {}, name), el('td', { class: 'n' }, fmt(s.calls)), el('td', { class: 'n' }, fmt(s.errors)), el('td', { class: 'n' }, s.errorRate + '%'), el('td', { class: 'n' }, fmt(s.p50)), el('td', { class: 'n' }, fmt(s.p95)), el('td', { class: 'n' }, fmt(s.p99))); }
async function loadAnalytics() {
  const a = await api('/admin/analytics?window=' + windowName);
  chart($('#req'), a.series, 'requests', 'bar', 'requests'); chart($('#err'), a.series, 'errors', 'ebar', 'errors');
  const total = a.series.reduce((n, p) => n + p.requests, 0), errs = a.series.reduce((n, p) => n + p.errors, 0);
  $('#rates').textContent = total + ' requests, ' + errs + ' errors (' + (total ? (100 * errs / total).toFixed(2) : '0') + '%) in ' + a.window + ', step ' + (a.stepMs / 1000) + ' s';
  const slow = [...a.tools].sort((x, y) => (y.p95 || 0) - (x.p95 || 0) || y.calls - x.calls).slice(0, 10);
  $('#slow').replaceChildren(...slow.map((t) => statRow(t.tool, t, { 'data-tool': t.tool })));
  $('#workers').replaceChildren(...a.workers.map((w) => statRow(w.worker, w)));
}
async function loadErrors() {
  const [calls, errs] = await Promise.all([api('/admin/logs?since=1h&outcome=!ok&event=gateway.tool&limit=1000'), api('/admin/logs?since=1h&level=error&limit=1000')]);
  const rows = [...calls.records, ...errs.records].sort((x, y) => y.ts - x.ts).slice(0, 25);
  $('#errors').replaceChildren(...rows.map((r) => {
    const tr = el('tr', { class: 'click', 'data-trace': r.traceId || '', title: 'open trace ' + (r.traceId || '') }, el('td', {}, time(r.ts)), el('td', {}, r.worker), el('td', {}, r.tool || r.event), el('td', { class: 'error' }, r.outcome || r.level), el('td', {}, r.errorClass || r.msg || ''));
    if (r.traceId) tr.addEventListener('click', () => openTrace(r.traceId, r.ts));
    return tr;
  }));
  if (!rows.length) $('#errors').replaceChildren(el('tr', {}, el('td', {}, 'no errors in the last hour')));
}
// The record's time bounds the search: a trace lookup then lists minutes of batches, not days.
async function openTrace(id, ts) {
  const t = await api('/admin/traces/' + id + (ts ? '?since=' + (ts - 600000) + '&until=' + (ts + 600000) : ''));
  const box = $('#trace'); box.classList.add('open'); $('#trace-id').textContent = id + ' · ' + t.workers.join(' → ') + ' · ' + t.durationMs + ' ms';
  const t0 = t.records.length ? t.records[0].ts : 0; const span = Math.max(1, t.durationMs, ...t.records.map((r) => r.ts - t0 + (r.durationMs || 0)));
  $('#trace-rows').replaceChildren(...t.records.map((r) => {
    const bar = el('i'); const start = r.durationMs ? r.ts - t0 - r.durationMs : r.ts - t0; bar.style.left = (100 * Math.max(0, start) / span) + '%'; bar.style.width = (100 * (r.durationMs || 0) / span) + '%';
    return el('tr', { class: r.level }, el('td', {}, time(r.ts)), el('td', {}, r.worker), el('td', {}, r.event), el('td', {}, r.tool || r.path || ''), el('td', {}, r.outcome || ''), el('td', { class: 'n' }, fmt(r.durationMs)), el('td', {}, el('div', { class: 'wf' }, bar)));
  }));
  box.scrollIntoView({ block: 'nearest' });
}
// Live tail: poll from a little before the newest record seen (tail events can land a few
// seconds late), follow cursors for a burst, and drop what was already shown.
const seen = new Map(); let tailSince = Date.now() - 120000;
async function pollTail() {
  const records = []; let cursor = null;
  for (let page = 0; page < 5; page++) {
    const res = await api('/admin/logs?since=' + Math.max(0, tailSince - 10000) + '&limit=500' + (cursor ? '&cursor=' + cursor : ''));
    records.push(...res.records); cursor = res.nextCursor; if (!cursor) break;
  }
  const hide = $('#hide-admin').checked; const box = $('#tail'); const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  for (const r of records) {
    const k = r.ts + '|' + r.worker + '|' + r.event + '|' + (r.requestId || '') + '|' + (r.msg || '') + '|' + (r.tool || '');
    if (seen.has(k)) continue; seen.set(k, r.ts); tailSince = Math.max(tailSince, r.ts);
    if (hide && typeof r.path === 'string' && r.path.startsWith('/admin')) continue;
    const line = el('div', { class: r.level, 'data-request': r.requestId || '' }, time(r.ts) + ' ' + r.worker + ' ' + r.level + ' ' + r.event + (r.tool ? ' ' + r.tool : '') + (r.path ? ' ' + r.path : '') + (r.outcome ? ' ' + r.outcome : '') + (r.durationMs != null ? ' ' + r.durationMs + 'ms' : '') + (r.msg ? ' ' + r.msg : ''));
    if (r.traceId) line.addEventListener('click', () => openTrace(r.traceId, r.ts));
    box.append(line);
  }
  for (const [k, ts] of seen) if (ts < tailSince - 60000) seen.delete(k);
  while (box.childElementCount > 1000) box.firstElementChild.remove();
  if (stick) box.scrollTop = box.scrollHeight;
}
async function refresh() {
  const results = await Promise.allSettled([loadHealth(), loadAnalytics(), loadErrors()]);
  const bad = results.find((r) => r.status === 'rejected');
  if (!bad) $('#status').textContent = 'updated ' + new Date().toLocaleTimeString(); else if (bad.reason.message !== 'unauthorized') $('#status').textContent = String(bad.reason.message);
}
$('#window').addEventListener('change', (e) => { windowName = e.target.value; refresh(); });
$('#close-trace').addEventListener('click', () => $('#trace').classList.remove('open'));
refresh(); setInterval(refresh, 10000);
const tick = () => pollTail().catch(() => undefined).finally(() => setTimeout(tick, 2000)); tick();
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MCP Workers dashboard</title><link rel="icon" href="data:,"><style nonce="__NONCE__">${STYLE}</style></head>
<body>
<header><h1>MCP Workers</h1>
<label>window <select id="window"><option value="5m">5 minutes</option><option value="1h" selected>1 hour</option><option value="24h">24 hours</option></select></label>
<span id="status">loading…</span></header>
<main>
<section class="wide"><h2>Worker health</h2><div id="health" class="grid"></div></section>
<section><h2>Requests over time</h2><svg id="req" role="img" aria-label="requests over time"></svg><div id="rates"></div></section>
<section><h2>Errors over time</h2><svg id="err" role="img" aria-label="errors over time"></svg></section>
<section><h2>Slowest tools (by p95, ms)</h2><table><thead><tr><th>tool</th><th>calls</th><th>errors</th><th>rate</th><th>p50</th><th>p95</th><th>p99</th></tr></thead><tbody id="slow"></tbody></table></section>
<section><h2>Workers</h2><table><thead><tr><th>worker</th><th>calls</th><th>errors</th><th>rate</th><th>p50</th><th>p95</th><th>p99</th></tr></thead><tbody id="workers"></tbody></table></section>
<section class="wide"><h2>Recent errors (click for the trace)</h2><table><thead><tr><th>time</th><th>worker</th><th>tool / event</th><th>outcome</th><th>detail</th></tr></thead><tbody id="errors"></tbody></table></section>
<section id="trace" class="wide"><h2>Trace <span id="trace-id"></span> <button id="close-trace">close</button></h2><table><thead><tr><th>time</th><th>worker</th><th>event</th><th>tool / path</th><th>outcome</th><th>ms</th><th>timeline</th></tr></thead><tbody id="trace-rows"></tbody></table></section>
<section class="wide"><h2>Live tail <label><input type="checkbox" id="hide-admin" checked> hide /admin traffic</label></h2><div id="tail"></div></section>
</main>
<script nonce="__NONCE__">${SCRIPT}</script>
</body></html>`;
