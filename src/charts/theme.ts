/**
 * The chart theme: JupyterLab's colours and fonts, read from its CSS variables, so that the
 * figures look native under the light and the dark theme alike.
 *
 * Plotly cannot read CSS variables itself (it writes colours into SVG attributes), so we
 * resolve them once with getComputedStyle and put plain colour strings into every layout.
 */
import { discreteColorscale, luminance, mixColors } from './colors';
import type { ChartTheme, Colorscale, Layout } from './types';

/**
 * Okabe and Ito's palette for colour-vision deficiency, ordered so that the first two
 * classes (blue, orange) stay apart for every common kind of colour blindness. Yellow and
 * grey come last: they read poorly on white and on black respectively.
 */
export const CLASS_COLORS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#999999'
];

/**
 * Series (compared variants, layers, functions): the same palette, with blue and vermillion
 * first, then two dark hues from Paul Tol's muted palette (indigo, wine), so that nine series
 * (the most variants a spec may compare) all differ. Beyond nine the colours repeat.
 */
export const SERIES_COLORS: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#999999',
  '#332288',
  '#882255'
];

/** Least contrast of a series colour against a dark background (WCAG ratio). */
const DARK_SERIES_CONTRAST = 3;

/**
 * A palette colour for a dark background: lightened a little (15% white), and more for dark
 * hues until it has `DARK_SERIES_CONTRAST` against the background.
 */
