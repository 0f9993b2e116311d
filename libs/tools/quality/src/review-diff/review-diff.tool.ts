import { z } from 'zod';
import { analyzerOptions, defineTool, fileSchema, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseUnifiedDiff, reportPath, type DiffFile } from '../shared/diff';
import { commentsBetween, parseModule } from '../shared/parse';
import { functionsOf } from '../shared/metrics';
import { walk } from '@mcp/core-js';
import { diffUnits, secretFindings, secretRuleDocs } from '../scan-secrets/scan-secrets.tool';
import { reverseApply } from './reverse-apply';

const rules: RuleDoc[] = [
  { id: 'debug-statement', severity: 'warning', summary: 'An added console.log/debug/trace call or debugger statement', docs: 'https://eslint.org/docs/latest/rules/no-console' },
  { id: 'todo-comment', severity: 'info', summary: 'A new TODO, FIXME or XXX comment', docs: 'https://eslint.org/docs/latest/rules/no-warning-comments' },
  { id: 'empty-catch', severity: 'warning', summary: 'An added catch block that swallows the error', docs: 'https://eslint.org/docs/latest/rules/no-empty' },
  { id: 'complexity-increase', severity: 'warning', summary: 'A changed function whose cyclomatic complexity rose by more than maxComplexityIncrease', docs: 'https://eslint.org/docs/latest/rules/complexity' },
  { id: 'missing-tests', severity: 'warning', summary: 'Source files changed without any test file changing', docs: 'https://danger.systems/js/' },
  { id: 'large-diff', severity: 'warning', summary: 'More than maxChangedLines changed lines: hard to review', docs: 'https://google.github.io/eng-practices/review/developer/small-cls.html' },
  ...secretRuleDocs,
];
const docs = (id: string) => rules.find((r) => r.id === id)?.docs;

