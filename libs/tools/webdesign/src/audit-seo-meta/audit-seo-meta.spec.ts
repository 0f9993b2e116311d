import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { auditSeoMeta } from './audit-seo-meta.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
type Out = { findings: Finding[]; metrics: { titleLength: number; descriptionLength: number; headings: { level: number; text: string; line: number }[]; hreflangs: { lang: string; href: string; line: number }[]; canonical: string | null } };
const audit = async (content: string, options?: unknown) => structured<Out>(await runTool(auditSeoMeta, { content, ...(options ? { options } : {}) }));

const RULES = ['document-title', 'title-length', 'meta-description', 'meta-description-length', 'is-crawlable', 'canonical', 'hreflang', 'structured-data', 'open-graph', 'twitter-card', 'heading-structure'];

describe('web_audit_seo_meta', () => {
  it('passes a well-marked-up article and measures it', async () => {
    const { findings, metrics } = await audit(fixture('clean.html'));
    expect(findings).toEqual([]);
    expect(metrics.titleLength).toBe('Sourdough starter guide | Crumb & Co.'.length);
    expect(metrics.descriptionLength).toBe(109);
    expect(metrics.canonical).toBe('https://crumb.example/guides/sourdough-starter');
    expect(metrics.hreflangs.map((h) => h.lang)).toEqual(['en', 'de-DE', 'x-default']);
    expect(metrics.headings).toEqual([
      { level: 1, text: 'Sourdough starter guide', line: 28 },
      { level: 2, text: 'What you need', line: 29 },
      { level: 3, text: 'Flour', line: 30 },
      { level: 3, text: 'Water', line: 31 },
      { level: 2, text: 'Day-by-day schedule', line: 32 },
    ]);
  });

  it.each(RULES)('reports %s', async (rule) => {
    const { findings } = await audit(fixture(`${rule}.html`));
    // A missing title is also not "too long"; a missing og tag is only open-graph.
    expect(findings.map((f) => f.ruleId)).toEqual([rule]);
    expect(findings[0].location?.line).toBeGreaterThan(0);
  });

  it('names the tag at fault', async () => {
    expect((await audit(fixture('open-graph.html'))).findings[0]).toMatchObject({ message: 'Missing <meta property="og:image">', tag: 'og:image' });
    expect((await audit(fixture('hreflang.html'))).findings[0]).toMatchObject({ message: 'hreflang="german" is not a valid language code', location: { line: 11, column: 3 } });
    expect((await audit(fixture('canonical.html'))).findings[0].message).toBe('The canonical URL "/guides/sourdough-starter" is relative');
    expect((await audit(fixture('structured-data.html'))).findings[0]).toMatchObject({ location: { line: 24, column: 3 } });
    expect((await audit(fixture('heading-structure.html'))).findings[0].message).toBe('<h3> "Flour" skips from h1 to h3');
  });

  it('lets a bot-specific robots meta win for that bot', async () => {
    const html = fixture('clean.html').replace('<meta name="robots" content="index, follow">', '<meta name="robots" content="noindex"><meta name="googlebot" content="index, follow">');
    const { findings } = await audit(html);
    expect(findings.map((f) => f.message)).toEqual(['<meta name="robots" content="noindex"> blocks indexing (noindex) for every crawler except googlebot']);
    const bot = await audit(fixture('clean.html').replace('<meta name="robots" content="index, follow">', '<meta name="bingbot" content="none">'));
    expect(bot.findings.map((f) => f.message)).toEqual(['<meta name="bingbot" content="none"> blocks indexing by bingbot (none)']);
  });

  it('checks canonicals against the hreflang set, the domain and the root', async () => {
    const other = fixture('clean.html').replace('<link rel="canonical" href="https://crumb.example/guides/sourdough-starter">', '<link rel="canonical" href="https://crumb.example/de/anleitungen/sauerteig">');
    expect((await audit(other)).findings[0].message).toContain('points at another hreflang alternate');
    const root = fixture('clean.html').replace('<link rel="canonical" href="https://crumb.example/guides/sourdough-starter">', '<link rel="canonical" href="https://crumb.example/">');
    expect((await audit(root)).findings[0].message).toContain('points at the site root');
    const two = fixture('clean.html').replace('</head>', '<link rel="canonical" href="https://crumb.example/other"></head>');
    expect((await audit(two)).findings[0].message).toContain('Multiple conflicting canonical URLs');
  });

  it('takes maxTitleLength from options', async () => {
    expect((await audit(fixture('clean.html'), { maxTitleLength: 20 })).findings.map((f) => f.ruleId)).toEqual(['title-length']);
  });

  it('fails with line and column when the document ends inside a tag', async () => {
    expect(resultText(await runTool(auditSeoMeta, { content: '<!DOCTYPE html>\n<title>x</title>\n<meta name="description" content="abc' }))).toMatch(/^line 3, column \d+: eof-in-tag/);
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(auditSeoMeta, { content: 'x', options: { maxTitleLength: -1 } }))).toMatch(/^Invalid arguments: options\.maxTitleLength/);
  });
});
