import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real-world HTML that ships inside installed Debian and npm packages (Node's API docs,
 * Valgrind's manual, libxslt's and libffi's docs, Sphinx output, ...), for differential tests.
 * Test-only: never imported by tool code.
 */
export function realPages(options: { max?: number; perDir?: number; maxBytes?: number; ext?: RegExp } = {}): string[] {
  const { max = 30, perDir = 3, maxBytes = 200_000, ext = /\.html?$/ } = options;
  const roots = ['/usr/share/doc', '/usr/share/javascript', fileURLToPath(new URL('../../../../../../node_modules/', import.meta.url))];
  const byDir = new Map<string, string[]>();
  const walk = (dir: string, depth: number) => {
    if (depth > 6) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (/^(test|tests|fixtures?|coverage|lcov-report|\.cache)$/.test(name)) continue;
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path, depth + 1);
      else if (ext.test(name) && st.size > 1000 && st.size < maxBytes) {
        const list = byDir.get(dir) ?? [];
        list.push(path);
        byDir.set(dir, list);
      }
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root, 0);
  const out: string[] = [];
  for (const dir of [...byDir.keys()].sort()) out.push(...byDir.get(dir)!.slice(0, perDir));
  return out.slice(0, max);
}

/** Stylesheets a page links with a relative href that exist on disk, as `files` entries. */
export function linkedStylesheets(pagePath: string, html: string): { path: string; content: string }[] {
  const out: { path: string; content: string }[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/rel\s*=\s*["']?[^"'>]*stylesheet/i.test(tag)) continue;
    const href = /href\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!href || /^[a-z]+:|^\/\//i.test(href)) continue;
    const file = resolve(dirname(pagePath), href.replace(/[?#].*$/, ''));
    if (existsSync(file) && statSync(file).isFile()) out.push({ path: href.replace(/[?#].*$/, ''), content: readFileSync(file, 'utf8') });
  }
  return out;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.svg': 'image/svg+xml', '.gif': 'image/gif' };

/** Serves files under the given roots on 127.0.0.1 (a loopback server for Chromium). */
export async function serveFiles(roots: string[]): Promise<{ server: Server; url(path: string): string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!roots.some((r) => path.startsWith(r)) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // No page script runs: the DOM Chromium audits is the one parse5 builds from the same bytes.
    res.writeHead(200, { 'content-type': `${TYPES[extname(path)] ?? 'application/octet-stream'}; charset=utf-8`, 'content-security-policy': "script-src 'none'" });
    res.end(readFileSync(path));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { server, url: (path) => `http://127.0.0.1:${port}${encodeURI(path)}` };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
