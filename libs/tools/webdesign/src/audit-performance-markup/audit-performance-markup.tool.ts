import { z } from 'zod';
import walk from 'css-tree/walker';
import type { Atrule, Declaration } from 'css-tree';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { assertComplete, attr, hasAttr, parentElement, parseHtml, position, textContent, type Element } from '../shared/html';
import { buildStyleIndex, mediaApplies, Styles } from '../shared/cascade';
import { declarationsOf, parseStylesheet, valueText } from '../shared/css';

const LH = 'https://developer.chrome.com/docs/lighthouse/performance/';
const RULES = [
  { id: 'render-blocking-resources', severity: 'warning' as const, summary: 'A script or stylesheet in <head> blocks the first paint', docs: `${LH}render-blocking-resources` },
  { id: 'unsized-images', severity: 'warning' as const, summary: 'An <img> without explicit width and height (layout shift)', docs: 'https://developer.chrome.com/docs/lighthouse/performance/unsized-images' },
  { id: 'offscreen-images', severity: 'warning' as const, summary: 'An image below the first ones is not lazy-loaded', docs: `${LH}offscreen-images` },
  { id: 'uses-rel-preconnect', severity: 'info' as const, summary: 'A third-party origin used from <head> has no <link rel="preconnect">', docs: `${LH}uses-rel-preconnect` },
  { id: 'font-display', severity: 'warning' as const, summary: 'An @font-face without font-display (invisible text while the font loads)', docs: `${LH}font-display` },
  { id: 'large-inline-script', severity: 'warning' as const, summary: 'An inline script larger than options.maxInlineScriptBytes (default 10240)', docs: 'https://web.dev/articles/optimizing-content-efficiency-loading-third-party-javascript' },
];
const SEV = Object.fromEntries(RULES.map((r) => [r.id, r.severity]));
const DOC = Object.fromEntries(RULES.map((r) => [r.id, r.docs]));

const NON_JS_TYPES = /^(application\/(ld\+)?json|text\/(template|x-template|html|plain|markdown)|importmap|speculationrules|text\/x-handlebars-template)$/i;
const isJsScript = (el: Element) => {
  const type = (attr(el, 'type') ?? '').trim().toLowerCase();
  return type === '' || type === 'module' || /^(text|application)\/(java|ecma)script$/.test(type);
};

