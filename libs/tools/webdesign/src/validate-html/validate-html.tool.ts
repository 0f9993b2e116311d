import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { LineIndex, table, type Finding } from '@mcp/core-response';
import { attr, attrPosition, hasAttr, parentElement, parseHtml, position, type Element } from '../shared/html';
import { FLOW_ONLY, OBSOLETE_ATTRIBUTES, OBSOLETE_ELEMENTS, PHRASING_ONLY, TRANSPARENT } from './html-standard';
import { PARSE_ERROR_CODES, parseErrorText } from './parse-errors';

const WHATWG = 'https://html.spec.whatwg.org/multipage/parsing.html#parse-error-';
const OBSOLETE_DOCS = 'https://html.spec.whatwg.org/multipage/obsolete.html';

const OWN_RULES = [
  { id: 'duplicate-id', severity: 'error' as const, summary: 'An id is used by more than one element', docs: 'https://html.spec.whatwg.org/multipage/dom.html#the-id-attribute' },
  { id: 'obsolete-element', severity: 'error' as const, summary: 'An element the HTML standard lists as obsolete', docs: OBSOLETE_DOCS },
  { id: 'obsolete-attribute', severity: 'error' as const, summary: 'An attribute the HTML standard lists as obsolete on that element', docs: OBSOLETE_DOCS },
  { id: 'missing-charset', severity: 'error' as const, summary: 'No <meta charset> (or http-equiv Content-Type) in <head>', docs: 'https://html.spec.whatwg.org/multipage/semantics.html#charset' },
  { id: 'missing-viewport', severity: 'warning' as const, summary: 'No <meta name="viewport"> for mobile layouts', docs: 'https://developer.mozilla.org/en-US/docs/Web/HTML/Viewport_meta_tag' },
  { id: 'invalid-nesting', severity: 'error' as const, summary: 'Flow content inside phrasing content, or interactive content inside <a>/<button>', docs: 'https://html.spec.whatwg.org/multipage/dom.html#content-models' },
];

function isInteractive(el: Element): boolean {
  switch (el.tagName) {
    case 'a':
      return hasAttr(el, 'href');
    case 'button':
    case 'details':
    case 'embed':
    case 'iframe':
    case 'label':
    case 'select':
    case 'textarea':
      return true;
    case 'input':
      return (attr(el, 'type') ?? '').toLowerCase() !== 'hidden';
    case 'audio':
    case 'video':
      return hasAttr(el, 'controls');
    case 'img':
    case 'object':
      return hasAttr(el, 'usemap');
    default:
      return false;
  }
}

/** The nearest ancestor that decides `el`'s content model (skipping transparent ones). */
function modelParent(el: Element): Element | null {
  let p = parentElement(el);
  while (p && TRANSPARENT.has(p.tagName)) p = parentElement(p);
  return p;
}

