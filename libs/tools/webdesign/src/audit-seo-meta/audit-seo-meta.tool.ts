import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { assertComplete, attr, collapse, parseHtml, position, textContent, type Element } from '../shared/html';
import { isValidLang } from '../shared/langs';
import { positionAt } from '@mcp/core-response';
import { firstErrorOffset } from '../shared/json';

const LH = 'https://developer.chrome.com/docs/lighthouse/seo/';
const DOCS: Record<string, string> = {
  'document-title': `${LH}document-title`,
  'meta-description': `${LH}meta-description`,
  'is-crawlable': `${LH}is-crawlable`,
  canonical: `${LH}canonical`,
  hreflang: `${LH}hreflang`,
  'structured-data': `${LH}structured-data`,
  'title-length': 'https://developers.google.com/search/docs/appearance/title-link',
  'meta-description-length': 'https://developers.google.com/search/docs/appearance/snippet',
  'open-graph': 'https://ogp.me/',
  'twitter-card': 'https://developer.x.com/en/docs/twitter-for-websites/cards/overview/markup',
  'heading-structure': 'https://developer.mozilla.org/en-US/docs/Web/HTML/Element/Heading_Elements',
};
const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = {
  'document-title': 'error',
  'meta-description': 'error',
  'is-crawlable': 'error',
  canonical: 'error',
  hreflang: 'error',
  'structured-data': 'error',
  'title-length': 'warning',
  'meta-description-length': 'warning',
  'open-graph': 'warning',
  'twitter-card': 'info',
  'heading-structure': 'warning',
};
const SUMMARY: Record<string, string> = {
  'document-title': 'Document does not have a <title> element, or it is empty',
  'meta-description': 'Document does not have a meta description, or it is empty',
  'is-crawlable': 'A robots or bot-specific meta tag blocks indexing',
  canonical: 'Document does not have a valid rel=canonical',
  hreflang: 'Document does not have a valid hreflang',
  'structured-data': 'JSON-LD does not parse or lacks @context/@type',
  'title-length': 'Title longer than options.maxTitleLength (default 60) characters',
  'meta-description-length': 'Meta description outside 50-160 characters',
  'open-graph': 'Missing og:title, og:description, og:image or og:url',
  'twitter-card': 'Missing twitter:card',
  'heading-structure': 'Not exactly one <h1>, or a skipped heading level',
};

// Crawlers with their own robots meta (Lighthouse's list of bot user agents it honours).
const BOTS = /^(googlebot(-news|-image|-video)?|bingbot|msnbot|slurp|duckduckbot|baiduspider|yandex(bot)?|applebot|adsbot-google|mediapartners-google)$/i;

const isAbsoluteHttp = (href: string) => /^https?:\/\/[^/\s]+/i.test(href.trim());

function blocksIndexing(content: string): string | null {
  const directives = content.toLowerCase().split(',').map((d) => d.trim());
  if (directives.includes('noindex')) return 'noindex';
  if (directives.includes('none')) return 'none';
  // Lighthouse also honours a past `unavailable_after` date; that depends on the clock, and
  // results must be deterministic, so it is left out.
  return null;
}

