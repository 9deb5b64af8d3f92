import { luminance, mixColors, parseColor } from '../colors';
import {
  applyTheme,
  CLASS_COLORS,
  isDarkTheme,
  LIGHT_FALLBACK,
  onDark,
  readTheme,
  SERIES_COLORS
} from '../theme';
import schema from '../../../schema/experiment.schema.json';

describe('theme without a DOM', () => {
  it('falls back to the light theme colours', () => {
    const theme = readTheme(null);
    expect(theme.dark).toBe(false);
    expect(theme.background).toBe(LIGHT_FALLBACK.background);
    expect(theme.text).toBe(LIGHT_FALLBACK.text);
    expect(theme.grid).toBe(LIGHT_FALLBACK.grid);
    expect(theme.fontSize).toBe(LIGHT_FALLBACK.fontSize);
    expect(theme.classColors.slice(0, 2)).toEqual(CLASS_COLORS.slice(0, 2));
    expect(isDarkTheme()).toBe(false);
  });

  it('centres the diverging scale at 0.5 on a neutral colour between the class tints', () => {
    const { diverging, classColors } = readTheme(null);
    expect(diverging[0][0]).toBe(0);
    expect(diverging[diverging.length - 1][0]).toBe(1);
    const mid = diverging.find(s => s[0] === 0.5)!;
    const rgb = parseColor(mid[1])!;
    // Neutral: grey, not tinted towards either class.
    expect(rgb.r).toBe(rgb.g);
    expect(rgb.g).toBe(rgb.b);
    // The low end leans to class 0 (blue), the high end to class 1 (orange).
    const low = parseColor(diverging[0][1])!;
    const high = parseColor(diverging[diverging.length - 1][1])!;
    expect(low.b).toBeGreaterThan(low.r);
    expect(high.r).toBeGreaterThan(high.b);
    expect(classColors[0]).not.toBe(classColors[1]);
  });
});

describe('applyTheme', () => {
  const theme = readTheme(null);
  const layout = {
    xaxis: { title: { text: 'epoch' } },
    yaxis2: { gridcolor: 'red' },
    annotations: [{ text: 'hi', x: 0, y: 0, xref: 'paper', yref: 'paper', showarrow: false }],
    legend: {}
  };

  it('colours backgrounds, fonts and every axis, keeping colours the layout sets', () => {
    const out = applyTheme(layout, theme);
    expect(out.paper_bgcolor).toBe(theme.background);
    expect(out.plot_bgcolor).toBe(theme.plotBackground);
    expect(out.font).toMatchObject({
      family: theme.fontFamily,
      color: theme.text,
      size: theme.fontSize
    });
    expect(out.xaxis).toMatchObject({
      gridcolor: theme.grid,
      linecolor: theme.axisLine,
      title: { text: 'epoch' }
    });
    expect(out.yaxis2).toMatchObject({ gridcolor: 'red', zerolinecolor: theme.axisLine });
    expect(out.annotations![0].font).toMatchObject({ color: theme.text });
    expect(out.legend).toMatchObject({ font: { color: theme.text } });
  });

  it('does not modify the layout it is given', () => {
    const copy = JSON.parse(JSON.stringify(layout));
    applyTheme(layout, theme);
    expect(layout).toEqual(copy);
  });
});

describe('colours', () => {
  it('parses hex and rgb() and mixes channel by channel', () => {
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0.5)')).toEqual({ r: 0, g: 0, b: 0, a: 0.5 });
    expect(parseColor('var(--x)')).toBeNull();
    expect(mixColors('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mixColors('#ff0000', 'not a colour', 0.5)).toBe('#ff0000');
  });
});

describe('axis defaults', () => {
  it('lets tick labels overflow (no per-label measuring) unless the layout says otherwise', () => {
    const theme = readTheme(null);
    const out = applyTheme({ xaxis: {}, yaxis2: { ticklabeloverflow: 'hide past domain' } }, theme);
    expect((out.xaxis as Record<string, unknown>).ticklabeloverflow).toBe('allow');
    expect((out.yaxis2 as Record<string, unknown>).ticklabeloverflow).toBe('hide past domain');
  });
});

describe('series colours', () => {
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a) ?? 0, luminance(b) ?? 0];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };

  it('tell apart every variant a spec may compare, in light and dark', () => {
    const variants = schema.properties.compare.maxItems + 1;
    expect(new Set(SERIES_COLORS.slice(0, variants)).size).toBe(variants);
    const dark = SERIES_COLORS.map(c => onDark(c, '#111111'));
    expect(new Set(dark.slice(0, variants)).size).toBe(variants);
  });

  it('stand out from a dark background, and stay as they were where they did', () => {
    for (const color of SERIES_COLORS) {
      expect(contrast(onDark(color, '#111111'), '#111111')).toBeGreaterThanOrEqual(3);
    }
    // The palette's lighter hues only take the usual 15% of white.
    expect(onDark('#0072B2', '#111111')).toBe(mixColors('#0072B2', '#ffffff', 0.15));
    expect(onDark('#332288', '#111111')).not.toBe(mixColors('#332288', '#ffffff', 0.15));
  });
});
