import {
  converter,
  modeHsl,
  modeHwb,
  modeLab,
  modeLch,
  modeLrgb,
  modeOklab,
  modeOklch,
  modeP3,
  modeRec2020,
  modeRgb,
  modeXyz50,
  modeXyz65,
  parse,
  useMode,
} from 'culori/fn';

// culori/fn registers nothing by itself: only the colour spaces CSS Color 4 can write are
// loaded, which keeps the worker bundle small (the `culori` main entry pulls in ~30 spaces).
for (const mode of [modeRgb, modeLrgb, modeHsl, modeHwb, modeLab, modeLch, modeOklab, modeOklch, modeP3, modeRec2020, modeXyz50, modeXyz65]) {
  useMode(mode as Parameters<typeof useMode>[0]);
}

const toRgb = converter('rgb');
const toOklch = converter('oklch');

/** sRGB with channels 0..1 (clipped) and alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 1, g: 1, b: 1, a: 1 };

const clip = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * Parses any CSS Color 4 syntax (hex with alpha, rgb/hsl/hwb/lab/lch/oklab/oklch, color(),
 * named colours, `transparent`) into clipped sRGB. Returns null for what is not a colour
 * (`currentcolor`, `var(--x)`, gradients, typos).
 */
const parsedCache = new Map<string, Rgba | null>();

export function parseColor(text: string): Rgba | null {
  // Pages repeat a handful of colours thousands of times; culori's parser is the slow part.
  const hit = parsedCache.get(text);
  if (hit !== undefined) return hit;
  const out = parseUncached(text);
  if (parsedCache.size > 5000) parsedCache.clear();
  parsedCache.set(text, out);
  return out;
}

function parseUncached(text: string): Rgba | null {
  const source = text.trim().toLowerCase();
  if (!source || source === 'currentcolor' || source.includes('var(')) return null;
  const parsed = parse(source);
  if (!parsed) return null;
  const rgb = toRgb(parsed);
  if (!rgb) return null;
  return { r: clip(rgb.r), g: clip(rgb.g), b: clip(rgb.b), a: rgb.alpha === undefined ? 1 : clip(rgb.alpha) };
}