export const auditSeoMeta = defineTool({
  name: 'web_audit_seo_meta',
  title: 'SEO meta audit (Lighthouse SEO audits)',
  description:
    'Checks an HTML page the way Lighthouse\'s SEO category does: title and meta description (present and their length), crawlability (robots and bot-specific metas), rel=canonical, hreflang links, JSON-LD structured data, Open Graph and Twitter tags and the heading outline.',
  input: z
    .object({
      content: contentArg('The HTML page'),
      options: analyzerOptions({ maxTitleLength: z.number().int().positive().optional().describe('Longest title before title-length fires (default 60 characters)') }),
    })
    .strict(),
  rules: Object.keys(SUMMARY).map((id) => ({ id, severity: SEVERITY[id], summary: SUMMARY[id], docs: DOCS[id] })),
  run({ content, options }) {
    const doc = parseHtml(content);
    assertComplete(doc);
    const findings: Finding[] = [];
    const docAt = doc.html?.sourceCodeLocation ? position(doc.html) : { line: 1, column: 1 };
    const add = (ruleId: string, where: Element | null, message: string, fix: string, extra: Record<string, unknown> = {}) =>
      findings.push({ ruleId, severity: SEVERITY[ruleId], message, location: where?.sourceCodeLocation ? position(where) : docAt, fix, docs: DOCS[ruleId], ...extra });
    const metas = doc.byTag.get('meta') ?? [];
    const meta = (key: string) => metas.find((m) => (attr(m, 'name') ?? attr(m, 'property'))?.toLowerCase() === key);
    const links = doc.byTag.get('link') ?? [];
    const rel = (el: Element) => (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);

    // Title and description.
    const titleEl = doc.byTag.get('title')?.find((t) => t.namespaceURI === 'http://www.w3.org/1999/xhtml') ?? null;
    const title = titleEl ? collapse(textContent(titleEl)) : '';
    if (!title) add('document-title', titleEl, titleEl ? 'The <title> element is empty' : 'The document has no <title> element', 'Add a unique, descriptive <title> in <head>');
    const maxTitle = options?.maxTitleLength ?? 60;
    if (title.length > maxTitle) add('title-length', titleEl, `The <title> is ${title.length} characters ("${title.slice(0, 40)}…"); search results cut it after about ${maxTitle}`, `Shorten the title to at most ${maxTitle} characters`);
    const descEl = metas.find((m) => attr(m, 'name')?.toLowerCase() === 'description') ?? null;
    const description = descEl ? collapse(attr(descEl, 'content') ?? '') : '';
    if (!description) add('meta-description', descEl, descEl ? 'The <meta name="description"> has empty content' : 'The document has no <meta name="description">', 'Add <meta name="description" content="..."> summarising the page in 50-160 characters');
    else if (description.length < 50 || description.length > 160) {
      add('meta-description-length', descEl, `The meta description is ${description.length} characters; 50-160 fit a search snippet`, description.length < 50 ? 'Expand the description to at least 50 characters' : 'Shorten the description to at most 160 characters');
    }

    // Crawlability: robots applies to every bot, a bot-specific meta wins for that bot.
    const robots = metas.filter((m) => attr(m, 'name')?.toLowerCase() === 'robots');
    const botMetas = metas.filter((m) => BOTS.test(attr(m, 'name') ?? ''));
    const allowedBots = botMetas.filter((m) => !blocksIndexing(attr(m, 'content') ?? '')).map((m) => attr(m, 'name')!.toLowerCase());
    for (const m of robots) {
      const why = blocksIndexing(attr(m, 'content') ?? '');
      if (why) add('is-crawlable', m, `<meta name="robots" content="${attr(m, 'content')}"> blocks indexing (${why})${allowedBots.length ? ` for every crawler except ${allowedBots.join(', ')}` : ''}`, 'Remove noindex from the robots meta if the page should appear in search results');
    }
    for (const m of botMetas) {
      const why = blocksIndexing(attr(m, 'content') ?? '');
      if (why) add('is-crawlable', m, `<meta name="${attr(m, 'name')}" content="${attr(m, 'content')}"> blocks indexing by ${attr(m, 'name')} (${why})`, `Remove ${why} from the ${attr(m, 'name')} meta if the page should appear in its results`);
    }

    // hreflang alternates.
    const hreflangs: { lang: string; href: string; line: number }[] = [];
    for (const l of links) {
      if (!rel(l).includes('alternate') || attr(l, 'hreflang') === undefined) continue;
      const lang = attr(l, 'hreflang')!.trim();
      const href = attr(l, 'href') ?? '';
      hreflangs.push({ lang, href, line: position(l).line });
      const base = lang.toLowerCase().split('-')[0];
      if (lang.toLowerCase() !== 'x-default' && (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang) || !isValidLang(base))) {
        add('hreflang', l, `hreflang="${lang}" is not a valid language code`, 'Use an ISO 639-1 language with an optional ISO 3166-1 region, e.g. "en" or "en-GB", or "x-default"', { hreflang: lang });
      } else if (!isAbsoluteHttp(href)) {
        add('hreflang', l, `The hreflang="${lang}" link has href "${href}", which is not an absolute http(s) URL`, 'Use a fully-qualified URL, e.g. https://example.com/de/', { hreflang: lang });
      }
    }

    // rel=canonical.
    const canonicals = links.filter((l) => rel(l).includes('canonical'));
    const hrefs = [...new Set(canonicals.map((l) => (attr(l, 'href') ?? '').trim()))];
    const canonical = hrefs[0] ?? null;
    const pageUrl = attr(meta('og:url') ?? ({ attrs: [] } as unknown as Element), 'content');
    if (hrefs.length > 1) {
      add('canonical', canonicals[1], `Multiple conflicting canonical URLs: ${hrefs.join(', ')}`, 'Keep a single <link rel="canonical">');
    } else if (canonical !== null) {
      const el = canonicals[0];
      let url: URL | null = null;
      try {
        url = new URL(canonical, isAbsoluteHttp(canonical) ? undefined : 'https://invalid.example/');
      } catch {
        url = null;
      }
      if (!url || !canonical) add('canonical', el, `Invalid canonical URL "${canonical}"`, 'Point rel=canonical at the absolute URL of the preferred page');
      else if (!isAbsoluteHttp(canonical)) add('canonical', el, `The canonical URL "${canonical}" is relative`, 'Use an absolute URL such as https://example.com/page');
      else if (hreflangs.some((h) => h.href.trim() === canonical && (!pageUrl || h.href.trim() !== pageUrl))) {
        add('canonical', el, `The canonical URL "${canonical}" points at another hreflang alternate`, 'Each language version should be canonical to itself');
      } else if (pageUrl && isAbsoluteHttp(pageUrl)) {
        const page = new URL(pageUrl);
        if (page.hostname !== url.hostname) add('canonical', el, `The canonical URL "${canonical}" is on ${url.hostname}, another domain than the page (${page.hostname})`, 'Point the canonical at this site unless the content is syndicated on purpose');
        else if (url.pathname === '/' && page.pathname !== '/') add('canonical', el, `The canonical URL "${canonical}" points at the site root, not at this page (${page.pathname})`, 'Point the canonical at the page itself');
      }
    }

    // JSON-LD.
    for (const s of doc.byTag.get('script') ?? []) {
      if ((attr(s, 'type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
      const text = textContent(s);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        // The line inside the page where the JSON stops parsing (V8's message has no position).
        const inner = positionAt(text, firstErrorOffset(text));
        const start = s.childNodes[0]?.sourceCodeLocation;
        const line = start ? start.startLine + inner.line - 1 : position(s).line;
        const column = start && inner.line === 1 ? start.startCol + inner.column - 1 : inner.column;
        findings.push({ ruleId: 'structured-data', severity: 'error', message: `JSON-LD does not parse: ${(e as Error).message}`, location: { line, column }, fix: 'Fix the JSON syntax (trailing commas and comments are not allowed)', docs: DOCS['structured-data'] });
        continue;
      }
      const items = Array.isArray(data) ? data : [data];
      items.forEach((item, i) => {
        const where = items.length > 1 ? ` (item ${i})` : '';
        if (!item || typeof item !== 'object') {
          add('structured-data', s, `JSON-LD${where} is not an object`, 'Wrap the data in an object with @context and @type');
          return;
        }
        const o = item as Record<string, unknown>;
        const graph = Array.isArray(o['@graph']) ? (o['@graph'] as Record<string, unknown>[]) : null;
        if (!('@context' in o)) add('structured-data', s, `JSON-LD${where} has no @context`, 'Add "@context": "https://schema.org"');
        if (!('@type' in o) && !graph) add('structured-data', s, `JSON-LD${where} has no @type`, 'Add the schema.org type, e.g. "@type": "Article"');
        graph?.forEach((g, j) => {
          if (!g || typeof g !== 'object' || !('@type' in g)) add('structured-data', s, `JSON-LD @graph[${j}]${where} has no @type`, 'Give every node of @graph a @type');
        });
      });
    }

    // Social tags.
    for (const tag of ['og:title', 'og:description', 'og:image', 'og:url']) {
      if (!collapse(attr(meta(tag) ?? ({ attrs: [] } as unknown as Element), 'content') ?? '')) add('open-graph', doc.head, `Missing <meta property="${tag}">`, `Add <meta property="${tag}" content="..."> so shared links render a preview`, { tag });
    }
    if (!meta('twitter:card')) add('twitter-card', doc.head, 'Missing <meta name="twitter:card">', 'Add <meta name="twitter:card" content="summary_large_image"> (X/Twitter falls back to Open Graph for the rest)');

    // Heading outline.
    const headings: { level: number; text: string; line: number }[] = [];
    let prev = 0;
    for (const el of doc.elements) {
      const m = /^h([1-6])$/.exec(el.tagName);
      if (!m) continue;
      const level = Number(m[1]);
      const text = collapse(textContent(el));
      headings.push({ level, text, line: position(el).line });
      if (prev && level > prev + 1) add('heading-structure', el, `<h${level}> "${text.slice(0, 50)}" skips from h${prev} to h${level}`, `Use an <h${prev + 1}> here, or add the missing level`);
      prev = level;
    }
    const h1s = (doc.byTag.get('h1') ?? []);
    if (h1s.length === 0) add('heading-structure', doc.body, 'The page has no <h1>', 'Give the page one <h1> that states its topic');
    else if (h1s.length > 1) add('heading-structure', h1s[1], `The page has ${h1s.length} <h1> elements (lines ${h1s.map((h) => position(h).line).join(', ')})`, 'Keep one <h1> and demote the others to <h2>');

    return {
      findings,
      metrics: { titleLength: title.length, descriptionLength: description.length, headings, hreflangs, canonical },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { titleLength: number; descriptionLength: number; canonical: string | null; headings: { level: number; text: string; line: number }[] };
    return [
      table(['metric', 'value'], [['title length', m.titleLength], ['description length', m.descriptionLength], ['canonical', m.canonical ?? '(none)']]),
      table(['line', 'heading'], m.headings.map((h) => [h.line, `${'  '.repeat(h.level - 1)}h${h.level} ${h.text}`])),
    ];
  },
});
