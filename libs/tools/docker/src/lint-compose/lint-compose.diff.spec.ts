import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintCompose } from './lint-compose.tool';

/**
 * Differential test against dclint (npm `dclint`, the anchor of the shared rule ids) on the
 * 39 compose files of docker/awesome-compose (CC0, vendored under fixtures/awesome-compose)
 * plus our own fixtures. Per rule: the (file, line) pairs only dclint reports, and those only we
 * report. The agreement is recorded in the lib's README.
 */
const SHARED = ['service-image-require-explicit-tag', 'no-duplicate-exported-ports', 'no-duplicate-container-names', 'invalid-schema'];
const dir = new URL('./fixtures/awesome-compose/', import.meta.url);
const files = [
  ...readdirSync(dir).map((f) => fileURLToPath(new URL(f, dir))),
  fileURLToPath(new URL('./fixtures/clean.compose.yaml', import.meta.url)),
  fileURLToPath(new URL('./fixtures/problems.compose.yaml', import.meta.url)),
  fileURLToPath(new URL('./fixtures/port-clash.compose.yaml', import.meta.url)),
];

type DcLinter = { lintFiles(paths: string[], recursive: boolean): { filePath: string; messages: { rule: string; line: number; message: string }[] }[] };

/**
 * How a finding is compared: schema errors per file (dclint reports them at line 1), port and
 * container-name clashes per file, service and occurrence (dclint points at the `ports:` key,
 * we point at the list item), image tags per file and line.
 */
function keyer() {
  const seen = new Map<string, number>();
  return (file: string, rule: string, line: number, service: string | undefined) => {
    if (rule === 'invalid-schema') return file;
    if (rule === 'service-image-require-explicit-tag') return `${file}:${line}`;
    const base = `${file}:${service}`;
    const n = (seen.get(rule + base) ?? 0) + 1;
    seen.set(rule + base, n);
    return `${base}#${n}`;
  };
}

async function loadDclint(): Promise<DcLinter | null> {
  try {
    const mod = (await import('dclint')) as { DCLinter: new (config: unknown) => DcLinter };
    return new mod.DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  } catch {
    return null;
  }
}

describe('docker_lint_compose vs dclint', () => {
  it('agrees per rule on real-world compose files', async () => {
    const dclint = await loadDclint();
    if (!dclint) {
      console.log('dclint is not installed: skipping the differential test of docker_lint_compose');
      return;
    }
    const theirs = new Map<string, Set<string>>(SHARED.map((r) => [r, new Set()]));
    const ours = new Map<string, Set<string>>(SHARED.map((r) => [r, new Set()]));
    const theirKey = keyer();
    for (const result of dclint.lintFiles(files, false)) {
      const name = String(result.filePath.split('/').pop());
      for (const m of result.messages) {
        if (theirs.has(m.rule)) theirs.get(m.rule)!.add(theirKey(name, m.rule, m.line, /^Service "([^"]+)"/.exec(m.message)?.[1]));
      }
    }
    const ourKey = keyer();
    for (const file of files) {
      const name = String(file.split('/').pop());
      const env = structured<Envelope>(await runTool(lintCompose, { content: readFileSync(file, 'utf8') }));
      for (const f of env.findings) {
        if (ours.has(f.ruleId)) ours.get(f.ruleId)!.add(ourKey(name, f.ruleId, f.location?.line ?? 0, f.service as string | undefined));
      }
    }
    const report: Record<string, { both: number; onlyDclint: string[]; onlyOurs: string[] }> = {};
    for (const rule of SHARED) {
      const t = theirs.get(rule)!;
      const o = ours.get(rule)!;
      report[rule] = { both: [...t].filter((x) => o.has(x)).length, onlyDclint: [...t].filter((x) => !o.has(x)).sort(), onlyOurs: [...o].filter((x) => !t.has(x)).sort() };
    }
    console.log(`docker_lint_compose vs dclint on ${files.length} files:\n${JSON.stringify(report, null, 2)}`);
    expect(report).toEqual(EXPECTED);
  }, 180_000);
});

/** The recorded agreement (README "Differential testing"); a change here is a behaviour change. */
const EXPECTED = {
  // problems.compose.yaml has schema errors: dclint stops there and reports nothing else for it.
  'service-image-require-explicit-tag': { both: 22, onlyDclint: [], onlyOurs: ['problems.compose.yaml:25', 'problems.compose.yaml:3', 'problems.compose.yaml:8'] },
  'no-duplicate-exported-ports': { both: 3, onlyDclint: [], onlyOurs: ['problems.compose.yaml:worker#1'] },
  'no-duplicate-container-names': { both: 1, onlyDclint: [], onlyOurs: ['problems.compose.yaml:worker#1'] },
  'invalid-schema': { both: 1, onlyDclint: [], onlyOurs: [] },
};
