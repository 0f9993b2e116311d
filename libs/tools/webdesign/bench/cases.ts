import type { BenchCase } from '@mcp/core-protocol/testing';
import { auditAccessibility } from '../src/audit-accessibility/audit-accessibility.tool';
import { checkColorContrast } from '../src/check-color-contrast/check-color-contrast.tool';
import { analyzeCss } from '../src/analyze-css/analyze-css.tool';
import { validateHtml } from '../src/validate-html/validate-html.tool';
import { auditSeoMeta } from '../src/audit-seo-meta/audit-seo-meta.tool';
import { auditPerformanceMarkup } from '../src/audit-performance-markup/audit-performance-markup.tool';
import { analyzeBundle } from '../src/analyze-bundle/analyze-bundle.tool';
import { lintJsxAccessibility } from '../src/lint-jsx-accessibility/lint-jsx-accessibility.tool';
import { esbuildMetafile, htmlPage, jsxComponent, stylesheet } from './inputs';

export default [
  { tool: auditAccessibility, input: (lines: number) => ({ content: htmlPage(lines), files: [{ path: 'css/site.css', content: stylesheet(40) }] }) },
  { tool: checkColorContrast, input: (lines: number) => ({ content: htmlPage(lines) }) },
  { tool: analyzeCss, input: (lines: number) => ({ content: stylesheet(lines) }) },
  { tool: validateHtml, input: (lines: number) => ({ content: htmlPage(lines) }) },
  { tool: auditSeoMeta, input: (lines: number) => ({ content: htmlPage(lines) }) },
  { tool: auditPerformanceMarkup, input: (lines: number) => ({ content: htmlPage(lines) }) },
  { tool: analyzeBundle, input: (lines: number) => ({ content: esbuildMetafile(lines) }) },
  { tool: lintJsxAccessibility, input: (lines: number) => ({ content: jsxComponent(lines) }) },
] satisfies BenchCase[];
