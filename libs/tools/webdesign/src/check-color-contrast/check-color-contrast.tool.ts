import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, filesArg } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { apcaLc, contrastRatio, isLargeText, nearestPassing, parseColor, toHex, WHITE, composite } from '../shared/color';
import { assertComplete, countIds, parseHtml, position, selectorOf } from '../shared/html';
import { buildStyleIndex, Styles } from '../shared/cascade';
import { A11yTree } from '../shared/a11y';
import { textContrasts } from '../shared/contrast';

const pairSchema = z
  .object({
    foreground: z.string().min(1).describe('Text colour in any CSS Color 4 syntax (#hex, rgb(), hsl(), hwb(), lab(), lch(), oklab(), oklch(), named)'),
    background: z.string().min(1).describe('Background colour in any CSS Color 4 syntax; a translucent one is composited over white'),
    fontSize: z.number().positive().optional().describe('Font size in px (default 16)'),
    fontWeight: z.number().int().min(1).max(1000).optional().describe('Font weight, 100-900 (default 400)'),
  })
  .strict();

export interface PairRow {
  foreground: string;
  background: string;
  selector?: string;
  line?: number;
  fontSizePx: number;
  fontWeight: number;
  largeText: boolean;
  ratio: number;
  aaNormal: boolean;
  aaLarge: boolean;
  aaaNormal: boolean;
  aaaLarge: boolean;
  apcaLc: number;
  suggestedForeground: string | null;
}

type Suggestions = Map<string, string | null>;

function row(fg: ReturnType<typeof parseColor> & object, bg: ReturnType<typeof parseColor> & object, fontSizePx: number, fontWeight: number, suggestions: Suggestions) {
  const ratio = contrastRatio(fg, bg);
  const largeText = isLargeText(fontSizePx, fontWeight);
  // A page repeats a few colour pairs many times; the search (hundreds of OKLCH conversions)
  // runs once per pair and threshold within a call.
  const threshold = largeText ? 3 : 4.5;
  const key = `${fg.r},${fg.g},${fg.b},${fg.a}|${bg.r},${bg.g},${bg.b},${bg.a}|${threshold}`;
  let suggested = suggestions.get(key);
  if (suggested === undefined) suggestions.set(key, (suggested = nearestPassing(fg, bg, threshold)));
  return {
    fontSizePx,
    fontWeight,
    largeText,
    ratio,
    aaNormal: ratio >= 4.5,
    aaLarge: ratio >= 3,
    aaaNormal: ratio >= 7,
    aaaLarge: ratio >= 4.5,
    apcaLc: apcaLc(fg, bg),
    suggestedForeground: suggested,
  };
}

const DOCS = 'https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum.html';

export const checkColorContrast = defineTool({
  name: 'web_check_color_contrast',
  title: 'Colour contrast (WCAG 2.x and APCA)',
  description:
    'Computes the WCAG 2.x contrast ratio (AA/AAA for normal and large text), the APCA-W3 0.1.9 Lc and the nearest passing foreground (along OKLCH lightness) for colour pairs, or for every text element of an HTML page with its CSS.',
  input: z
    .object({
      pairs: z.array(pairSchema).min(1).optional().describe('Colour pairs to check'),
      content: contentArg('An HTML page whose text elements are checked (instead of pairs)').optional(),
      files: filesArg('Stylesheets the page links (applied to the <link> whose href ends with their path)').optional(),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: [{ id: 'color-contrast', severity: 'error', summary: 'Text fails WCAG 2.x AA contrast at its size (4.5:1, or 3:1 for large text)', docs: DOCS }],
  run({ pairs, content, files }) {
    if (!pairs && content === undefined) throw new InputError('Give either `pairs` or `content` (an HTML page).');
    if (pairs && content !== undefined) throw new InputError('Give either `pairs` or `content`, not both.');
    const rows: PairRow[] = [];
    const findings: Finding[] = [];
    const suggestions: Suggestions = new Map();
    if (pairs) {
      pairs.forEach((p, i) => {
        const fg = parseColor(p.foreground);
        const bg = parseColor(p.background);
        if (!fg) throw new InputError(`pairs[${i}].foreground: "${p.foreground}" is not a CSS colour`);
        if (!bg) throw new InputError(`pairs[${i}].background: "${p.background}" is not a CSS colour`);
        const back = bg.a < 1 ? composite(bg, WHITE) : bg;
        const r: PairRow = { foreground: p.foreground, background: p.background, ...row(fg, back, p.fontSize ?? 16, p.fontWeight ?? 400, suggestions) };
        rows.push(r);
        const passes = r.largeText ? r.aaLarge : r.aaNormal;
        if (!passes) {
          findings.push({
            ruleId: 'color-contrast',
            severity: 'error',
            message: `pairs[${i}]: ${p.foreground} on ${p.background} has contrast ${r.ratio.toFixed(2)}:1; AA needs ${r.largeText ? 3 : 4.5}:1 for ${r.largeText ? 'large' : 'normal'} text`,
            fix: `Use ${r.suggestedForeground} as the foreground (nearest colour that passes)`,
            docs: DOCS,
            pair: i,
          });
        }
      });
    } else {
      const doc = parseHtml(content!);
      assertComplete(doc);
      const tree = new A11yTree(doc, new Styles(doc, buildStyleIndex(doc, files ?? [])));
      const counts = countIds(doc);
      for (const t of textContrasts(tree)) {
        const selector = selectorOf(t.el, doc, counts);
        const loc = position(t.el);
        if (t.review) {
          findings.push({
            ruleId: 'color-contrast',
            severity: 'info',
            message: `Needs review: text "${t.text.slice(0, 40)}" in ${selector}: colours cannot be resolved statically because ${t.review}`,
            location: loc,
            fix: 'Check this element in a browser, or give it explicit colours',
            docs: DOCS,
            selector,
            needsReview: true,
          });
          continue;
        }
        const r: PairRow = { foreground: toHex(t.fg!), background: toHex(t.bg!), selector, line: loc.line, ...row(t.fg!, t.bg!, t.fontSizePx, t.fontWeight, suggestions) };
        rows.push(r);
        if (!(r.largeText ? r.aaLarge : r.aaNormal)) {
          findings.push({
            ruleId: 'color-contrast',
            severity: 'error',
            message: `text "${t.text.slice(0, 40)}" in ${selector}: ${r.foreground} on ${r.background} has contrast ${r.ratio.toFixed(2)}:1; AA needs ${r.largeText ? 3 : 4.5}:1`,
            location: loc,
            fix: `Use ${r.suggestedForeground} as the text colour (nearest colour that passes)`,
            docs: DOCS,
            selector,
          });
        }
      }
    }
    return { findings, metrics: { pairs: rows } };
  },
  render(envelope) {
    const rows = (envelope.metrics?.pairs as PairRow[] | undefined) ?? [];
    return [
      table(
        ['foreground', 'background', 'where', 'size', 'ratio', 'AA', 'AAA', 'APCA Lc', 'suggested'],
        rows.map((r) => [
          r.foreground,
          r.background,
          r.selector ? `${r.selector} (line ${r.line})` : '',
          `${r.fontSizePx}px/${r.fontWeight}${r.largeText ? ' large' : ''}`,
          r.ratio,
          (r.largeText ? r.aaLarge : r.aaNormal) ? 'pass' : 'fail',
          (r.largeText ? r.aaaLarge : r.aaaNormal) ? 'pass' : 'fail',
          r.apcaLc,
          r.suggestedForeground ?? '',
        ]),
      ),
    ];
  },
});
