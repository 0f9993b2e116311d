import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Helpers for the differential specs (Node only, never bundled into the worker): locating the
 * real anchors in node_modules, reading gzipped real-world fixtures, and comparing per rule.
 */
export const repoRoot = new URL('../../../../../', import.meta.url).pathname;

export function spectralBin(): string | undefined {
  const bin = join(repoRoot, 'node_modules/.bin/spectral');
  return existsSync(bin) ? bin : undefined;
}

export function readFixture(url: URL): string {
  const buf = readFileSync(url);
  return url.pathname.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

export interface AnchorResult {
  code: string;
  line: number;
  message: string;
  path: string;
  source: string;
}

/** Runs the Spectral CLI with a ruleset on files and returns its results (1-based lines). */
export function runSpectral(ruleset: string, files: string[]): AnchorResult[] {
  const bin = spectralBin();
  if (!bin) throw new Error('spectral not installed');
  const dir = mkdtempSync(join(tmpdir(), 'spectral-'));
  const rulesetPath = join(dir, '.spectral.yaml');
  writeFileSync(rulesetPath, ruleset);
  const run = spawnSync(bin, ['lint', '-r', rulesetPath, '-f', 'json', '--fail-severity', 'error', ...files], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const start = run.stdout.indexOf('[');
  if (start < 0) throw new Error(`spectral produced no JSON: ${run.stderr || run.stdout}`);
  const results = JSON.parse(run.stdout.slice(start)) as { code: string; message: string; path: (string | number)[]; range: { start: { line: number } }; source: string }[];
  return results.map((r) => ({ code: String(r.code), line: r.range.start.line + 1, message: r.message, path: r.path.join('.'), source: r.source }));
}

/** Writes text to a temp file (the CLI anchors read files) and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'api-anchor-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export interface RuleAgreement {
  rule: string;
  both: number;
  anchorOnly: number;
  oursOnly: number;
}

/** Per rule: findings at the same (file, line) in both, only in the anchor, only in ours. */
export function compareByRule(anchor: { rule: string; key: string }[], ours: { rule: string; key: string }[], rules: string[]): RuleAgreement[] {
  return rules.map((rule) => {
    const a = new Map<string, number>();
    for (const r of anchor) if (r.rule === rule) a.set(r.key, (a.get(r.key) ?? 0) + 1);
    const o = new Map<string, number>();
    for (const r of ours) if (r.rule === rule) o.set(r.key, (o.get(r.key) ?? 0) + 1);
    let both = 0;
    let anchorOnly = 0;
    let oursOnly = 0;
    for (const k of new Set([...a.keys(), ...o.keys()])) {
      const x = a.get(k) ?? 0;
      const y = o.get(k) ?? 0;
      both += Math.min(x, y);
      anchorOnly += Math.max(0, x - y);
      oursOnly += Math.max(0, y - x);
    }
    return { rule, both, anchorOnly, oursOnly };
  });
}