/** Source-over compositing in gamma-encoded sRGB, as browsers paint. */
export function composite(top: Rgba, under: Rgba): Rgba {
  const a = top.a + under.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, u: number) => (t * top.a + u * under.a * (1 - top.a)) / a;
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b), a };
}

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** WCAG 2.x relative luminance of an opaque colour. */
export function relativeLuminance(c: Rgba): number {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG 2.x contrast ratio (1..21), unrounded; translucent colours are composited first. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const back = bg.a < 1 ? composite(bg, WHITE) : bg;
  const front = fg.a < 1 ? composite(fg, back) : fg;
  const l1 = relativeLuminance(front);
  const l2 = relativeLuminance(back);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/**
 * APCA-W3 0.1.9 Lc (the constants of apca-w3's `APCAcontrast` with `sRGBtoY`), signed:
 * positive for dark text on a light background, negative for light text on dark.
 */
export function apcaLc(fg: Rgba, bg: Rgba): number {
  const back = bg.a < 1 ? composite(bg, WHITE) : bg;
  const front = fg.a < 1 ? composite(fg, back) : fg;
  // apca-w3 works on 0..255 channels with a plain 2.4 power curve, not the sRGB piecewise one.
  const y = (c: Rgba) => 0.2126729 * c.r ** 2.4 + 0.7151522 * c.g ** 2.4 + 0.072175 * c.b ** 2.4;
  let txtY = y(front);
  let bgY = y(back);
  const blkThrs = 0.022;
  const blkClmp = 1.414;
  if (txtY <= blkThrs) txtY += Math.pow(blkThrs - txtY, blkClmp);
  if (bgY <= blkThrs) bgY += Math.pow(blkThrs - bgY, blkClmp);
  if (Math.abs(bgY - txtY) < 0.0005) return 0;
  let out: number;
  if (bgY > txtY) {
    const sapc = (bgY ** 0.56 - txtY ** 0.57) * 1.14;
    out = sapc < 0.1 ? 0 : sapc - 0.027;
  } else {
    const sapc = (bgY ** 0.65 - txtY ** 0.62) * 1.14;
    out = sapc > -0.1 ? 0 : sapc + 0.027;
  }
  return out * 100;
}

/** Lower-case `#rrggbb` (or `#rrggbbaa` when translucent), channels rounded to 8 bits. */
export function toHex(c: Rgba, withAlpha = c.a < 1): string {
  const h = (x: number) => Math.round(clip(x) * 255).toString(16).padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}${withAlpha ? h(c.a) : ''}`;
}

/** WCAG 2.x "large scale" text: 18pt, or 14pt bold (24px, 18.66px at weight >= 700). */
export function isLargeText(fontSizePx: number, fontWeight: number): boolean {
  // axe rounds the same way: ceil(px * 72) / 96 points, compared with 18pt and 14pt.
  const pt = Math.ceil(fontSizePx * 72) / 96;
  return fontWeight >= 700 ? pt >= 14 : pt >= 18;
}

const quantize = (c: Rgba): Rgba => {
  const q = (x: number) => Math.round(clip(x) * 255) / 255;
  return { r: q(c.r), g: q(c.g), b: q(c.b), a: 1 };
};

/**
 * The colour nearest to `fg` along OKLCH lightness (hue and chroma kept, then clipped into
 * sRGB and rounded to 8 bits) whose WCAG ratio on `bg` reaches `threshold`; null when `fg`
 * already passes. The check runs on the rounded `#rrggbb`, so the answer really passes.
 */
export function nearestPassing(fg: Rgba, bg: Rgba, threshold: number): string | null {
  const back = bg.a < 1 ? composite(bg, WHITE) : bg;
  const front = fg.a < 1 ? composite(fg, back) : fg;
  if (contrastRatio(front, back) >= threshold) return null;
  const lch = toOklch({ mode: 'rgb', r: front.r, g: front.g, b: front.b });
  const l0 = lch?.l ?? 0;
  const c = lch?.c ?? 0;
  const h = lch?.h ?? 0;
  const at = (l: number): Rgba | null => {
    const rgb = toRgb({ mode: 'oklch', l, c, h });
    const q = quantize({ r: rgb.r, g: rgb.g, b: rgb.b, a: 1 });
    return contrastRatio(q, back) >= threshold ? q : null;
  };
  // Per direction: a coarse outward scan (0.01 steps) to the first passing lightness, then
  // bisection down to the boundary. The check runs on the rounded colour, so what comes back
  // passes even where clipping makes contrast jump.
  const search = (sign: 1 | -1): { d: number; color: Rgba } | null => {
    let prevD = 0;
    for (let d = 0.01; d <= 1.0001; d += 0.01) {
      const l = l0 + sign * d;
      if (l < 0 || l > 1) {
        const edge = sign > 0 ? 1 : 0;
        const c = at(edge);
        return c ? refine(sign, prevD, Math.abs(edge - l0)) : null;
      }
      if (at(l)) return refine(sign, prevD, d);
      prevD = d;
    }
    return null;
  };
  const refine = (sign: 1 | -1, lo: number, hi: number): { d: number; color: Rgba } => {
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (at(l0 + sign * mid)) hi = mid;
      else lo = mid;
    }
    return { d: hi, color: at(l0 + sign * hi)! };
  };
  const down = search(-1);
  const up = search(1);
  // Ties go to the direction that keeps the text's polarity (darker text on a light ground).
  const preferDown = relativeLuminance(back) > 0.5;
  const pick = down && up ? (Math.abs(down.d - up.d) < 1e-9 ? (preferDown ? down : up) : down.d < up.d ? down : up) : down ?? up;
  if (pick) return toHex(pick.color, false);
  // Black or white always reaches 4.5:1 against any opaque background.
  const black: Rgba = { r: 0, g: 0, b: 0, a: 1 };
  return contrastRatio(black, back) >= contrastRatio(WHITE, back) ? '#000000' : '#ffffff';
}