function originOf(url: string): string | null {
  const u = url.trim();
  if (!/^(https?:)?\/\//i.test(u)) return null;
  try {
    return new URL(u.startsWith('//') ? `https:${u}` : u).origin;
  } catch {
    return null;
  }
}

function inside(el: Element, tag: string): boolean {
  for (let p = parentElement(el); p; p = parentElement(p)) if (p.tagName === tag) return true;
  return false;
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

export const auditPerformanceMarkup = defineTool({
  name: 'web_audit_performance_markup',
  title: 'Performance markup audit (Lighthouse opportunities)',
  description:
    'Finds what in an HTML page slows loading, as Lighthouse\'s opportunities do: render-blocking scripts and stylesheets in <head>, images without width/height, images below the first ones without loading="lazy", third-party origins without preconnect, @font-face without font-display, and oversized inline scripts.',
  input: z
    .object({
      content: contentArg('The HTML page'),
      options: analyzerOptions({
        eagerImages: z.number().int().min(0).optional().describe('How many images at the top may load eagerly before offscreen-images fires (default 3)'),
        maxInlineScriptBytes: z.number().int().positive().optional().describe('Largest inline script in bytes before large-inline-script fires (default 10240)'),
      }),
    })
    .strict(),
  rules: RULES,
  run({ content, options }) {
    const doc = parseHtml(content);
    assertComplete(doc);
    const findings: Finding[] = [];
    const add = (ruleId: string, el: Element, message: string, fix: string, extra: Record<string, unknown> = {}) =>
      findings.push({ ruleId, severity: SEV[ruleId], message, location: position(el), fix, docs: DOC[ruleId], ...extra });
    const styles = new Styles(doc, buildStyleIndex(doc, []));
    const head = doc.head;
    const inHead = (el: Element) => !!head && (parentElement(el) === head || inside(el, 'head'));

    // Render-blocking resources.
    for (const el of doc.elements) {
      if (!inHead(el)) continue;
      if (el.tagName === 'script' && hasAttr(el, 'src') && isJsScript(el) && !hasAttr(el, 'async') && !hasAttr(el, 'defer') && (attr(el, 'type') ?? '').toLowerCase() !== 'module' && !hasAttr(el, 'nomodule')) {
        const src = attr(el, 'src')!;
        add('render-blocking-resources', el, `<script src="${src}"> in <head> blocks rendering until it downloads and runs`, 'Add defer (or async for independent scripts), or move it to the end of <body>', { url: src });
      }
      if (el.tagName === 'link') {
        const rels = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
        if (!rels.includes('stylesheet') || rels.includes('alternate') || hasAttr(el, 'disabled')) continue;
        const media = attr(el, 'media') ?? '';
        // Only a stylesheet whose media matches on load blocks (the desktop screen of the cascade).
        if (!mediaApplies(media)) continue;
        const href = attr(el, 'href') ?? '';
        add('render-blocking-resources', el, `Stylesheet ${href} blocks the first paint`, 'Inline the critical CSS and load the rest with <link rel="preload" as="style" onload="this.rel=\'stylesheet\'">, or give it a media query that does not match on load', { url: href });
      }
    }

    // Images.
    const eager = options?.eagerImages ?? 3;
    let imageIndex = 0;
    for (const img of doc.byTag.get('img') ?? []) {
      if (inside(img, 'noscript')) continue;
      const src = attr(img, 'src') ?? attr(img, 'data-src') ?? '';
      const s = styles.get(img);
      const intAttr = (n: string) => /^\s*\d+\s*$/.test(attr(img, n) ?? '');
      const cssSet = (v: string | undefined) => !!v && !/^(auto|initial|unset|inherit|revert)$/i.test(v.trim());
      const width = intAttr('width') || cssSet(s.width);
      const height = intAttr('height') || cssSet(s.height);
      const ratio = cssSet(s.aspectRatio);
      const positioned = s.position === 'fixed' || s.position === 'absolute';
      if (!(width && height) && !(ratio && (width || height)) && !positioned && !/^data:image\/svg/i.test(src)) {
        add('unsized-images', img, `<img src="${src}"> has no explicit ${!width && !height ? 'width and height' : !width ? 'width' : 'height'}`, 'Set width and height attributes (the intrinsic size; CSS can still scale it) so the browser reserves space', { url: src });
      }
      imageIndex++;
      if (imageIndex > eager && (attr(img, 'loading') ?? '').toLowerCase() !== 'lazy' && !/^data:/i.test(src.trim())) {
        add('offscreen-images', img, `<img src="${src}"> is image ${imageIndex} on the page and loads eagerly`, 'Add loading="lazy" so it loads when scrolled into view', { url: src });
      }
    }

    // Third-party origins from <head> without preconnect.
    const preconnected = new Set<string>();
    for (const l of doc.byTag.get('link') ?? []) {
      if ((attr(l, 'rel') ?? '').toLowerCase().split(/\s+/).includes('preconnect')) {
        const o = originOf(attr(l, 'href') ?? '');
        if (o) preconnected.add(o);
      }
    }
    const pageOrigin = originOf(attr((doc.byTag.get('link') ?? []).find((l) => (attr(l, 'rel') ?? '').toLowerCase() === 'canonical') ?? ({ attrs: [] } as unknown as Element), 'href') ?? '') ?? originOf(attr((doc.byTag.get('base') ?? [])[0] ?? ({ attrs: [] } as unknown as Element), 'href') ?? '');
    const seen = new Set<string>();
    for (const el of doc.elements) {
      if (!inHead(el)) continue;
      const rels = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
      const url = el.tagName === 'script' ? attr(el, 'src') : el.tagName === 'link' && (rels.includes('stylesheet') || rels.includes('preload') || rels.includes('modulepreload') || rels.includes('icon')) ? attr(el, 'href') : undefined;
      const origin = url ? originOf(url) : null;
      if (!origin || origin === pageOrigin || preconnected.has(origin) || seen.has(origin)) continue;
      seen.add(origin);
      add('uses-rel-preconnect', el, `${origin} is contacted from <head> (${url}) without a preconnect`, `Add <link rel="preconnect" href="${origin}"${el.tagName === 'link' && rels.includes('preload') ? ' crossorigin' : ''}> early in <head>`, { origin });
    }

    // @font-face without font-display, in <style> blocks.
    for (const st of doc.byTag.get('style') ?? []) {
      const first = st.childNodes[0]?.sourceCodeLocation;
      const ast = parseStylesheet(textContent(st), { line: first?.startLine ?? position(st).line, column: first?.startCol ?? 1 });
      walk(ast, {
        visit: 'Atrule',
        enter(at: Atrule) {
          if (at.name.toLowerCase() !== 'font-face') return;
          const decls = declarationsOf(at.block);
          if (decls.some((d: Declaration) => d.property.toLowerCase() === 'font-display')) return;
          const family = decls.find((d) => d.property.toLowerCase() === 'font-family');
          const name = family ? valueText(family).replace(/^["']|["']$/g, '') : '(unnamed)';
          findings.push({
            ruleId: 'font-display',
            severity: 'warning',
            message: `@font-face for "${name}" has no font-display, so text stays invisible while it loads`,
            location: { line: at.loc?.start.line ?? position(st).line, column: at.loc?.start.column },
            fix: 'Add font-display: swap (or optional) to the @font-face',
            docs: DOC['font-display'],
            fontFamily: name,
          });
        },
      });
    }

    // Oversized inline scripts.
    const maxBytes = options?.maxInlineScriptBytes ?? 10240;
    const inlineScripts: { line: number; bytes: number }[] = [];
    for (const s of doc.byTag.get('script') ?? []) {
      if (hasAttr(s, 'src') || NON_JS_TYPES.test((attr(s, 'type') ?? '').trim()) || !isJsScript(s)) continue;
      const bytes = utf8(textContent(s));
      inlineScripts.push({ line: position(s).line, bytes });
      if (bytes > maxBytes) add('large-inline-script', s, `Inline <script> of ${bytes} bytes (limit ${maxBytes})`, 'Move it to an external, cacheable file loaded with defer', { bytes });
    }

    return {
      findings,
      metrics: {
        images: imageIndex,
        renderBlocking: findings.filter((f) => f.ruleId === 'render-blocking-resources').length,
        thirdPartyOrigins: [...seen, ...[...preconnected].filter((o) => !seen.has(o))].sort(),
        inlineScripts,
      },
    };
  },
  render(envelope) {
    const rows = ['render-blocking-resources', 'unsized-images', 'offscreen-images', 'uses-rel-preconnect', 'font-display', 'large-inline-script'].map((id) => [id, envelope.findings.filter((f) => f.ruleId === id).length]);
    return [table(['audit', 'findings'], rows)];
  },
});
