import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { auditPackageJsonTool } from './audit-package-json.tool';

/**
 * Differential test against npm-package-json-lint on the package.json of every top-level
 * package installed in the workspace: per rule, which manifests each side flags.
 */
const require = createRequire(import.meta.url);
const ROOT = join(process.cwd(), '../../../node_modules');
let anchor: { NpmPackageJsonLint: new (o: Record<string, unknown>) => { lint(): { results: { filePath: string; issues: { lintId: string }[] }[] } } } | undefined;
try {
  anchor = require('npm-package-json-lint');
} catch {
  anchor = undefined;
}

const RULES = ['name-format', 'no-duplicate-properties', 'no-repeated-dependencies', 'no-git-dependencies', 'no-git-devDependencies', 'no-archive-dependencies', 'no-archive-devDependencies', 'no-file-dependencies', 'no-file-devDependencies', 'require-engines', 'require-type', 'require-files', 'require-license'];

function manifests(limit: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync(ROOT).sort()) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(ROOT, name)).sort().map((s) => join(ROOT, name, s)) : [join(ROOT, name)];
    for (const d of dirs) if (existsSync(join(d, 'package.json'))) out.push(join(d, 'package.json'));
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

const describeIf = anchor ? describe : describe.skip;
if (!anchor) console.log('npm-package-json-lint is not installed: skipping the differential test of node_audit_package_json');

describeIf('node_audit_package_json vs npm-package-json-lint', () => {
  it('agrees per rule on installed packages', async () => {
    const files = manifests(400);
    // Relative patterns: the anchor's globbing skips absolute paths under node_modules.
    const linter = new anchor!.NpmPackageJsonLint({ cwd: ROOT, patterns: files.map((f) => `./${f.slice(ROOT.length + 1)}`), config: { rules: Object.fromEntries(RULES.map((r) => [r, 'error'])) } });
    const theirs = new Set<string>();
    for (const r of linter.lint().results) for (const i of r.issues) theirs.add(`${i.lintId}\u0000${join(ROOT, r.filePath)}`);
    const ours = new Set<string>();
    for (const f of files) {
      const env = structured<Envelope>(await runTool(auditPackageJsonTool, { content: readFileSync(f, 'utf8') }));
      for (const x of env.findings) if (RULES.includes(x.ruleId)) ours.add(`${x.ruleId}\u0000${f}`);
    }
    const table: Record<string, { both: number; anchorOnly: number; oursOnly: number; examples: string[] }> = {};
    for (const rule of RULES) {
      const row = { both: 0, anchorOnly: 0, oursOnly: 0, examples: [] as string[] };
      for (const f of files) {
        const k = `${rule}\u0000${f}`;
        const a = theirs.has(k);
        const o = ours.has(k);
        if (a && o) row.both++;
        else if (a) {
          row.anchorOnly++;
          if (row.examples.length < 3) row.examples.push(`anchor only: ${f.replace(ROOT + '/', '')}`);
        } else if (o) {
          row.oursOnly++;
          if (row.examples.length < 3) row.examples.push(`ours only: ${f.replace(ROOT + '/', '')}`);
        }
      }
      table[rule] = row;
    }
    console.log(`npm-package-json-lint agreement on ${files.length} manifests:\n${JSON.stringify(table, null, 1)}`);
    // The structural rules are the anchor's own definitions: they must agree exactly.
    for (const rule of ['require-engines', 'require-type', 'require-files', 'require-license', 'no-repeated-dependencies', 'name-format']) {
      expect([rule, table[rule].anchorOnly, table[rule].oursOnly]).toEqual([rule, 0, 0]);
    }
  }, 120_000);
});
