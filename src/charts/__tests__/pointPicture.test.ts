/**
 * Many points drawn as a picture per panel (points.ts): read back with Node's zlib, the
 * picture must have each point where its marker would be, in its marker's colours.
 */
import { boundaryFigure } from '../boundary';
import { parseColor } from '../colors';
import { hiddenFigure } from '../hidden';
import { POINT_PICTURE_FROM } from '../points';
import { classColor } from '../theme';
import type { DataSummary } from '../../core/types';
import type { Trace } from '../types';
import { input, plainTheme, snapshot } from './fixtures';
import { decodePng } from './png';

/** A 15 x 30 lattice of points in [-0.9, 0.9] x [-0.9, 0.6]: class 1 right of x = 0, every 5th a test point. */
function lattice(): DataSummary {
  const x: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < 15; r++) {
    for (let c = 0; c < 30; c++) {
      const px = -0.9 + (1.8 * c) / 29;
      x.push([px, -0.9 + (1.5 * r) / 14]);
      y.push(px > 0 ? 1 : 0);
    }
  }
  const all = x.map((_, i) => i);
  return {
    x,
    y,
    train: all.filter(i => i % 5 !== 0),
    test: all.filter(i => i % 5 === 0),
    task: 'classification',
    nClasses: 2,
    inputDim: 2,
    domain: [
      [-1, 1],
      [-1, 1]
    ]
  };
}

const grid = { n: 2, x: [-1, 1], y: [-1, 1], values: [0.2, 0.8, 0.2, 0.8] };
const variants = (n: number) =>
  Array.from({ length: n }, (_, v) => snapshot({ variant: v, label: `v${v}`, grid }));
const markerTraces = (traces: Trace[]) =>
  traces.filter(t => t.type === 'scatter' && t.mode === 'markers');

/** The palette colour (RGB) and alpha at a data point of a panel's picture. */
function pixelAt(
  image: Record<string, number | string>,
  at: [number, number],
  offset: [number, number] = [0, 0]
): { rgb: number[]; alpha: number } {
  const png = decodePng(String(image.source));
  const c = Math.floor(((at[0] - Number(image.x)) / Number(image.sizex)) * png.width + offset[0]);
  const r = Math.floor(((Number(image.y) - at[1]) / Number(image.sizey)) * png.height + offset[1]);
  const k = png.pixels[r][c];
  return { rgb: png.palette[k], alpha: png.alpha[k] };
}

const rgbOf = (css: string) => {
  const c = parseColor(css);
  return c ? [c.r, c.g, c.b] : [];
};

