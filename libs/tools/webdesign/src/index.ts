import type { ToolDefinition } from '@mcp/core-protocol';
import { auditAccessibility } from './audit-accessibility/audit-accessibility.tool';
import { checkColorContrast } from './check-color-contrast/check-color-contrast.tool';
import { analyzeCss } from './analyze-css/analyze-css.tool';
import { validateHtml } from './validate-html/validate-html.tool';
import { auditSeoMeta } from './audit-seo-meta/audit-seo-meta.tool';
import { auditPerformanceMarkup } from './audit-performance-markup/audit-performance-markup.tool';
import { analyzeBundle } from './analyze-bundle/analyze-bundle.tool';
import { lintJsxAccessibility } from './lint-jsx-accessibility/lint-jsx-accessibility.tool';

/** Every webdesign tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [
  auditAccessibility,
  checkColorContrast,
  analyzeCss,
  validateHtml,
  auditSeoMeta,
  auditPerformanceMarkup,
  analyzeBundle,
  lintJsxAccessibility,
] as unknown as ToolDefinition[];