export function onDark(color: string, background: string): string {
  const b = luminance(background) ?? 0;
  const contrast = (c: string) => {
    const a = luminance(c) ?? 0;
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  let mix = 0.15;
  let out = mixColors(color, '#ffffff', mix);
  while (contrast(out) < DARK_SERIES_CONTRAST && mix < 0.9) {
    mix += 0.05;
    out = mixColors(color, '#ffffff', mix);
  }
  return out;
}

/** Viridis stops: perceptually uniform and readable without colour vision. */
export const SEQUENTIAL: Colorscale = [
  [0, '#440154'],
  [0.25, '#3b528b'],
  [0.5, '#21918c'],
  [0.75, '#5ec962'],
  [1, '#fde725']
];

/** The colours JupyterLab's light theme defines, used when a variable cannot be read. */
export const LIGHT_FALLBACK = {
  background: '#ffffff',
  text: 'rgba(0, 0, 0, 0.87)',
  textMuted: 'rgba(0, 0, 0, 0.54)',
  grid: '#e0e0e0',
  axisLine: '#bdbdbd',
  accent: '#1976d2',
  error: '#d32f2f',
  warn: '#f57c00',
  success: '#388e3c',
  fontFamily:
    "system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, sans-serif",
  fontSize: 12
};

/** The dark theme's counterparts, used under a dark theme whose variables are missing. */
export const DARK_FALLBACK: typeof LIGHT_FALLBACK = {
  ...LIGHT_FALLBACK,
  background: '#111111',
  text: 'rgba(255, 255, 255, 0.87)',
  textMuted: 'rgba(255, 255, 255, 0.54)',
  grid: '#424242',
  axisLine: '#616161',
  accent: '#42a5f5',
  error: '#e57373',
  warn: '#ffb74d',
  success: '#81c784'
};

/**
 * True when JupyterLab shows a dark theme. JupyterLab sets `data-jp-theme-light` on the
 * body to "true" or "false" whenever the theme changes; without a DOM the answer is false.
 */
export function isDarkTheme(): boolean {
  if (typeof document === 'undefined' || !document.body) {
    return false;
  }
  return document.body.getAttribute('data-jp-theme-light') === 'false';
}

/**
 * Read the chart theme from the CSS variables in effect at `node` (or at the document body
 * when `node` is null). Every missing variable falls back to the light theme's value (or
 * the dark theme's, when the page says it is dark), so the result is always complete.
 */
export function readTheme(node: HTMLElement | null): ChartTheme {
  const target = node ?? (typeof document !== 'undefined' && document.body ? document.body : null);
  const style = target && typeof getComputedStyle === 'function' ? getComputedStyle(target) : null;

  /** A variable's value, or '' when unset or still holding an unresolved var(...). */
  const read = (name: string): string => {
    const value = style ? style.getPropertyValue(name).trim() : '';
    return value.includes('var(') ? '' : value;
  };

  return themeFrom(read);
}

/**
 * JupyterLab's light theme as it would be read from a page without any variables set: the
 * colours of pictures saved into a notebook, which is shown on light pages (GitHub,
 * nbviewer, an HTML export) whatever theme it was drawn under.
 */
export function lightTheme(): ChartTheme {
  return themeFrom(() => '', false);
}

/** A complete theme from CSS variable values (`read`), falling back where one is empty. */
function themeFrom(read: (name: string) => string, forceDark?: boolean): ChartTheme {
  const background = read('--jp-layout-color0') || read('--jp-layout-color1');
  const themeAttribute =
    typeof document !== 'undefined' && document.body
      ? document.body.getAttribute('data-jp-theme-light')
      : null;
  let dark: boolean;
  if (forceDark !== undefined) {
    dark = forceDark;
  } else if (themeAttribute !== null) {
    dark = themeAttribute === 'false';
  } else {
    // No attribute (e.g. a page outside JupyterLab): judge by the background's brightness.
    const lum = background ? luminance(background) : null;
    dark = lum !== null && lum < 0.4;
  }
  const fallback = dark ? DARK_FALLBACK : LIGHT_FALLBACK;
  const fontSize = parseFloat(read('--jp-ui-font-size1'));

  const bg = background || fallback.background;
  const classColors = CLASS_COLORS.map(c => (dark ? mixColors(c, '#ffffff', 0.15) : c));
  return {
    dark,
    background: bg,
    plotBackground: bg,
    text: read('--jp-ui-font-color1') || fallback.text,
    textMuted: read('--jp-ui-font-color2') || fallback.textMuted,
    grid: read('--jp-border-color2') || fallback.grid,
    axisLine: read('--jp-border-color1') || fallback.axisLine,
    fontFamily: read('--jp-ui-font-family') || fallback.fontFamily,
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? Math.round(fontSize) : fallback.fontSize,
    accent: read('--jp-brand-color1') || fallback.accent,
    error: read('--jp-error-color1') || fallback.error,
    warn: read('--jp-warn-color1') || fallback.warn,
    success: read('--jp-success-color1') || fallback.success,
    classColors,
    seriesColors: SERIES_COLORS.map(c => (dark ? onDark(c, bg) : c)),
    diverging: divergingScale(classColors[0], classColors[1], dark),
    sequential: SEQUENTIAL
  };
}

/**
 * Class 0 colour -> neutral -> class 1 colour, neutral exactly at 0.5.
 * The ends are tints (mixed towards the neutral) so that fully coloured data points drawn
 * on a confident region stay visible.
 */
export function divergingScale(low: string, high: string, dark: boolean): Colorscale {
  const neutral = dark ? '#262626' : '#f7f7f7';
  return [
    [0, mixColors(low, neutral, 0.3)],
    [0.25, mixColors(low, neutral, 0.65)],
    [0.5, neutral],
    [0.75, mixColors(high, neutral, 0.65)],
    [1, mixColors(high, neutral, 0.3)]
  ];
}

/**
 * One flat colour per class for heatmaps of predicted classes, tinted like the diverging
 * scale so that points stay visible. Use with a colour axis from -0.5 to K - 0.5.
 */
export function classColorscale(theme: ChartTheme, nClasses: number): Colorscale {
  const neutral = theme.dark ? '#262626' : '#f7f7f7';
  const colors: string[] = [];
  for (let k = 0; k < nClasses; k++) {
    colors.push(mixColors(classColor(theme, k), neutral, 0.45));
  }
  return discreteColorscale(colors);
}

/** The colour of class k (the palette repeats beyond its length). */
export function classColor(theme: ChartTheme, k: number): string {
  return theme.classColors[k % theme.classColors.length];
}

/** The colour of series k: compared variant, layer or function number k. */
export function seriesColor(theme: ChartTheme, k: number): string {
  return theme.seriesColors[k % theme.seriesColors.length];
}

/** Matches the axis keys of a layout: xaxis, yaxis, xaxis2, yaxis12, ... */
const AXIS_KEY = /^[xy]axis\d*$/;

/**
 * Settings given to every axis (and colour bar) that passes through `applyTheme`.
 *
 * `ticklabeloverflow: 'allow'`: by default Plotly hides tick labels that stick out of the
 * figure, and to find them it measures every label with getBoundingClientRect after
 * placing it, a forced layout per label on every redraw. Our margins leave room for the
 * labels, so there is nothing to hide and the measuring is skipped.
 */
export const AXIS_DEFAULTS: Readonly<Record<string, unknown>> = { ticklabeloverflow: 'allow' };

/**
 * A copy of `layout` in the theme's colours and font: backgrounds, text, every axis's grid
 * and lines, legend, colour bars and annotations. Colours the layout already sets win, so a
 * builder can still highlight something. The input layout is not modified.
 */
export function applyTheme(layout: Layout, theme: ChartTheme): Layout {
  const out: Layout = {
    ...layout,
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.plotBackground,
    font: {
      family: theme.fontFamily,
      size: theme.fontSize,
      color: theme.text,
      ...(layout.font as object | undefined)
    }
  };
  for (const key of Object.keys(layout)) {
    if (AXIS_KEY.test(key)) {
      // Colours only for the parts the axis draws, so Plotly gets no unused attributes.
      const axis = layout[key] as Record<string, unknown>;
      out[key] = {
        ...AXIS_DEFAULTS,
        ...(axis.showgrid === false ? {} : { gridcolor: theme.grid }),
        ...(axis.zeroline === false ? {} : { zerolinecolor: theme.axisLine }),
        ...(axis.showline === false ? {} : { linecolor: theme.axisLine }),
        ...(axis.ticks === '' ? {} : { tickcolor: theme.axisLine }),
        ...axis
      };
    } else if (key.startsWith('coloraxis')) {
      const axis = layout[key] as { colorbar?: object; showscale?: boolean };
      out[key] =
        axis.showscale === false
          ? axis
          : {
              ...axis,
              colorbar: {
                ...AXIS_DEFAULTS,
                outlinecolor: theme.axisLine,
                tickfont: { color: theme.text },
                ...axis.colorbar
              }
            };
    }
  }
  if (layout.legend !== undefined) {
    out.legend = {
      bgcolor: 'rgba(0, 0, 0, 0)',
      font: { color: theme.text },
      ...(layout.legend as object)
    };
  }
  if (layout.annotations) {
    out.annotations = layout.annotations.map(a => ({
      ...a,
      font: { color: theme.text, ...(a.font as object | undefined) }
    }));
  }
  out.hoverlabel = {
    bgcolor: theme.background,
    bordercolor: theme.axisLine,
    font: { color: theme.text, family: theme.fontFamily },
    ...(layout.hoverlabel as object | undefined)
  };
  return out;
}
