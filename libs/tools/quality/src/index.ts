import type { ToolDefinition } from '@mcp/core-protocol';
import { complexityReport } from './complexity-report/complexity-report.tool';
import { analyzeCoverage } from './analyze-coverage/analyze-coverage.tool';
import { scanSecretsTool } from './scan-secrets/scan-secrets.tool';
import { checkRegexSafety } from './check-regex-safety/check-regex-safety.tool';
import { hotspotAnalysis } from './hotspot-analysis/hotspot-analysis.tool';
import { lintJavascript } from './lint-javascript/lint-javascript.tool';
import { detectCodeSmells } from './detect-code-smells/detect-code-smells.tool';
import { suggestRefactorings } from './suggest-refactorings/suggest-refactorings.tool';
import { findDeadCode } from './find-dead-code/find-dead-code.tool';
import { detectTestSmells } from './detect-test-smells/detect-test-smells.tool';
import { suggestTestCases } from './suggest-test-cases/suggest-test-cases.tool';
import { mutationSites } from './mutation-sites/mutation-sites.tool';
import { reviewDiff } from './review-diff/review-diff.tool';
import { detectDuplicates } from './detect-duplicates/detect-duplicates.tool';
import { lintCommits } from './lint-commits/lint-commits.tool';

/** Every quality tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [complexityReport, detectDuplicates, scanSecretsTool, detectCodeSmells, reviewDiff, analyzeCoverage, detectTestSmells, suggestTestCases, mutationSites, findDeadCode, checkRegexSafety, hotspotAnalysis, lintCommits, suggestRefactorings, lintJavascript];