describe('points drawn as a picture', () => {
  const data = lattice();
  const theme = plainTheme();
  // 450 points in 9 panels: over the bound.
  expect(450 * 9).toBeGreaterThanOrEqual(POINT_PICTURE_FROM);
  const fig = boundaryFigure(input(variants(9), data, { width: 900 }));
  const images = fig.layout.images as Record<string, number | string>[];

  it('gives each panel one picture over its axis ranges and no marker per point', () => {
    expect(images).toHaveLength(9);
    expect(images.map(i => i.xref)).toEqual(['x', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9']);
    expect(images[0]).toMatchObject({ x: -1, y: 1, sizex: 2, sizey: 2, layer: 'above' });
    for (const t of markerTraces(fig.data)) {
      expect(Array.from(t.x as ArrayLike<unknown>)).toEqual([null]);
    }
    // The legend still names each class and split once.
    expect(markerTraces(fig.data).map(t => t.name)).toEqual([
      'class 0',
      'class 1',
      'class 0 (test)',
      'class 1 (test)'
    ]);
  });

  it('paints a training point in its class colour inside an outline of the background', () => {
    const point = data.x[1] as [number, number]; // a training point of class 0
    expect(pixelAt(images[0], point).rgb).toEqual(rgbOf(classColor(theme, 0)));
    // 3.5 CSS pixels out (two picture pixels each): the outline.
    expect(pixelAt(images[0], point, [7, 0]).rgb).toEqual(rgbOf(theme.background));
    const right = data.x[29] as [number, number]; // class 1
    expect(pixelAt(images[0], right).rgb).toEqual(rgbOf(classColor(theme, 1)));
  });

  it('paints a test point as a ring of its class colour, empty inside', () => {
    const point = data.x[5] as [number, number]; // index 5: a test point of class 0
    expect(pixelAt(images[0], point).alpha).toBe(0);
    const ring = pixelAt(images[0], point, [6, 0]);
    expect(ring.alpha).toBe(255);
    expect(ring.rgb).toEqual(rgbOf(classColor(theme, 0)));
  });

  it('leaves the space between points transparent', () => {
    const a = data.x[1];
    const b = data.x[32]; // one row up, one column right
    expect(pixelAt(images[0], [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]).alpha).toBe(0);
  });

  it('draws the picture again when the points, the theme or the size change', () => {
    const source = (fig: { layout: Record<string, unknown> }) =>
      (fig.layout.images as Record<string, string>[])[0].source;
    const again = boundaryFigure(input(variants(9), data, { width: 900 }));
    expect(source(again)).toBe(images[0].source);
    const moved = { ...data, x: data.x.map(([u, v]) => [u, v * 0.9]) };
    expect(source(boundaryFigure(input(variants(9), moved, { width: 900 })))).not.toBe(
      images[0].source
    );
    const dark = { ...theme, dark: true, background: '#111111' };
    expect(
      source(boundaryFigure({ ...input(variants(9), data, { width: 900 }), theme: dark }))
    ).not.toBe(images[0].source);
    expect(source(boundaryFigure(input(variants(9), data, { width: 700 })))).not.toBe(
      images[0].source
    );
    // The hidden plane's points move with training: same data, same ranges (the same set of
    // positions), but each point somewhere else.
    const hidden = (reversed: boolean) =>
      hiddenFigure(
        input(
          variants(9).map(s => ({
            ...s,
            hidden: [{ layer: 1, points: reversed ? [...data.x].reverse() : data.x }]
          })),
          data,
          { width: 900 }
        )
      );
    expect(source(hidden(false))).toBe(source(hidden(false)));
    expect(source(hidden(false))).not.toBe(source(hidden(true)));
  });

  it('keeps markers while the points are few', () => {
    const few = boundaryFigure(input(variants(2), data, { width: 900 }));
    expect(few.layout.images).toBeUndefined();
    expect(markerTraces(few.data).reduce((n, t) => n + (t.x as unknown[]).length, 0)).toBe(900);
  });

  it('draws the hidden plane of many points as pictures too', () => {
    const snaps = variants(9).map(s => ({
      ...s,
      hidden: [{ layer: 1, points: data.x.map(([u, v]) => [2 * u, v]) }]
    }));
    const hidden = hiddenFigure(input(snaps, data, { width: 900 }));
    expect(hidden.layout.images as unknown[]).toHaveLength(9);
    for (const t of markerTraces(hidden.data)) {
      expect(Array.from(t.x as ArrayLike<unknown>)).toEqual([null]);
    }
  });

  it('leaves new pictures to `later`, one piece per distinct picture, old ones at once', () => {
    // Points moved (a new picture for every panel): nothing is drawn in the build itself.
    const moved = { ...data, x: data.x.map(([u, v]) => [u * 0.8, v]) };
    const pieces: (() => void)[] = [];
    const later = (piece: () => void) => pieces.push(piece);
    const deferred = boundaryFigure({ ...input(variants(9), moved, { width: 900 }), later });
    const sources = () => (deferred.layout.images as Record<string, string>[]).map(i => i.source);
    expect(sources().every(source => source === '')).toBe(true);
    // The boundary view's nine panels show the same points at the same size: one piece.
    expect(pieces).toHaveLength(1);
    pieces.forEach(piece => piece());
    const inline = boundaryFigure(input(variants(9), moved, { width: 900 }));
    const expected = (inline.layout.images as Record<string, string>[])[0].source;
    expect(expected).toMatch(/^data:image\/png;base64,/);
    expect(sources()).toEqual(Array(9).fill(expected));
    // Drawn once, the picture is at hand: the next build leaves nothing for later.
    const again = boundaryFigure({ ...input(variants(9), moved, { width: 900 }), later });
    expect(pieces).toHaveLength(1);
    expect((again.layout.images as Record<string, string>[])[0].source).toBe(expected);
  });

  it('leaves each moving hidden panel its own piece', () => {
    const snaps = variants(9).map((s, v) => ({
      ...s,
      // A different shear per panel: the plane fits its range to the points, so a shift would not do.
      hidden: [{ layer: 1, points: data.x.map(([u, w]) => [u, w + 0.3 * (v + 1) * u]) }]
    }));
    const pieces: (() => void)[] = [];
    const hidden = hiddenFigure({
      ...input(snaps, data, { width: 900 }),
      later: piece => pieces.push(piece)
    });
    expect(pieces).toHaveLength(9);
    pieces.forEach(piece => piece());
    const sources = (hidden.layout.images as Record<string, string>[]).map(i => i.source);
    expect(new Set(sources).size).toBe(9);
    const inline = hiddenFigure(input(snaps, data, { width: 900 }));
    expect((inline.layout.images as Record<string, string>[]).map(i => i.source)).toEqual(sources);
  });

  it('keeps a picture used at every draw while many others come and go', () => {
    const own = { ...data };
    const pieces: (() => void)[] = [];
    const later = (piece: () => void) => pieces.push(piece);
    const drain = () => pieces.splice(0).forEach(piece => piece());
    const boundary = () => boundaryFigure({ ...input(variants(9), own, { width: 900 }), later });
    boundary();
    expect(pieces).toHaveLength(1);
    drain();
    // Twenty epochs of a hidden view whose nine planes move: 180 new pictures, and the
    // boundary view drawn again at each.
    for (let epoch = 0; epoch < 20; epoch++) {
      const snaps = variants(9).map((s, v) => ({
        ...s,
        hidden: [
          { layer: 1, points: own.x.map(([u, w]) => [u, w + 0.1 * (epoch * 9 + v + 1) * u]) }
        ]
      }));
      hiddenFigure({ ...input(snaps, own, { width: 900 }), later });
      expect(pieces).toHaveLength(9);
      drain();
      const again = boundary();
      expect(pieces).toHaveLength(0);
      const sources = (again.layout.images as Record<string, string>[]).map(i => i.source);
      expect(sources.every(source => source.startsWith('data:image/png;base64,'))).toBe(true);
    }
  });

  it('gives a picture its own piece again once the piece it would have shared has run', () => {
    const moved = { ...data, x: data.x.map(([u, v]) => [u * 0.7, v]) };
    const pieces: (() => void)[] = [];
    const later = (piece: () => void) => pieces.push(piece);
    boundaryFigure({ ...input(variants(9), moved, { width: 900 }), later });
    pieces.splice(0).forEach(piece => piece());
    // The same points in a new data set (nothing cached for it), the same `later`.
    const copy = { ...moved };
    const again = boundaryFigure({ ...input(variants(9), copy, { width: 900 }), later });
    expect(pieces).toHaveLength(1);
    pieces.splice(0).forEach(piece => piece());
    const sources = (again.layout.images as Record<string, string>[]).map(i => i.source);
    expect(sources.every(source => source.startsWith('data:image/png;base64,'))).toBe(true);
  });
});
