import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { detectDuplicates } from './detect-duplicates.tool';

// Differential test against jscpd itself (same minTokens/minLines, exact clones) on JavaScript
// shipped in node_modules. Clone pairs are compared by their two line ranges.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const jscpd = `${root}node_modules/.bin/jscpd`;
const CORPUS = ['node_modules/yaml/dist', 'node_modules/semver', 'node_modules/@babel/types/lib/validators', 'node_modules/hono/dist/middleware', 'node_modules/ws/lib', 'node_modules/commander/lib'].filter((d) => existsSync(root + d));
const available = existsSync(jscpd);
if (!available) console.warn('quality_detect_duplicates differential test skipped: jscpd is not installed');

function jsFiles(dir: string): string[] {
  return readdirSync(root + dir).flatMap((n) => {
    const p = `${dir}/${n}`;
    if (statSync(root + p).isDirectory()) return n === 'node_modules' ? [] : jsFiles(p);
    return /\.(?:js|mjs|cjs)$/.test(n) ? [p] : [];
  });
}

interface JscpdClone {
  firstFile: { name: string; start: number; end: number };
  secondFile: { name: string; start: number; end: number };
}

(available ? describe : describe.skip)('quality_detect_duplicates agrees with jscpd', () => {
  it.each(CORPUS)('%s', async (dir) => {
    const out = mkdtempSync(join(tmpdir(), 'jscpd-'));
    try {
      execFileSync(jscpd, ['--min-tokens', '50', '--min-lines', '5', '--format', 'javascript', '--reporters', 'json', '--absolute', '-o', out, root + dir], { cwd: root, stdio: 'pipe' });
      const report = JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8')) as { duplicates: JscpdClone[] };
      const rel = (p: string) => (p.startsWith(root) ? p.slice(root.length) : p.startsWith('/') ? p : `${dir}/${p}`.replace(/\/+/g, '/'));
      const key = (a: string, as: number, ae: number, b: string, bs: number, be: number) => [`${a}:${as}-${ae}`, `${b}:${bs}-${be}`].sort().join(' ~ ');
      const theirs = new Set(report.duplicates.map((d) => key(rel(d.firstFile.name), d.firstFile.start, d.firstFile.end, rel(d.secondFile.name), d.secondFile.start, d.secondFile.end)));
      const files = jsFiles(dir).map((path) => ({ path, content: readFileSync(root + path, 'utf8') }));
      const ours = structured<{ metrics: { clones: Array<{ firstFile: { path: string; line: number; endLine: number }; secondFile: { path: string; line: number; endLine: number } }> } }>(
        await runTool(detectDuplicates, { files, options: { minTokens: 50, minLines: 5, ignoreIdentifiers: false } }),
      ).metrics.clones.map((c) => key(c.firstFile.path, c.firstFile.line, c.firstFile.endLine, c.secondFile.path, c.secondFile.line, c.secondFile.endLine));
      const both = ours.filter((k) => theirs.has(k));
      const oursOnly = ours.filter((k) => !theirs.has(k));
      const theirsOnly = [...theirs].filter((k) => !ours.includes(k));
      console.log(`${dir}: ${files.length} files, jscpd ${theirs.size} clones, ours ${ours.length}, same ${both.length}\n  jscpd only: ${theirsOnly.slice(0, 4).join('\n              ')}\n  ours only:  ${oursOnly.slice(0, 4).join('\n              ')}`);
      // Every clone jscpd reports, with the same line ranges; a few extra where our (Babel) tokens
      // are finer than jscpd's and a fragment reaches 50 tokens only for us.
      expect(both.length).toBeGreaterThanOrEqual(Math.floor(theirs.size * 0.9));
      expect(oursOnly.length).toBeLessThanOrEqual(Math.max(2, Math.ceil(both.length * 0.5)));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60000);
});
