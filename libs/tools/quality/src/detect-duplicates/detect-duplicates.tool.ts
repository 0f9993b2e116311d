import { z } from 'zod';
import { analyzerOptions, defineTool, filesArg, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { tokenize, type Token } from './tokens';

const rules: RuleDoc[] = [{ id: 'duplicate-code', severity: 'warning', summary: 'A token-based clone (type 1, or type 2 with renamed identifiers) of at least minTokens tokens and minLines lines', docs: 'https://github.com/kucherenko/jscpd' }];

interface Clone {
  a: { file: number; start: number; end: number };
  b: { file: number; start: number; end: number };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const lineCount = (s: string) => (s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));

/**
 * jscpd's Rabin-Karp detection: every window of minTokens tokens is hashed; a window seen
 * before starts a clone, which grows while the following windows continue the earlier copy.
 */
export function detectClones(tokens: Token[][], minTokens: number): Clone[] {
  const ids = new Map<string, number>();
  const seq = tokens.map((ts) => ts.map((t) => ids.get(t.key) ?? ids.set(t.key, ids.size + 1).get(t.key)!));
  const B1 = 1_000_003;
  const B2 = 7_919;
  const M = 2_147_483_647;
  let p1 = 1;
  let p2 = 1;
  for (let i = 0; i < minTokens - 1; i++) {
    p1 = (p1 * B1) % M;
    p2 = (p2 * B2) % M;
  }
  const seen = new Map<number, { file: number; index: number }>();
  const clones: Clone[] = [];
  const same = (fa: number, ia: number, fb: number, ib: number) => {
    for (let k = 0; k < minTokens; k++) if (seq[fa][ia + k] !== seq[fb][ib + k]) return false;
    return true;
  };
  seq.forEach((s, file) => {
    if (s.length < minTokens) return;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < minTokens; i++) {
      h1 = (h1 * B1 + s[i]) % M;
      h2 = (h2 * B2 + s[i]) % M;
    }
    let open: Clone | null = null;
    for (let i = 0; i + minTokens <= s.length; i++) {
      if (i > 0) {
        h1 = ((h1 - ((s[i - 1] * p1) % M) + M) % M * B1 + s[i + minTokens - 1]) % M;
        h2 = ((h2 - ((s[i - 1] * p2) % M) + M) % M * B2 + s[i + minTokens - 1]) % M;
      }
      // Both hashes in one safe integer (31 + 21 bits): number keys are far cheaper than strings.
      const key = h1 * 2097152 + (h2 & 2097151);
      const prev = seen.get(key);
      const usable = prev && same(prev.file, prev.index, file, i) && !(prev.file === file && prev.index + minTokens > i);
      if (usable && open && open.a.file === prev.file && open.a.end + 1 === prev.index + minTokens - 1 && open.b.end + 1 === i + minTokens - 1) {
        open.a.end++;
        open.b.end++;
        continue;
      }
      if (open) clones.push(open);
      open = null;
      if (usable) open = { a: { file: prev.file, start: prev.index, end: prev.index + minTokens - 1 }, b: { file, start: i, end: i + minTokens - 1 } };
      else if (!prev) seen.set(key, { file, index: i });
    }
    if (open) clones.push(open);
  });
  return clones;
}

export const detectDuplicates = defineTool({
  name: 'quality_detect_duplicates',
  title: 'Duplicate code',
  description:
    'Finds copy-pasted code across files (and inside one file) as jscpd does: token-based clones, exact (type 1) or with renamed identifiers (type 2), with both line ranges and the duplicated percentage per file.',
  input: z
    .object({
      files: filesArg('Files to compare, with paths relative to the project root'),
      options: analyzerOptions({
        minTokens: z.number().int().min(1).optional().describe('Minimum clone size in tokens (default 50)'),
        minLines: z.number().int().min(1).optional().describe('Minimum clone size in lines (default 5)'),
        ignoreIdentifiers: z.boolean().optional().describe('Normalize identifiers so that renamed copies (type 2) are found (default true)'),
        ignoreLiterals: z.boolean().optional().describe('Normalize literals as well (default false)'),
      }),
    })
    .strict(),
  rules,
  run({ files, options }) {
    const minTokens = options?.minTokens ?? 50;
    const minLines = options?.minLines ?? 5;
    const sorted = [...files].sort((a, b) => cmp(a.path, b.path));
    const tokens = sorted.map((f) => tokenize(f.path, f.content, options?.ignoreIdentifiers ?? true, options?.ignoreLiterals ?? false));
    const raw = detectClones(tokens, minTokens);
    const dupLines = sorted.map(() => new Set<number>());
    const clones: Array<{ tokens: number; lines: number; firstFile: { path: string; line: number; endLine: number }; secondFile: { path: string; line: number; endLine: number } }> = [];
    const findings: Finding[] = [];
    for (const c of raw) {
      const span = (side: Clone['a']) => ({ path: sorted[side.file].path, line: tokens[side.file][side.start].line, endLine: tokens[side.file][side.end].endLine });
      // The earlier copy (sorted path, then position) is the first file.
      const [x, y] = c.a.file < c.b.file || (c.a.file === c.b.file && c.a.start < c.b.start) ? [c.a, c.b] : [c.b, c.a];
      const first = span(x);
      const second = span(y);
      const lines = first.endLine - first.line + 1;
      if (lines < minLines || second.endLine - second.line + 1 < minLines) continue;
      const count = x.end - x.start + 1;
      clones.push({ tokens: count, lines, firstFile: first, secondFile: second });
      for (let l = first.line; l <= first.endLine; l++) dupLines[x.file].add(l);
      for (let l = second.line; l <= second.endLine; l++) dupLines[y.file].add(l);
      findings.push({
        ruleId: 'duplicate-code',
        severity: 'warning',
        message: `Lines ${first.line}-${first.endLine} of ${first.path} are duplicated in ${second.path} lines ${second.line}-${second.endLine} (${count} tokens).`,
        location: { path: first.path, line: first.line, endLine: first.endLine },
        fix: 'Extract the shared code into one function or module and call it from both places.',
        docs: rules[0].docs,
        otherPath: second.path,
        otherLine: second.line,
        otherEndLine: second.endLine,
        tokens: count,
      });
    }
    const fileRows = sorted.map((f, i) => {
      const lines = lineCount(f.content);
      const duplicatedLines = dupLines[i].size;
      return { path: f.path, lines, duplicatedLines, percentage: lines === 0 ? 0 : (duplicatedLines / lines) * 100 };
    });
    const totalLines = fileRows.reduce((s, r) => s + r.lines, 0);
    // As jscpd's statistics: each clone's lines counted once (its first copy), over all lines.
    const duplicatedLines = clones.reduce((s, c) => s + c.lines, 0);
    return {
      findings,
      metrics: { clones, files: fileRows, totalLines, duplicatedLines, percentage: totalLines === 0 ? 0 : (duplicatedLines / totalLines) * 100 },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.files ?? []) as Array<{ path: string; lines: number; duplicatedLines: number; percentage: number }>;
    return [table(['file', 'lines', 'duplicated lines', '%'], rows.map((r) => [r.path, r.lines, r.duplicatedLines, r.percentage])), `Total: ${envelope.metrics?.duplicatedLines} of ${envelope.metrics?.totalLines} lines duplicated (${Math.round(Number(envelope.metrics?.percentage) * 100) / 100}%).`];
  },
});
