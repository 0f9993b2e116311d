import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, filesArg } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { assertComplete, countIds, parseHtml, selectorOf, type Element } from '../shared/html';
import { buildStyleIndex, Styles } from '../shared/cascade';
import { A11yTree } from '../shared/a11y';
import { RULES, checkDocument, checkElement, finding, ruleDocs } from './accessibility.rules';

export const auditAccessibility = defineTool({
  name: 'web_audit_accessibility',
  title: 'Accessibility audit (axe-core rules)',
  description:
    'Checks an HTML page (with optional stylesheets) against axe-core rules on the parsed tree: image-alt, label, button-name, link-name, html-has-lang, html-lang-valid, document-title, heading-order, empty-heading, duplicate-id, duplicate-id-aria, aria-valid-attr, aria-required-attr, aria-roles, list, listitem, tabindex, frame-title, meta-viewport and color-contrast. What needs layout is reported as "Needs review".',
  input: z
    .object({
      content: contentArg('The HTML page to audit'),
      files: filesArg('Stylesheets the page links: each applies to the <link rel="stylesheet"> whose href ends with its path').optional(),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: ruleDocs,
  run({ content, files }) {
    const doc = parseHtml(content);
    assertComplete(doc);
    const styles = new Styles(doc, buildStyleIndex(doc, files ?? []));
    const tree = new A11yTree(doc, styles);
    const counts = countIds(doc);
    const findings: Finding[] = [];
    const selectors = new Map<Element, string>();
    const selector = (el: Element) => {
      let s = selectors.get(el);
      if (s === undefined) selectors.set(el, (s = selectorOf(el, doc, counts)));
      return s;
    };
    const ctx = {
      tree,
      selector,
      report: (ruleId: string, el: Element, message: string, fix: string, review = false) =>
        void findings.push(finding(ruleId, el, selector(el), message, fix, review)),
    };
    for (const el of doc.elements) checkElement(ctx, el);
    checkDocument(ctx);
    const perRule = Object.keys(RULES)
      .map((id) => ({
        rule: id,
        violations: findings.filter((f) => f.ruleId === id && !f.needsReview).length,
        needsReview: findings.filter((f) => f.ruleId === id && f.needsReview).length,
      }))
      .filter((r) => r.violations + r.needsReview > 0);
    return {
      findings,
      summary: { needsReview: findings.filter((f) => f.needsReview).length },
      metrics: { elements: doc.elements.length, rules: perRule },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.rules as { rule: string; violations: number; needsReview: number }[] | undefined) ?? [];
    return [table(['rule', 'violations', 'needs review'], rows.map((r) => [r.rule, r.violations, r.needsReview]))];
  },
});
