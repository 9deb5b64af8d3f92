/**
 * Small colour arithmetic for the theme: parse a CSS colour, mix two colours, and build
 * colourscales from a palette.
 *
 * Why: JupyterLab hands us its colours as CSS strings, and the heatmaps need lighter (or,
 * on a dark theme, darker) tints of the class colours so that data points drawn on top of
 * them stay visible.
 */
import type { Colorscale } from './types';

/** A colour as red, green, blue in 0..255 and alpha in 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * Parse `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(...)` and `rgba(...)`.
 * Returns null for anything else (named colours, `var(...)`, empty strings).
 */
export function parseColor(css: string): Rgba | null {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const [r, g, b] = m[1].split('').map(h => parseInt(h + h, 16));
    return { r, g, b, a: 1 };
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (m) {
    const v = parseInt(m[1], 16);
    const a = m[2] ? parseInt(m[2], 16) / 255 : 1;
    return { r: (v >> 16) & 255, g: (v >> 8) & 255, b: v & 255, a };
  }
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const parts = m[1].split(/[\s,/]+/).filter(p => p.length > 0);
    if (parts.length < 3) {
      return null;
    }
    // Channels are 0..255 or percentages; alpha is 0..1 or a percentage.
    const channel = (p: string): number =>
      p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p);
    const fraction = (p: string): number => (p.endsWith('%') ? parseFloat(p) / 100 : parseFloat(p));
    const [r, g, b] = parts.slice(0, 3).map(channel);
    const a = parts.length > 3 ? fraction(parts[3]) : 1;
    if ([r, g, b, a].some(v => !Number.isFinite(v))) {
      return null;
    }
    return { r, g, b, a };
  }
  return null;
}

/** CSS `rgb(...)` / `rgba(...)` of a colour, channels rounded. */
export function formatColor(c: Rgba): string {
  const r = Math.round(c.r);
  const g = Math.round(c.g);
  const b = Math.round(c.b);
  return c.a >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${+c.a.toFixed(3)})`;
}

/**
 * Linear mix (1 - t) * a + t * b of two CSS colours, channel by channel.
 * When either colour cannot be parsed, `a` is returned unchanged.
 */
export function mixColors(a: string, b: string, t: number): string {
  const ca = parseColor(a);
  const cb = parseColor(b);
  if (!ca || !cb) {
    return a;
  }
  const lerp = (u: number, v: number): number => u + (v - u) * t;
  return formatColor({
    r: lerp(ca.r, cb.r),
    g: lerp(ca.g, cb.g),
    b: lerp(ca.b, cb.b),
    a: lerp(ca.a, cb.a)
  });
}

/**
 * Relative luminance (WCAG) of a colour, 0 for black to 1 for white; null if unparsable.
 * Used to tell a dark background from a light one when the theme attribute is missing.
 */
export function luminance(css: string): number | null {
  const c = parseColor(css);
  if (!c) {
    return null;
  }
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/**
 * A colourscale with one flat band per class: values k - 0.5 .. k + 0.5 map to colour k when
 * the colour axis runs from -0.5 to K - 0.5. This is how a heatmap of predicted class
 * indices gets one discrete colour per class instead of a gradient.
 */
export function discreteColorscale(colors: string[]): Colorscale {
  const k = colors.length;
  const scale: Colorscale = [];
  for (let i = 0; i < k; i++) {
    scale.push([i / k, colors[i]]);
    scale.push([(i + 1) / k, colors[i]]);
  }
  return scale;
}
