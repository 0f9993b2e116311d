import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { auditPerformanceMarkup } from './audit-performance-markup.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (content: string, options?: unknown) => structured<{ findings: Finding[]; metrics: Record<string, unknown> }>(await runTool(auditPerformanceMarkup, { content, ...(options ? { options } : {}) }));

const RULES = ['render-blocking-resources', 'unsized-images', 'offscreen-images', 'uses-rel-preconnect', 'font-display', 'large-inline-script'];

describe('web_audit_performance_markup', () => {
  it('passes a page that defers scripts, sizes and lazy-loads images and preconnects', async () => {
    const { findings, metrics } = await audit(fixture('clean.html'));
    expect(findings).toEqual([]);
    expect(metrics.images).toBe(6);
  });

  it.each(RULES)('reports %s', async (rule) => {
    const { findings } = await audit(fixture(`${rule}.html`));
    expect(findings.map((f) => f.ruleId)).toEqual([rule]);
  });

  it('names the resource, origin or font', async () => {
    const get = async (rule: string) => (await audit(fixture(`${rule}.html`))).findings[0];
    expect(await get('render-blocking-resources')).toMatchObject({ message: '<script src="https://cdn.ridgeline-static.example/js/app.js"> in <head> blocks rendering until it downloads and runs', location: { line: 21, column: 3 } });
    expect(await get('unsized-images')).toMatchObject({ message: '<img src="/img/shoe-2.jpg"> has no explicit height', url: '/img/shoe-2.jpg' });
    expect(await get('offscreen-images')).toMatchObject({ message: '<img src="/img/shoe-4.jpg"> is image 5 on the page and loads eagerly', fix: 'Add loading="lazy" so it loads when scrolled into view' });
    expect(await get('uses-rel-preconnect')).toMatchObject({ origin: 'https://cdn.ridgeline-static.example', location: { line: 9 } });
    expect(await get('font-display')).toMatchObject({ fontFamily: 'Ridge Sans', location: { line: 13, column: 5 } });
    expect((await get('large-inline-script')).bytes).toBeGreaterThan(10240);
  });

  it('does not count blocking resources outside <head>, print stylesheets or async scripts', async () => {
    const html = fixture('clean.html').replace('</body>', '<script src="/js/late.js"></script><link rel="stylesheet" href="/css/late.css"></body>').replace('</head>', '<script async src="/js/ga.js"></script><link rel="stylesheet" href="/css/x.css" media="print"></head>');
    expect((await audit(html)).findings).toEqual([]);
  });

  it('takes eagerImages and maxInlineScriptBytes from options', async () => {
    const { findings } = await audit(fixture('clean.html'), { eagerImages: 1, maxInlineScriptBytes: 10 });
    expect(findings.map((f) => f.ruleId)).toEqual(['offscreen-images', 'offscreen-images', 'large-inline-script']);
  });

  it('fails on a CSS syntax error in a <style> block, at its line in the page', async () => {
    const html = fixture('clean.html').replace('.thumb { width: 160px; height: 160px; }', '.thumb { width: 160px; height: 160px;');
    expect(resultText(await runTool(auditPerformanceMarkup, { content: html }))).toBe('line 19, column 5: Unclosed block');
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(auditPerformanceMarkup, { content: 'x', options: { eagerImages: 'three' } }))).toMatch(/^Invalid arguments: options\.eagerImages/);
  });
});
