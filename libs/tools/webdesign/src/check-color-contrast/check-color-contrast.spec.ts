import { readFileSync } from 'node:fs';
import { APCAcontrast, sRGBtoY } from 'apca-w3';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { checkColorContrast, type PairRow } from './check-color-contrast.tool';
import { contrastRatio, parseColor } from '../shared/color';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
type Out = { findings: Finding[]; metrics: { pairs: PairRow[] } };
const check = async (args: unknown) => structured<Out>(await runTool(checkColorContrast, args));

describe('web_check_color_contrast', () => {
  // Published reference values (WebAIM contrast checker, WCAG 2.x Understanding 1.4.3).
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.478089453577214],
    ['#767676', '#ffffff', 4.542224959605253],
    ['#595959', '#ffffff', 7.004729208035935],
    ['#0000ff', '#ffffff', 8.592471358428805],
    ['#ff0000', '#ffffff', 3.9984767707539985],
    ['#808080', '#ffffff', 3.9494396480491156],
  ])('computes the WCAG 2.x ratio of %s on %s exactly', async (fg, bg, ratio) => {
    const { metrics } = await check({ pairs: [{ foreground: fg, background: bg }] });
    expect(metrics.pairs[0].ratio).toBeCloseTo(ratio, 10);
  });

  it('judges AA/AAA on the unrounded ratio (#777 fails AA although WebAIM rounds it to 4.48)', async () => {
    const { metrics, findings } = await check({ pairs: [{ foreground: '#777', background: '#fff' }, { foreground: '#767676', background: '#fff' }] });
    expect(metrics.pairs.map((p) => [p.aaNormal, p.aaLarge, p.aaaNormal, p.aaaLarge])).toEqual([
      [false, true, false, false],
      [true, true, false, true],
    ]);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'color-contrast', severity: 'error', pair: 0 })]);
    expect(findings[0].message).toBe('pairs[0]: #777 on #fff has contrast 4.48:1; AA needs 4.5:1 for normal text');
  });

  it('treats 24px, or 18.66px bold, as large text', async () => {
    const { metrics } = await check({
      pairs: [
        { foreground: '#808080', background: '#fff', fontSize: 24 },
        { foreground: '#808080', background: '#fff', fontSize: 18.67, fontWeight: 700 },
        { foreground: '#808080', background: '#fff', fontSize: 18.67, fontWeight: 400 },
      ],
    });
    expect(metrics.pairs.map((p) => p.largeText)).toEqual([true, true, false]);
    expect(metrics.pairs.map((p) => p.suggestedForeground === null)).toEqual([true, true, false]);
  });

  it('computes APCA Lc exactly as apca-w3 0.1.9, signed by polarity', async () => {
    const pairs = [
      ['#000000', '#ffffff'],
      ['#ffffff', '#000000'],
      ['#888888', '#ffffff'],
      ['#1a73e8', '#f8f9fa'],
      ['#e8eaed', '#1a1f36'],
      ['#fbbc04', '#ffffff'],
    ];
    const { metrics } = await check({ pairs: pairs.map(([foreground, background]) => ({ foreground, background })) });
    pairs.forEach(([fg, bg], i) => {
      const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      const expected = APCAcontrast(sRGBtoY(rgb(fg)), sRGBtoY(rgb(bg)));
      expect(metrics.pairs[i].apcaLc).toBeCloseTo(Number(expected), 9);
    });
    expect(metrics.pairs[0].apcaLc).toBeGreaterThan(0);
    expect(metrics.pairs[1].apcaLc).toBeLessThan(0);
  });

  it('parses every CSS Color 4 syntax and composites translucent colours', async () => {
    const { metrics } = await check({
      pairs: [
        { foreground: 'rgb(0 0 0 / 50%)', background: 'white' },
        { foreground: 'hsl(0 0% 50%)', background: '#fff' },
        { foreground: 'oklch(0.5 0 0)', background: 'hwb(0 100% 0%)' },
        { foreground: 'lab(50 0 0)', background: 'lch(100 0 0)' },
        { foreground: 'rebeccapurple', background: '#ffffff80' },
      ],
    });
    expect(metrics.pairs[0].ratio).toBeCloseTo(contrastRatio(parseColor('#808080')!, parseColor('#fff')!), 1);
    // hsl(0 0% 50%) is rgb(127.5 127.5 127.5): unrounded channels, so not #808080's 3.949.
    expect(metrics.pairs[1].ratio).toBeCloseTo(3.9767, 3);
    for (const p of metrics.pairs) expect(p.ratio).toBeGreaterThan(1);
    expect(metrics.pairs[4].foreground).toBe('rebeccapurple');
  });

  it('suggests a foreground that really passes, nearest along OKLCH lightness', async () => {
    // A deterministic spread of failing pairs: hues around the wheel on light and dark grounds.
    const pairs: { foreground: string; background: string; fontSize?: number }[] = [];
    for (let h = 0; h < 360; h += 30) {
      pairs.push({ foreground: `hsl(${h} 70% 60%)`, background: '#ffffff' });
      pairs.push({ foreground: `hsl(${h} 60% 35%)`, background: '#1e1e1e' });
      pairs.push({ foreground: `hsl(${h} 80% 55%)`, background: `hsl(${(h + 180) % 360} 40% 50%)`, fontSize: 24 });
    }
    const { metrics } = await check({ pairs });
    let suggested = 0;
    metrics.pairs.forEach((p, i) => {
      const threshold = p.largeText ? 3 : 4.5;
      if (p.suggestedForeground === null) {
        expect(p.ratio).toBeGreaterThanOrEqual(threshold);
        return;
      }
      suggested++;
      expect(p.suggestedForeground).toMatch(/^#[0-9a-f]{6}$/);
      const ratio = contrastRatio(parseColor(p.suggestedForeground)!, parseColor(pairs[i].background)!);
      expect(ratio).toBeGreaterThanOrEqual(threshold);
      // Nearest: one 8-bit step back towards the original would fail (it is not overshooting much).
      expect(ratio).toBeLessThan(threshold + 1.2);
    });
    expect(suggested).toBeGreaterThan(20);
  });

  it('checks every text element of an HTML page with its CSS', async () => {
    const out = await check({ content: fixture('pricing-page.html') });
    const bySelector = Object.fromEntries(out.metrics.pairs.map((p) => [p.selector, p]));
    expect(bySelector['html > body > section:nth-child(1) > h1']).toMatchObject({ foreground: '#e8eaed', background: '#1a1f36', largeText: true, aaNormal: true });
    expect(bySelector['html > body > section:nth-child(1) > p']).toMatchObject({ foreground: '#6b7280', background: '#1a1f36', aaNormal: false });
    expect(bySelector['html > body > section:nth-child(2) > p:nth-child(2)']).toMatchObject({ foreground: '#1a73e8', largeText: true, aaLarge: true });
    expect(bySelector['html > body > section:nth-child(2) > p:nth-child(3)']).toMatchObject({ foreground: '#8a8f98', fontSizePx: 12, aaNormal: false });
    expect(bySelector['html > body > section:nth-child(2) > a']).toMatchObject({ foreground: '#ffffff', background: '#fbbc04', aaNormal: false });
    const failing = out.findings.filter((f) => f.severity === 'error').map((f) => f.location?.line);
    expect(failing).toEqual([22, 27, 28]);
    const review = out.findings.filter((f) => f.needsReview);
    expect(review).toEqual([expect.objectContaining({ ruleId: 'color-contrast', severity: 'info', location: { line: 30, column: 3 } })]);
    expect(review[0].message).toContain('gradient');
  });

  it('rejects a colour it cannot parse, naming the pair', async () => {
    const reply = await runTool(checkColorContrast, { pairs: [{ foreground: '#12345', background: '#fff' }] });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('pairs[0].foreground: "#12345" is not a CSS colour');
  });

  it('fails on HTML whose tail is swallowed by an unclosed tag, with line and column', async () => {
    const reply = await runTool(checkColorContrast, { content: '<p style="color:#999">Hello</p>\n<div class="x' });
    expect(resultText(reply)).toMatch(/^line 2, column \d+: eof-in-tag/);
  });

  it('names the field of invalid arguments', async () => {
    const reply = await runTool(checkColorContrast, { pairs: [{ foreground: '#000', background: '#fff', fontSize: 'big' }] });
    expect(resultText(reply)).toMatch(/^Invalid arguments: pairs\[0\]\.fontSize/);
  });
});
