import type { BenchCase } from '@mcp/core-protocol/testing';
import { complexityReport } from '../src/complexity-report/complexity-report.tool';
import { detectDuplicates } from '../src/detect-duplicates/detect-duplicates.tool';
import { scanSecretsTool } from '../src/scan-secrets/scan-secrets.tool';
import { detectCodeSmells } from '../src/detect-code-smells/detect-code-smells.tool';
import { reviewDiff } from '../src/review-diff/review-diff.tool';
import { analyzeCoverage } from '../src/analyze-coverage/analyze-coverage.tool';
import { detectTestSmells } from '../src/detect-test-smells/detect-test-smells.tool';
import { suggestTestCases } from '../src/suggest-test-cases/suggest-test-cases.tool';
import { mutationSites } from '../src/mutation-sites/mutation-sites.tool';
import { findDeadCode } from '../src/find-dead-code/find-dead-code.tool';
import { checkRegexSafety } from '../src/check-regex-safety/check-regex-safety.tool';
import { hotspotAnalysis } from '../src/hotspot-analysis/hotspot-analysis.tool';
import { lintCommits } from '../src/lint-commits/lint-commits.tool';
import { suggestRefactorings } from '../src/suggest-refactorings/suggest-refactorings.tool';
import { lintJavascript } from '../src/lint-javascript/lint-javascript.tool';
import { commitMessages, envFile, gitLog, jestFile, lcov, tsModule, unifiedDiff } from './generate';

/** Splits ~lines of code into modules of ~200 lines that import each other (a small project). */
function project(lines: number) {
  const files: Array<{ path: string; content: string }> = [];
  const n = Math.max(2, Math.ceil(lines / 200));
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `import * as next from './module${i + 1}';\nexport const chain${i} = next;\n` : '';
    files.push({ path: i === 0 ? 'src/index.ts' : `src/module${i}.ts`, content: next + tsModule(Math.min(200, lines), i * 10) });
  }
  return files;
}

// The regex grows with the input: an alternation of one word per ~30 lines, inside a repetition
// (only generated code has regexes this long, but the size targets hold for them too).
function pattern(lines: number): string {
  const words = Array.from({ length: Math.max(2, Math.ceil(lines / 30)) }, (_, i) => `w${i.toString(36)}`);
  return `^(?:[a-z]+-)?(?:${words.join('|')})(?:\\.\\d{1,3})*(\\s*,\\s*[a-z]+)*$`;
}

export default [
  { tool: complexityReport, input: (lines) => ({ content: tsModule(lines) }) },
  { tool: detectDuplicates, input: (lines) => ({ files: project(lines) }) },
  { tool: scanSecretsTool, input: (lines) => ({ content: envFile(lines) }) },
  { tool: detectCodeSmells, input: (lines) => ({ content: tsModule(lines) }) },
  { tool: reviewDiff, input: (lines) => ({ content: unifiedDiff(lines) }) },
  { tool: analyzeCoverage, input: (lines) => ({ content: lcov(lines) }) },
  { tool: detectTestSmells, input: (lines) => ({ files: [{ path: 'test/orders.test.ts', content: jestFile(lines) }] }) },
  { tool: suggestTestCases, input: (lines) => ({ content: tsModule(lines), options: { framework: 'vitest' } }) },
  { tool: mutationSites, input: (lines) => ({ content: tsModule(lines) }) },
  { tool: findDeadCode, input: (lines) => ({ files: project(lines) }) },
  { tool: checkRegexSafety, input: (lines) => ({ content: pattern(lines) }) },
  { tool: hotspotAnalysis, input: (lines) => ({ content: gitLog(lines) }) },
  { tool: lintCommits, input: (lines) => ({ messages: commitMessages(lines) }) },
  { tool: suggestRefactorings, input: (lines) => ({ content: tsModule(lines) }) },
  { tool: lintJavascript, input: (lines) => ({ content: tsModule(lines) }) },
] satisfies BenchCase[];
