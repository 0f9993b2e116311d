import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { findDeadCode } from './find-dead-code.tool';

// Differential test against knip on two projects: the fixture project, and this library's own
// sources (a real TypeScript code base). Unused files, exports and types are compared by name and position.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const lib = fileURLToPath(new URL('../../', import.meta.url));
const knip = `${root}node_modules/.bin/knip`;
const available = existsSync(knip);
if (!available) console.warn('quality_find_dead_code differential test skipped: knip is not installed');

function list(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base)).flatMap((n) => {
    const rel = base ? `${base}/${n}` : n;
    if (statSync(join(dir, rel)).isDirectory()) return n === 'fixtures' || n === 'node_modules' ? [] : list(dir, rel);
    return /\.ts$/.test(n) ? [rel] : [];
  });
}

const PROJECTS: Array<{ name: string; copy: (to: string) => void; entries: string[] }> = [
  { name: 'fixture project', copy: (to) => cpSync(fileURLToPath(new URL('./fixtures/project/', import.meta.url)), to, { recursive: true }), entries: ['src/index.ts', 'test/**/*.test.ts'] },
  {
    name: 'tools-quality sources',
    copy: (to) => {
      for (const f of [...list(lib, 'src'), ...list(lib, 'bench')]) cpSync(join(lib, f), join(to, f));
    },
    entries: ['src/index.ts', '**/*.spec.ts', 'bench/cases.ts'],
  },
];

(available ? describe : describe.skip)('quality_find_dead_code agrees with knip', () => {
  it.each(PROJECTS.map((p) => [p.name, p]))('%s', async (_name, project) => {
    const dir = mkdtempSync(join(tmpdir(), 'knip-'));
    try {
      project.copy(dir);
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'knip-diff', version: '1.0.0', private: true, type: 'module' }));
      writeFileSync(join(dir, 'knip.json'), JSON.stringify({ entry: project.entries, project: ['**/*.ts'] }));
      let out = '';
      try {
        out = execFileSync(knip, ['--reporter', 'json', '--no-progress'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch (error) {
        out = String((error as { stdout?: string }).stdout ?? ''); // knip exits 1 when it finds issues
      }
      const report = JSON.parse(out) as { issues: Array<{ file: string; files: unknown[]; exports: Array<{ name: string; line: number; col: number }>; types: Array<{ name: string; line: number; col: number }> }> };
      const theirs = new Set<string>();
      for (const i of report.issues) {
        if (i.files.length) theirs.add(`unused-file ${i.file}`);
        for (const e of i.exports) theirs.add(`unused-export ${i.file}:${e.line}:${e.col} ${e.name}`);
        for (const t of i.types) theirs.add(`unused-type ${i.file}:${t.line}:${t.col} ${t.name}`);
      }
      const files = list(dir).map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') }));
      const ours = new Set(
        structured<{ findings: Array<{ ruleId: string; location: { path: string; line: number; column?: number }; name: string }> }>(await runTool(findDeadCode, { files, options: { entries: project.entries } }))
          .findings.filter((f) => f.ruleId.startsWith('unused-'))
          .map((f) => (f.ruleId === 'unused-file' ? `unused-file ${f.location.path}` : `${f.ruleId} ${f.location.path}:${f.location.line}:${f.location.column} ${f.name}`)),
      );
      const both = [...ours].filter((k) => theirs.has(k));
      const oursOnly = [...ours].filter((k) => !theirs.has(k));
      const theirsOnly = [...theirs].filter((k) => !ours.has(k));
      console.log(`${project.name}: knip ${theirs.size}, ours ${ours.size}, same ${both.length}\n  knip only: ${theirsOnly.join('\n             ')}\n  ours only: ${oursOnly.join('\n             ')}`);
      expect(both.length).toBeGreaterThanOrEqual(Math.floor(theirs.size * 0.9));
      expect(oursOnly.length).toBeLessThanOrEqual(Math.ceil(theirs.size * 0.1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