export const validateHtml = defineTool({
  name: 'web_validate_html',
  title: 'HTML validation (WHATWG parse errors and content models)',
  description:
    'Parses HTML like a browser (parse5) and reports every WHATWG parse error by its standard name, duplicate ids, obsolete elements and attributes, a missing charset or viewport, and invalid nesting (flow content in phrasing content, interactive content inside <a> or <button>).',
  input: z.object({ content: contentArg('The HTML document'), options: analyzerOptions({}) }).strict(),
  rules: [
    ...PARSE_ERROR_CODES.map((id) => ({ id, severity: 'error' as const, summary: `WHATWG parse error: ${parseErrorText(id)}`, docs: `${WHATWG}${id}` })),
    ...OWN_RULES,
  ],
  run({ content }) {
    const doc = parseHtml(content);
    const lines = new LineIndex(content);
    const findings: Finding[] = [];

    for (const e of doc.errors) {
      const snippet = lines.lineText(e.startLine).slice(Math.max(0, e.startCol - 21), e.startCol + 20).trim();
      findings.push({
        ruleId: e.code,
        severity: 'error',
        message: `${parseErrorText(e.code)}${snippet ? ` near "${snippet}"` : ''}`,
        location: { line: e.startLine, column: e.startCol },
        fix: FIXES[e.code] ?? 'Correct the markup so a browser does not have to guess',
        docs: `${WHATWG}${e.code}`,
      });
    }

    const ids = new Map<string, Element>();
    const inert = new Set(doc.templateElements);
    for (const el of [...doc.elements, ...doc.templateElements]) {
      const id = attr(el, 'id');
      // <template> contents live in their own fragment: their ids do not clash with the page's.
      if (id !== undefined && id !== '' && !inert.has(el)) {
        const first = ids.get(id);
        if (first) {
          findings.push({
            ruleId: 'duplicate-id',
            severity: 'error',
            message: `Duplicate id "${id}" on <${el.tagName}> (first used on <${first.tagName}> at line ${position(first).line})`,
            location: attrPosition(el, 'id'),
            fix: 'Give each element a unique id',
            docs: OWN_RULES[0].docs,
          });
        } else ids.set(id, el);
      }
      const tag = el.tagName;
      if (OBSOLETE_ELEMENTS[tag] && el.sourceCodeLocation) {
        findings.push({ ruleId: 'obsolete-element', severity: 'error', message: `The <${tag}> element is obsolete`, location: position(el), fix: OBSOLETE_ELEMENTS[tag], docs: OBSOLETE_DOCS });
      }
      const obsoleteAttrs = OBSOLETE_ATTRIBUTES[tag];
      if (obsoleteAttrs) {
        for (const a of el.attrs) {
          const why = obsoleteAttrs[a.name];
          // border="0" on <img> and border="1" on <table> are merely obsolete-but-conforming.
          if (!why || (tag === 'img' && a.name === 'border' && a.value.trim() === '0') || (tag === 'table' && a.name === 'border' && /^(1|)$/.test(a.value.trim()))) continue;
          findings.push({ ruleId: 'obsolete-attribute', severity: 'error', message: `The ${a.name} attribute on <${tag}> is obsolete`, location: attrPosition(el, a.name), fix: why, docs: OBSOLETE_DOCS });
        }
      }
      if (!el.sourceCodeLocation) continue;
      // Content models: parse5 already moved what the parser itself fixes (a <div> that closes a <p>).
      const parent = modelParent(el);
      if (parent && FLOW_ONLY.has(tag) && PHRASING_ONLY.has(parent.tagName)) {
        findings.push({
          ruleId: 'invalid-nesting',
          severity: 'error',
          message: `<${tag}> is not allowed inside <${parent.tagName}> (line ${position(parent).line}), which only accepts phrasing content`,
          location: position(el),
          fix: `Change the <${parent.tagName}> to a <div>, or the <${tag}> to a phrasing element such as <span>`,
          docs: OWN_RULES[5].docs,
        });
      }
      if (isInteractive(el) || (hasAttr(el, 'tabindex') && el.tagName !== 'a' && el.tagName !== 'button')) {
        for (let p = parentElement(el); p; p = parentElement(p)) {
          if ((p.tagName === 'a' && hasAttr(p, 'href')) || p.tagName === 'button') {
            findings.push({
              ruleId: 'invalid-nesting',
              severity: 'error',
              message: `Interactive <${tag}> is nested inside <${p.tagName}> (line ${position(p).line})`,
              location: position(el),
              fix: `Move the <${tag}> out of the <${p.tagName}>; nested controls are unreachable for keyboard and screen-reader users`,
              docs: OWN_RULES[5].docs,
            });
            break;
          }
        }
      }
    }

    const head = doc.head;
    const metas = doc.byTag.get('meta') ?? [];
    const hasCharset = metas.some((m) => hasAttr(m, 'charset') || (attr(m, 'http-equiv')?.toLowerCase() === 'content-type' && /charset=/i.test(attr(m, 'content') ?? '')));
    const at = head?.sourceCodeLocation ? position(head) : doc.html?.sourceCodeLocation ? position(doc.html) : { line: 1, column: 1 };
    if (!hasCharset) {
      findings.push({ ruleId: 'missing-charset', severity: 'error', message: 'The document does not declare its character encoding (<meta charset="utf-8">)', location: at, fix: 'Add <meta charset="utf-8"> as the first element of <head>', docs: OWN_RULES[3].docs });
    }
    if (!metas.some((m) => attr(m, 'name')?.toLowerCase() === 'viewport')) {
      findings.push({ ruleId: 'missing-viewport', severity: 'warning', message: 'The document has no <meta name="viewport">, so phones render it at desktop width', location: at, fix: 'Add <meta name="viewport" content="width=device-width, initial-scale=1">', docs: OWN_RULES[4].docs });
    }

    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    return {
      findings,
      metrics: {
        parseErrors: doc.errors.length,
        elements: doc.elements.length,
        rules: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule, count]) => ({ rule, count })),
      },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.rules as { rule: string; count: number }[] | undefined) ?? [];
    return [table(['rule', 'count'], rows.map((r) => [r.rule, r.count]))];
  },
});

const FIXES: Record<string, string> = {
  'missing-doctype': 'Start the document with <!DOCTYPE html>',
  'duplicate-attribute': 'Remove the repeated attribute; browsers keep only the first',
  'non-void-html-element-start-tag-with-trailing-solidus': 'Remove the "/" and close the element with an end tag',
  'missing-whitespace-between-attributes': 'Put a space between the attributes',
  'end-tag-with-attributes': 'Move the attributes to the start tag',
  'missing-semicolon-after-character-reference': 'End the character reference with ";" (e.g. &amp;)',
  'unknown-named-character-reference': 'Escape a literal "&" as &amp;',
  'unexpected-character-in-unquoted-attribute-value': 'Quote the attribute value',
  'missing-attribute-value': 'Give the attribute a value, or drop the "="',
  'end-tag-without-matching-open-element': 'Remove the stray end tag or add the matching start tag',
  'misplaced-doctype': 'Keep a single <!DOCTYPE html> at the very start',
  'non-conforming-doctype': 'Use <!DOCTYPE html>',
  'eof-in-tag': 'Close the tag with ">"',
  'eof-in-comment': 'Close the comment with "-->"',
  'incorrectly-closed-comment': 'Close the comment with "-->"',
  'abandoned-head-element-child': 'Move the element into <head> before </head>',
  'disallowed-content-in-noscript-in-head': 'Only <link>, <style> and <meta> may appear in <noscript> inside <head>',
};

