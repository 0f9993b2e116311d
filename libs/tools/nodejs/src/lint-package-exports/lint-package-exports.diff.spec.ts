import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintPackageExportsTool } from './lint-package-exports.tool';

/**
 * Differential test against publint on packages installed in the workspace (node_modules holds
 * exactly the published files). Both sides get the same in-memory file list: publint through
 * its `pack: { files }` virtual file system, the tool through `files`.
 */
type Publint = (o: Record<string, unknown>) => Promise<{ messages: { code: string; path: (string | number)[] }[] }>;
let publint: Publint | undefined;
const ROOT = join(process.cwd(), '../../../node_modules');

function packages(limit: number): { name: string; files: { path: string; content: Buffer }[] }[] {
  const out: { name: string; files: { path: string; content: Buffer }[] }[] = [];
  const names = readdirSync(ROOT).sort().flatMap((n) => (n.startsWith('.') ? [] : n.startsWith('@') ? readdirSync(join(ROOT, n)).sort().map((s) => `${n}/${s}`) : [n]));
  for (const name of names) {
    const dir = join(ROOT, name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const files: { path: string; content: Buffer }[] = [];
    let bytes = 0;
    const walk = (rel: string): boolean => {
      for (const entry of readdirSync(join(dir, rel))) {
        if (entry === 'node_modules') continue;
        const p = rel ? `${rel}/${entry}` : entry;
        const st = statSync(join(dir, p));
        if (st.isDirectory()) {
          if (!walk(p)) return false;
        } else {
          bytes += st.size;
          if (files.length > 150 || bytes > 1_500_000) return false;
          files.push({ path: p, content: readFileSync(join(dir, p)) });
        }
      }
      return true;
    };
    if (walk('')) out.push({ name, files });
    if (out.length >= limit) break;
  }
  return out;
}

const key = (code: string, path: (string | number)[]) => `${code} ${path.join('.')}`;

describe('node_lint_package_exports vs publint', () => {
  beforeAll(async () => {
    try {
      publint = (await import('publint')).publint as Publint;
    } catch {
      console.log('publint is not installed: skipping the differential test of node_lint_package_exports');
    }
  });

  it('reports the same codes at the same fields on installed packages', async () => {
    if (!publint) return;
    const pkgs = packages(250);
    const perCode = new Map<string, { both: number; anchorOnly: number; oursOnly: number; examples: string[] }>();
    const row = (code: string) => perCode.get(code) ?? perCode.set(code, { both: 0, anchorOnly: 0, oursOnly: 0, examples: [] }).get(code)!;
    let parseErrors = 0;
    for (const pkg of pkgs) {
      const theirs = await publint!({ pkgDir: 'package', pack: { files: pkg.files.map((f) => ({ name: `package/${f.path}`, data: new Uint8Array(f.content) })) }, level: 'suggestion' });
      const manifest = pkg.files.find((f) => f.path === 'package.json')!.content.toString('utf8');
      const reply = await runTool(lintPackageExportsTool, { manifest, files: pkg.files.filter((f) => f.path !== 'package.json').map((f) => ({ path: f.path, content: f.content.toString('utf8') })) });
      if (reply.isError) {
        parseErrors++;
        continue;
      }
      const env = reply.structuredContent as unknown as Envelope;
      // Compared per code and count: publint's path may name a key to add where the tool
      // reports the deepest key that exists.
      const a = theirs.messages.map((m) => key(m.code, m.path));
      const ours = new Set(env.findings.map((f) => f.ruleId as string));
      const theirsByCode = new Set(theirs.messages.map((m) => m.code));
      for (const code of new Set([...ours, ...theirsByCode])) {
        const r = row(code);
        const o = env.findings.filter((f) => f.ruleId === code).length;
        const t = a.filter((k) => k.startsWith(`${code} `)).length;
        r.both += Math.min(o, t);
        if (t > o) {
          r.anchorOnly += t - o;
          if (r.examples.length < 2) r.examples.push(`anchor only in ${pkg.name}`);
        }
        if (o > t) {
          r.oursOnly += o - t;
          if (r.examples.length < 2) r.examples.push(`ours only in ${pkg.name}`);
        }
      }
    }
    const table = Object.fromEntries([...perCode].sort(([x], [y]) => (x < y ? -1 : 1)));
    console.log(`publint agreement on ${pkgs.length} installed packages (${parseErrors} not parsed by @babel/parser):\n${JSON.stringify(table, null, 1)}`);
    const total = [...perCode.values()].reduce((s, r) => ({ both: s.both + r.both, off: s.off + r.anchorOnly + r.oursOnly }), { both: 0, off: 0 });
    expect(total.both).toBeGreaterThan(0);
    expect(total.off / (total.both + total.off)).toBeLessThan(0.05);
  }, 300_000);
});