const CODE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|cs|php|rs|swift|scala|c|cc|cpp|h|hpp|vue|svelte)$/;
const JS = /\.(?:[cm]?[jt]sx?)$/;
const TEST = /(?:^|\/)(?:__tests__|tests?|spec|e2e)\/|[._-](?:test|spec)\.[a-z]+$|_test\.(?:go|py)$|(?:^|\/)test_[^/]+\.py$/;
const DEBUG = /\bconsole\.(?:log|debug|trace)\s*\(|^\s*debugger\s*;?\s*$|\bdebugger\s*;/;
const TODO = /(?:\/\/|\/\*|^\s*\*|#|<!--)\s*.*?\b(TODO|FIXME|XXX)\b/;
const EMPTY_CATCH = /\bcatch\s*(?:\([^)]*\))?\s*\{\s*\}/;

export const reviewDiff = defineTool({
  name: 'quality_review_diff',
  title: 'Diff review',
  description:
    'Reviews a unified diff like a Danger/reviewdog bot: new debugging statements, TODO/FIXME comments, empty catch blocks and secrets on added lines, cyclomatic complexity increases per changed function (with post-change files), source changes without test changes, and an overall size-based risk score.',
  input: z
    .object({
      content: z.string().describe('A unified diff as `git diff` prints it'),
      files: z.array(fileSchema).optional().describe('Post-change contents of changed files (enables complexity-increase; the old version is rebuilt from the diff)'),
      options: analyzerOptions({
        maxComplexityIncrease: z.number().int().min(0).optional().describe('Allowed rise of a function\'s cyclomatic complexity (default 2)'),
        maxChangedLines: z.number().int().min(1).optional().describe('Changed lines above which the diff is too large (default 400)'),
      }),
    })
    .strict(),
  rules,
  run({ content, files, options }) {
    const maxIncrease = options?.maxComplexityIncrease ?? 2;
    const maxChanged = options?.maxChangedLines ?? 400;
    const diff = parseUnifiedDiff(content);
    const findings: Finding[] = [];
    const add = (ruleId: string, severity: Finding['severity'], path: string, line: number, message: string, fix: string, extra: Record<string, unknown> = {}) =>
      findings.push({ ruleId, severity, message, location: { path, line }, fix, docs: docs(ruleId), ...extra });

    let additions = 0;
    let deletions = 0;
    const rows: Array<{ path: string; status: string; additions: number; deletions: number; binary: boolean }> = [];
    for (const f of diff) {
      const path = reportPath(f);
      let a = 0;
      let d = 0;
      for (const h of f.hunks) {
        for (const l of h.lines) {
          if (l.kind === '+') a++;
          if (l.kind === '-') d++;
          if (l.kind !== '+' || !CODE.test(path)) continue;
          const line = l.newLine ?? h.newStart;
          const text = l.text;
          const commentOnly = /^\s*(?:\/\/|\/\*|\*|#)/.test(text);
          if (!commentOnly && DEBUG.test(text)) {
            const what = /debugger/.test(text) && !/console\./.test(text) ? 'debugger statement' : (text.match(/console\.\w+/)?.[0] ?? 'console call');
            add('debug-statement', 'warning', path, line, `New ${what} in ${path}: ${JSON.stringify(text.trim().slice(0, 80))}.`, 'Remove it before merging, or use the project logger.');
          }
          const todo = TODO.exec(text);
          if (todo) add('todo-comment', 'info', path, line, `New ${todo[1]} in ${path}: ${JSON.stringify(text.trim().slice(0, 80))}.`, 'Resolve it in this change, or link an issue that tracks it.');
          if (EMPTY_CATCH.test(text)) add('empty-catch', 'warning', path, line, `Empty catch block added in ${path}: the error is swallowed.`, 'Handle the error, rethrow it, or log it with context.');
        }
      }
      // A catch block spread over added lines: `} catch (e) {` followed by `}`.
      for (const h of f.hunks) {
        h.lines.forEach((l, i) => {
          const next = h.lines[i + 1];
          if (l.kind === '+' && next?.kind === '+' && /\bcatch\s*(?:\([^)]*\))?\s*\{\s*$/.test(l.text) && /^\s*\}/.test(next.text) && CODE.test(path)) {
            add('empty-catch', 'warning', path, l.newLine ?? h.newStart, `Empty catch block added in ${path}: the error is swallowed.`, 'Handle the error, rethrow it, or log it with context.');
          }
        });
      }
      additions += a;
      deletions += d;
      rows.push({ path, status: f.status, additions: a, deletions: d, binary: f.binary });
    }
    findings.push(...secretFindings(diffUnits(content)));

    // Complexity per changed function: post-change file vs. the file rebuilt from the diff.
    const byPath = new Map((files ?? []).map((f) => [f.path, f.content]));
    for (const f of diff) {
      const path = reportPath(f);
      const after = byPath.get(path);
      if (after === undefined || !JS.test(path) || f.binary || f.status === 'deleted') continue;
      const before = f.status === 'added' ? null : reverseApply(f, after, path);
      const afterMod = parseModule(after, { source: path });
      const newFns = functionsOf(afterMod);
      const oldFns = before === null ? [] : functionsOf(parseModule(before, { source: `${path} (before)` }));
      const changed = new Set(f.hunks.flatMap((h) => h.lines.filter((l) => l.kind === '+').map((l) => l.newLine)));
      const oldByName = new Map(oldFns.map((fn) => [fn.name.replace(/@\d+$/, ''), fn]));
      for (const fn of newFns) {
        let touched = false;
        for (let l = fn.line; l <= fn.endLine && !touched; l++) touched = changed.has(l);
        if (!touched) continue;
        const old = oldByName.get(fn.name.replace(/@\d+$/, ''));
        const was = old?.cyclomatic ?? 1;
        if (fn.cyclomatic - was > maxIncrease) {
          add('complexity-increase', 'warning', path, fn.line, `Cyclomatic complexity of '${fn.name}' rose from ${was} to ${fn.cyclomatic}${old ? '' : ' (new function)'} in ${path}.`, 'Split the new branches into helper functions or simplify the conditions.', { function: fn.name, before: was, after: fn.cyclomatic });
        }
      }
      // With the file at hand, empty catch blocks are found exactly on the AST.
      walk(afterMod.ast.program, {
        enter(n) {
          if (n.type === 'CatchClause' && n.body.body.length === 0 && changed.has(n.loc!.start.line) && !findings.some((x) => x.ruleId === 'empty-catch' && x.location?.path === path && x.location.line === n.loc!.start.line)) {
            if (commentsBetween(afterMod, (n.body.start ?? 0) + 1, (n.body.end ?? 0) - 1).length === 0) add('empty-catch', 'warning', path, n.loc!.start.line, `Empty catch block added in ${path}: the error is swallowed.`, 'Handle the error, rethrow it, or log it with context.');
          }
        },
      });
    }

    const sources = rows.filter((r) => CODE.test(r.path) && !TEST.test(r.path) && r.status !== 'deleted' && !r.binary);
    const tests = rows.filter((r) => TEST.test(r.path));
    if (sources.length > 0 && tests.length === 0) {
      add('missing-tests', 'warning', sources[0].path, 1, `${sources.length} source file(s) changed (${sources.slice(0, 3).map((s) => s.path).join(', ')}${sources.length > 3 ? ', ...' : ''}) but no test file did.`, 'Add or update tests covering the changed behaviour.');
    }
    const changedLines = additions + deletions;
    if (changedLines > maxChanged) {
      add('large-diff', 'warning', rows[0]?.path ?? '', 1, `The diff changes ${changedLines} lines in ${rows.length} file(s); more than ${maxChanged} is hard to review.`, 'Split it into smaller, independently reviewable changes.');
    }

    // Risk: size dominates, then spread across files, then what the review found.
    const errors = findings.filter((x) => x.severity === 'error').length;
    const warnings = findings.filter((x) => x.severity === 'warning').length;
    const riskScore = Math.min(
      100,
      Math.round(
        40 * Math.min(1, changedLines / maxChanged) +
          15 * Math.min(1, rows.length / 20) +
          Math.min(25, 15 * errors + 3 * warnings) +
          (sources.length > 0 && tests.length === 0 ? 10 : 0) +
          (findings.some((x) => x.ruleId === 'complexity-increase') ? 10 : 0),
      ),
    );
    const riskLevel = riskScore >= 60 ? 'high' : riskScore >= 30 ? 'medium' : 'low';
    return {
      findings,
      metrics: { filesChanged: diff.length, additions, deletions, riskScore, riskLevel, files: rows },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { riskScore: number; riskLevel: string; additions: number; deletions: number; files: Array<{ path: string; status: string; additions: number; deletions: number; binary: boolean }> };
    return [
      `Risk: **${m.riskLevel}** (${m.riskScore}/100), +${m.additions} -${m.deletions}.`,
      table(['file', 'status', '+', '-'], m.files.map((f) => [f.path, f.binary ? `${f.status} (binary)` : f.status, f.additions, f.deletions])),
    ];
  },
});

export type { DiffFile };
