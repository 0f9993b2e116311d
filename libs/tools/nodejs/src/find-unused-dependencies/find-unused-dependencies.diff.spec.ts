import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { findUnusedDependenciesTool } from './find-unused-dependencies.tool';
import { readProject } from '../testing/read-project';

/**
 * Differential test against knip (its CLI, JSON reporter) on the orders-api fixture and on
 * packages installed in the workspace (package.json plus the code they ship). Each project is
 * copied to a temp folder whose node_modules links to the workspace's, so knip can read the
 * `bin` of installed packages. Packages that are not installed there are left out of the
 * comparison: knip cannot tell which binaries they provide.
 */
const NM = join(process.cwd(), '../../../node_modules');
const KNIP = join(NM, '.bin/knip');
const PROJECTS = [
  fileURLToPath(new URL('./fixtures/orders-api', import.meta.url)),
  ...['pino', 'yaml', 'semver', 'jsonc-eslint-parser', 'commander', 'debug', 'dotenv'].map((p) => join(NM, p)).filter((p) => existsSync(join(p, 'package.json'))),
];
const TYPES: Record<string, string> = { dependencies: 'unused-dependency', devDependencies: 'unused-dev-dependency', unlisted: 'unlisted-dependency', binaries: 'unlisted-binary' };

if (!existsSync(KNIP)) console.log('knip is not installed: skipping the differential test of node_find_unused_dependencies');
const describeIf = existsSync(KNIP) ? describe : describe.skip;

describeIf('node_find_unused_dependencies vs knip', () => {
  it.each(PROJECTS)('reports the same issues for %s', async (dir) => {
    const tmp = mkdtempSync(join(tmpdir(), 'knip-'));
    try {
      cpSync(dir, tmp, { recursive: true, filter: (src) => !src.slice(dir.length).includes('node_modules') });
      symlinkSync(NM, join(tmp, 'node_modules'));
      const res = spawnSync(KNIP, ['--reporter', 'json', '--no-progress', '--include', 'dependencies,unlisted,binaries'], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
      const report = JSON.parse(res.stdout || '{"issues":[]}') as { issues: Record<string, unknown>[] };
      const installed = (name: string) => existsSync(join(NM, name, 'package.json'));
      const manifest = readFileSync(join(dir, 'package.json'), 'utf8');
      const declared = JSON.parse(manifest) as Record<string, Record<string, string> | undefined>;
      const isDeclared = (n: string) => ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((g) => declared[g]?.[n]);
      const theirs = new Set<string>();
      for (const file of report.issues) {
        for (const [type, rule] of Object.entries(TYPES)) {
          for (const issue of (file[type] as { name: string }[] | undefined) ?? []) {
            // Environment noise: a declared package that is not installed has no readable bin.
            if ((type === 'binaries' || type === 'devDependencies' || type === 'dependencies') && isDeclared(issue.name) && !installed(issue.name)) continue;
            theirs.add(`${rule} ${issue.name}`);
          }
        }
      }
      const files = readProject(new URL(`file://${tmp}/`), (p) => p.startsWith('node_modules') || p === 'package.json' || !/\.(c|m)?[jt]sx?$/.test(p));
      const reply = await runTool(findUnusedDependenciesTool, { manifest, files });
      if (reply.isError) {
        console.log(`${dir}: not analyzed by the tool: ${reply.content[0].text}`);
        return;
      }
      const env = structured<Envelope>(reply);
      const ours = new Set(
        env.findings
          .filter((f) => f.ruleId !== 'dev-dependency-in-production')
          .filter((f) => !(isDeclared(String(f.package ?? '')) && !installed(String(f.package))))
          .map((f) => `${f.ruleId} ${f.package ?? f.binary}`),
      );
      const anchorOnly = [...theirs].filter((k) => !ours.has(k)).sort();
      const oursOnly = [...ours].filter((k) => !theirs.has(k)).sort();
      console.log(`${dir.replace(/.*\/(node_modules|fixtures)\//, '')}: both ${[...ours].filter((k) => theirs.has(k)).length}, anchor only ${JSON.stringify(anchorOnly)}, ours only ${JSON.stringify(oursOnly)}`);
      if (dir.includes('fixtures')) expect({ anchorOnly, oursOnly }).toEqual({ anchorOnly: [], oursOnly: [] });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});
