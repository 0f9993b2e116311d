import { z } from 'zod';
import type { JSXAttribute, JSXElement, JSXOpeningElement, Node } from '@babel/types';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { childNodes, parseJs } from '@mcp/core-js';
import { table, type Finding } from '@mcp/core-response';
import {
  RULE_SUMMARIES,
  altText,
  anchorIsValid,
  ariaProps,
  clickEventsHaveKeyEvents,
  docsOf,
  headingHasContent,
  iframeHasTitle,
  labelHasAssociatedControl,
  noStaticElementInteractions,
  roleHasRequiredAriaProps,
  type JsxContext,
} from './jsx-a11y.rules';
import { elementName } from './jsx-props';

interface Directive {
  from: number;
  to: number;
  rules: string[] | null;
}

/**
 * ESLint's inline directives (`eslint-disable-next-line`, `eslint-disable-line`, block
 * `eslint-disable` ... `eslint-enable`): the plugin's findings they silence are silenced here too.
 */
function directives(ast: Node): Directive[] {
  const out: Directive[] = [];
  const open: { line: number; rules: string[] | null }[] = [];
  const comments = ((ast as unknown as { comments?: { value: string; type: string; loc: { start: { line: number }; end: { line: number } } }[] }).comments ?? []);
  for (const c of comments) {
    const m = /^\s*eslint-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)(?:\s--.*)?\s*$/.exec(c.value);
    if (!m) continue;
    const list = m[2].split(',').map((r) => r.trim().replace(/^jsx-a11y\//, '')).filter(Boolean);
    const rules = list.length ? list : null;
    if (m[1] === 'disable-next-line') out.push({ from: c.loc.end.line + 1, to: c.loc.end.line + 1, rules });
    else if (m[1] === 'disable-line') out.push({ from: c.loc.start.line, to: c.loc.start.line, rules });
    else if (m[1] === 'disable' && c.type === 'CommentBlock') open.push({ line: c.loc.start.line, rules });
    else if (m[1] === 'enable') {
      const o = open.pop();
      if (o) out.push({ from: o.line, to: c.loc.end.line, rules: o.rules });
    }
  }
  for (const o of open) out.push({ from: o.line, to: Infinity, rules: o.rules });
  return out;
}

/** Visits every node without recursion (generated JSX can nest deeply). */
function eachNode(root: Node, fn: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    fn(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

export const lintJsxAccessibility = defineTool({
  name: 'web_lint_jsx_accessibility',
  title: 'JSX accessibility lint (eslint-plugin-jsx-a11y)',
  description:
    'Lints JSX/TSX with eslint-plugin-jsx-a11y\'s recommended rules: alt-text, anchor-is-valid, click-events-have-key-events, no-static-element-interactions, label-has-associated-control, no-autofocus, aria-props, role-has-required-aria-props, heading-has-content, iframe-has-title. Components are checked when options.components maps them to a DOM element.',
  input: z
    .object({
      content: contentArg('The JSX or TSX source file'),
      options: analyzerOptions({
        components: z.record(z.string(), z.string()).optional().describe('Custom components mapped to the DOM element they render, e.g. {"MyButton": "button"} (the plugin\'s settings["jsx-a11y"].components)'),
      }),
    })
    .strict(),
  rules: Object.entries(RULE_SUMMARIES).map(([id, summary]) => ({ id, severity: 'error' as const, summary, docs: docsOf(id) })),
  run({ content, options }) {
    const ast = parseJs(content);
    const components = options?.components ?? {};
    const findings: Finding[] = [];
    const ctx: JsxContext = {
      type: (node) => elementName(node, components),
      report(ruleId, node, message, fix) {
        const loc = node.loc?.start;
        const element = node.type === 'JSXOpeningElement' ? elementName(node, components) : undefined;
        findings.push({
          ruleId,
          severity: 'error',
          message,
          location: loc ? { line: loc.line, column: loc.column + 1 } : { line: 1 },
          fix,
          docs: docsOf(ruleId),
          ...(element ? { element } : {}),
        });
      },
    };
    let elements = 0;
    eachNode(ast, (node) => {
      if (node.type !== 'JSXElement') return;
      elements++;
      const el = node as JSXElement;
      const open: JSXOpeningElement = el.openingElement;
      const tag = ctx.type(open);
      const attrs = open.attributes;
      if (['img', 'object', 'area', 'input'].includes(tag)) altText(ctx, open, el, tag);
      if (tag === 'a') anchorIsValid(ctx, open);
      clickEventsHaveKeyEvents(ctx, open, tag);
      noStaticElementInteractions(ctx, open, tag);
      if (tag === 'label') labelHasAssociatedControl(ctx, open, el);
      if (/^h[1-6]$/.test(tag)) headingHasContent(ctx, open, el, tag);
      if (tag === 'iframe') iframeHasTitle(ctx, open);
      for (const a of attrs) {
        if (a.type !== 'JSXAttribute') continue;
        const attr = a as JSXAttribute;
        // no-autofocus (recommended: ignoreNonDOM false): any element, the exact prop name.
        if (attr.name.type === 'JSXIdentifier' && attr.name.name === 'autoFocus') {
          ctx.report('no-autofocus', attr, `<${tag}>: The autoFocus prop should not be used, as it can reduce usability and accessibility for users.`, 'Remove autoFocus; move focus deliberately (e.g. to a dialog\'s heading) only in response to a user action');
        }
        ariaProps(ctx, attr);
        roleHasRequiredAriaProps(ctx, attr, tag, attrs);
      }
    });
    const silenced = directives(ast);
    const kept = findings.filter((f) => !silenced.some((d) => f.location!.line >= d.from && f.location!.line <= d.to && (!d.rules || d.rules.includes(f.ruleId))));
    findings.length = 0;
    findings.push(...kept);
    const perRule = Object.keys(RULE_SUMMARIES).map((rule) => ({ rule, count: findings.filter((f) => f.ruleId === rule).length })).filter((r) => r.count);
    return { findings, metrics: { elements, rules: perRule } };
  },
  render(envelope) {
    const rows = (envelope.metrics?.rules as { rule: string; count: number }[] | undefined) ?? [];
    return [table(['rule', 'findings'], rows.map((r) => [r.rule, r.count]))];
  },
});
