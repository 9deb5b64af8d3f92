import { boundaryFigure, noBoundaryNote, SURFACE_PICTURE_FROM } from '../boundary';
import { levelOf } from '../mapImage';
import { decodePng } from './png';
import { arr, input, plainTheme, snapshot, xorData } from './fixtures';
import type { DataSummary } from '../../core/types';
import type { Trace } from '../types';

/** A 3 x 3 grid whose value at (ix, iy) is (iy * 3 + ix) / 8, so every cell is distinct. */
function grid3() {
  return {
    n: 3,
    x: [-0.5, 0.5, 1.5],
    y: [-1, 0, 1],
    values: Array.from({ length: 9 }, (_, k) => k / 8)
  };
}

const heatmaps = (traces: Trace[]): Trace[] => traces.filter(t => t.type === 'heatmap');

describe('boundary figure, binary classification', () => {
  const data: DataSummary = { ...xorData(), train: [0, 1, 3], test: [2] };
  const fig = boundaryFigure(input([snapshot({ grid: grid3() })], data));
  const live = boundaryFigure(input([snapshot({ grid: grid3() })], data, { live: true }));

  it('while training, draws the row-major grid as flat cells z[iy][ix] at the grid coordinates', () => {
    const [h] = heatmaps(live.data);
    expect(h.zsmooth).toBe(false);
    expect(arr(h.x)).toEqual([-0.5, 0.5, 1.5]);
    expect(arr(h.y)).toEqual([-1, 0, 1]);
    const z = arr<number[]>(h.z);
    expect(z).toHaveLength(3);
    for (let iy = 0; iy < 3; iy++) {
      for (let ix = 0; ix < 3; ix++) {
        expect(z[iy][ix]).toBeCloseTo((iy * 3 + ix) / 8);
      }
    }
  });

  it('at rest, draws the surface as a picture for the browser to smooth, not as a heatmap', () => {
    // Plotly would work out a smooth heatmap pixel by pixel on every draw.
    expect(heatmaps(fig.data).filter(t => t.name !== 'coloraxis')).toHaveLength(0);
    const [picture] = fig.data.filter(t => t.type === 'image');
    expect(picture).toMatchObject({ x0: -0.5, dx: 1, y0: -1, dy: 1, zsmooth: 'fast' });
    const png = decodePng(picture.source as string);
    expect([png.width, png.height]).toEqual([3, 3]);
    for (let iy = 0; iy < 3; iy++) {
      for (let ix = 0; ix < 3; ix++) {
        expect(png.pixels[iy][ix]).toBe(levelOf((iy * 3 + ix) / 8, 0, 1));
        expect((picture.customdata as number[][])[iy][ix]).toBeCloseTo((iy * 3 + ix) / 8, 12);
      }
    }
    // The colour bar stays, on one cell of the colour axis outside the panel.
    expect(heatmaps(fig.data).filter(t => t.name === 'coloraxis')).toHaveLength(1);
    expect(fig.layout.coloraxis).toMatchObject({ showscale: true });
  });

  it('colours P(class 1) on a diverging scale centred at 0.5', () => {
    const axis = fig.layout.coloraxis as {
      cmin: number;
      cmax: number;
      colorscale: [number, string][];
    };
    expect(axis.cmin).toBe(0);
    expect(axis.cmax).toBe(1);
    const stops = axis.colorscale.map(s => s[0]);
    expect(stops).toContain(0.5);
    const mid = axis.colorscale.find(s => s[0] === 0.5)![1];
    // The two ends differ from each other and from the neutral middle.
    expect(axis.colorscale[0][1]).not.toBe(axis.colorscale[axis.colorscale.length - 1][1]);
    expect(axis.colorscale[0][1]).not.toBe(mid);
  });

  it('draws the 0.5 level curve as the decision boundary', () => {
    // The grid's values are the plane (3 iy + ix) / 8 with ix = x + 0.5, iy = y + 1, whose
    // 0.5 level is the straight line x + 3y = 0.5 across the whole grid.
    const line = fig.data.find(t => t.name === 'P = 0.5')!;
    expect(line).toMatchObject({ type: 'scatter', mode: 'lines', hoverinfo: 'skip' });
    const xs = arr<number | null>(line.x);
    const ys = arr<number | null>(line.y);
    expect(xs.length).toBeGreaterThan(1);
    expect(xs).not.toContain(null);
    xs.forEach((x, i) => expect(x! + 3 * ys[i]!).toBeCloseTo(0.5, 12));
    expect(Math.min(...(xs as number[]))).toBeCloseTo(-0.5, 12);
    expect(Math.max(...(xs as number[]))).toBeCloseTo(1.5, 12);
    expect(fig.data.some(t => (t.type as string) === 'contour')).toBe(false);
  });

  it('draws training points filled and test points hollow, grouped by class', () => {
    const points = fig.data.filter(t => t.type === 'scatter');
    const byName = Object.fromEntries(points.map(t => [t.name, t]));
    expect(arr(byName['class 0'].x)).toEqual([0, 1]); // points 0 and 3
    expect(arr(byName['class 0'].y)).toEqual([0, 1]);
    expect(arr(byName['class 1'].x)).toEqual([0]); // point 1
    expect(arr(byName['class 1 (test)'].x)).toEqual([1]); // point 2
    expect((byName['class 1'].marker as { symbol: string }).symbol).toBe('circle');
    expect((byName['class 1 (test)'].marker as { symbol: string }).symbol).toBe('circle-open');
    expect((byName['class 0'].marker as { color: string }).color).not.toBe(
      (byName['class 1'].marker as { color: string }).color
    );
  });
});

describe('boundary figure, compared variants', () => {
  it('puts each variant in its own panel with shared axes', () => {
    const a = snapshot({ label: 'relu', grid: grid3() });
    const b = snapshot({
      label: 'identity',
      variant: 1,
      grid: { ...grid3(), values: new Array(9).fill(0.5) }
    });
    const fig = boundaryFigure(input([a, b], xorData()));
    const maps = fig.data.filter(t => t.type === 'image');
    expect(maps.map(h => h.xaxis)).toEqual(['x', 'x2']);
    expect(maps.map(h => h.yaxis)).toEqual(['y', 'y2']);
    expect(fig.layout.xaxis2).toMatchObject({ matches: 'x', anchor: 'y2' });
    expect(fig.layout.yaxis2).toMatchObject({ matches: 'y', anchor: 'x2' });
    const [d1, d2] = [
      fig.layout.xaxis as { domain: number[] },
      fig.layout.xaxis2 as { domain: number[] }
    ];
    expect(d1.domain[1]).toBeLessThan(d2.domain[0]);
    expect((fig.layout.annotations ?? []).map(n => n.text)).toEqual(
      expect.arrayContaining(['relu', 'identity'])
    );
  });

  it('leaves the legend the same room at rest as while training: a picture is no entry', () => {
    const a = snapshot({ label: 'a rectified linear unit', grid: grid3() });
    const b = snapshot({ label: 'the identity function', variant: 1, grid: grid3() });
    const [rest, live] = [false, true].map(l =>
      boundaryFigure(input([a, b], xorData(), { width: 320, live: l }))
    );
    expect(rest.data.some(t => t.type === 'image')).toBe(true);
    expect(live.data.some(t => t.type === 'image')).toBe(false);
    expect(rest.layout.height).toBe(live.layout.height);
    expect(rest.layout.margin).toEqual(live.layout.margin);
  });
});

describe('boundary figure, a surface without a boundary', () => {
  /** The note's text with its no-break spaces as plain ones. */
  const plain = (text: unknown) => String(text).replace(/\u00a0/g, ' ');
  // A linear network trained on XOR: P(class 1) within 1e-12 of 0.5 over the whole plane.
  const flat = Array.from({ length: 9 }, (_, k) => 0.5 - 1e-12 * (k + 1));

  it('says what a one-valued surface is, and that it has no boundary', () => {
    expect(plain(noBoundaryNote(flat, false))).toBe('P(class 1) ≈ 0.50 everywhere<br>no boundary');
    expect(plain(noBoundaryNote(new Array(9).fill(0.3), false))).toBe(
      'P(class 1) ≈ 0.30 everywhere<br>no boundary'
    );
    // Flat, but crossing 0.5: the curve is drawn, and the note says how little it means.
    const straddling = [0.497, 0.499, 0.501, 0.503];
    expect(plain(noBoundaryNote(straddling, true))).toBe('P(class 1) ≈ 0.50 everywhere');
  });

  it('says on which side of 0.5 a surface that never crosses it lies', () => {
    expect(noBoundaryNote([0.1, 0.2, 0.45], false)).toBe(
      'P(class 1) below 0.5 everywhere<br>no boundary'
    );
    expect(noBoundaryNote([0.55, 0.7, 0.99], false)).toBe(
      'P(class 1) above 0.5 everywhere<br>no boundary'
    );
  });

  it('says nothing where the colours and the curve tell it, or nothing is known', () => {
    expect(noBoundaryNote([0.1, 0.9], true)).toBeNull();
    expect(noBoundaryNote([NaN, Infinity], false)).toBeNull();
    expect(noBoundaryNote([], false)).toBeNull();
    // Non-finite cells are left out of the spread.
    expect(plain(noBoundaryNote([0.2, NaN, 0.2], false))).toBe(
      'P(class 1) ≈ 0.20 everywhere<br>no boundary'
    );
  });

  it('notes it in the middle of the bottom of that panel only, in its data coordinates', () => {
    const a = snapshot({ label: 'relu', grid: grid3() });
    const b = snapshot({ label: 'identity', variant: 1, grid: { ...grid3(), values: flat } });
    for (const live of [false, true]) {
      const fig = boundaryFigure(input([a, b], xorData(), { live }));
      const notes = (fig.layout.annotations ?? []).filter(n => /everywhere/.test(String(n.text)));
      expect(notes).toHaveLength(1);
      expect(plain(notes[0].text)).toBe('P(class 1) ≈ 0.50 everywhere<br>no boundary');
      expect(notes[0]).toMatchObject({
        xref: 'x2',
        yref: 'y2',
        x: 0.5,
        y: 0.5,
        xanchor: 'center',
        yanchor: 'middle'
      });
      // On a box of the background, so that it reads over the surface.
      expect(notes[0].bgcolor).toBe(plainTheme().background);
    }
  });

  it('wraps the note to the panel, so that a narrow panel keeps its corner points in sight', () => {
    const b = snapshot({ label: 'identity', grid: { ...grid3(), values: flat } });
    const noteAt = (width: number) =>
      (boundaryFigure(input([b], xorData(), { width })).layout.annotations ?? []).find(n =>
        /everywhere/.test(String(n.text))
      )!;
    const narrow = noteAt(320);
    const lines = plain(narrow.text).split('<br>');
    expect(lines).toEqual(['P(class 1) ≈ 0.50', 'everywhere', 'no boundary']);
    const fontSize = (narrow.font as { size: number }).size;
    // XOR's points sit at an eighth of the panel from its sides: the longest line, at
    // 0.6 em a character, ends well inside them.
    const fig = boundaryFigure(input([b], xorData(), { width: 320 }));
    const margin = fig.layout.margin as { l: number; r: number };
    const panelPx = Math.min(320 - margin.l - margin.r, Number(fig.layout.height));
    const longest = Math.max(...lines.map(l => l.length)) * fontSize * 0.6;
    expect(longest).toBeLessThan(panelPx * 0.75);
    expect(plain(noteAt(1100).text)).toBe('P(class 1) ≈ 0.50 everywhere<br>no boundary');
  });

  it('is left out of several-class and regression surfaces', () => {
    const many = boundaryFigure(
      input([snapshot({ grid: { ...grid3(), values: new Array(9).fill(1) } })], {
        ...xorData(),
        y: [0, 1, 2, 1],
        nClasses: 3
      })
    );
    const regression = boundaryFigure(
      input([snapshot({ grid: { ...grid3(), values: new Array(9).fill(0.5) } })], {
        ...xorData(),
        task: 'regression',
        nClasses: 0
      })
    );
    for (const fig of [many, regression]) {
      expect((fig.layout.annotations ?? []).some(n => /everywhere/.test(String(n.text)))).toBe(
        false
      );
    }
  });
});

describe('boundary figure, panel size', () => {
  const a = snapshot({ label: 'relu', grid: grid3() });
  const b = snapshot({ label: 'identity', variant: 1, grid: grid3() });
  /** A panel's plotting area in pixels, from the figure's width, margins and domains. */
  const area = (fig: ReturnType<typeof boundaryFigure>, width: number, k = '') => {
    const margin = fig.layout.margin as { l: number; r: number; t: number; b: number };
    const x = (fig.layout[`xaxis${k}`] as { domain: number[] }).domain;
    const y = (fig.layout[`yaxis${k}`] as { domain: number[] }).domain;
    const plotHeight = (fig.layout.height as number) - margin.t - margin.b;
    return {
      across: (width - margin.l - margin.r) * (x[1] - x[0]),
      up: plotHeight * (y[1] - y[0])
    };
  };

  it('makes rows no taller than square data in a narrow panel needs: no empty bands', () => {
    // At 320 px the two panels stack, each about 190 px wide; a 300 px row would leave
    // about 110 px of empty band above and below the square plane.
    const fig = boundaryFigure(input([a, b], xorData(), { width: 320 }));
    for (const k of ['', '2']) {
      const { across, up } = area(fig, 320, k);
      expect(Math.abs(up - across)).toBeLessThanOrEqual(1);
    }
    // Stacked, each row's panel has its own labels on the shared y axis.
    expect(fig.layout.yaxis).toMatchObject({ showticklabels: true });
    expect(fig.layout.yaxis2).toMatchObject({ showticklabels: true });
  });

  it('gives data wider than high a flatter row, and wide outputs the full 300 px', () => {
    // Twice as wide as high: at 700 px one panel about 550 px wide needs a row of about 275.
    const wide: DataSummary = {
      ...xorData(),
      domain: [
        [-2, 2],
        [-1, 1]
      ]
    };
    const fig = boundaryFigure(input([a], wide, { width: 700 }));
    const { across, up } = area(fig, 700);
    expect(Math.abs(up - across / 2)).toBeLessThanOrEqual(1);
    // Side by side at 1600 px, the panels are wider than 300 px: the row keeps its height
    // (Plotly narrows the square plane in its slot instead).
    const side = boundaryFigure(input([a, b], xorData(), { width: 1600 }));
    expect(area(side, 1600).up).toBeCloseTo(300, 0);
    expect(side.layout.yaxis2).toMatchObject({ showticklabels: false });
    // Compared side by side, flat data keeps the full row (a short plot under a two-row
    // legend lets Plotly draw that legend over the panel titles).
    expect(area(boundaryFigure(input([a, b], wide, { width: 700 })), 700).up).toBeCloseTo(300, 0);
    // Without a known width, the default height.
    expect(area(boundaryFigure(input([a], wide)), 640).up).toBeCloseTo(300, 0);
  });
});

describe('boundary figure, the x axis title', () => {
  const title = (axis: unknown) => (axis as { title?: { text: string } }).title?.text;
  const pair = [
    snapshot({ label: 'relu', grid: grid3() }),
    snapshot({ label: 'identity', variant: 1, grid: grid3() })
  ];

  it('sits under the bottom panel when the panels stack, not between them', () => {
    const fig = boundaryFigure(input(pair, xorData(), { width: 320 }));
    expect(fig.layout.yaxis2).toMatchObject({ anchor: 'x2' });
    const [upper, lower] = [fig.layout.yaxis, fig.layout.yaxis2] as { domain: number[] }[];
    expect(lower.domain[1]).toBeLessThan(upper.domain[0]);
    expect(title(fig.layout.xaxis)).toBeUndefined();
    expect(title(fig.layout.xaxis2)).toBe('x₁');
  });

  it('sits under the first panel when the panels are side by side', () => {
    const fig = boundaryFigure(input(pair, xorData(), { width: 1100 }));
    expect(title(fig.layout.xaxis)).toBe('x₁');
    expect(title(fig.layout.xaxis2)).toBeUndefined();
  });
});

describe('boundary figure, several classes', () => {
  it('maps the predicted class to one discrete colour per class', () => {
    const data: DataSummary = {
      ...xorData(),
      y: [0, 1, 2, 1],
      nClasses: 3
    };
    const values = [0, 1, 2, 2, 1, 0, 0, 0, 1];
    const fig = boundaryFigure(
      input([snapshot({ nClasses: 3, grid: { ...grid3(), values } })], data)
    );
    const axis = fig.layout.coloraxis as {
      cmin: number;
      cmax: number;
      colorscale: [number, string][];
    };
    expect(axis.cmin).toBe(-0.5);
    expect(axis.cmax).toBe(2.5);
    // Flat bands: each class's colour appears at both ends of its third of the scale.
    const scale = axis.colorscale;
    expect(scale).toHaveLength(6);
    for (let k = 0; k < 3; k++) {
      expect(scale[2 * k][0]).toBeCloseTo(k / 3);
      expect(scale[2 * k + 1][0]).toBeCloseTo((k + 1) / 3);
      expect(scale[2 * k][1]).toBe(scale[2 * k + 1][1]);
    }
    expect(new Set(scale.map(s => s[1])).size).toBe(3);
    const [h] = heatmaps(fig.data);
    expect(h.zsmooth).toBe(false);
    expect(arr<number[]>(h.z)[1]).toEqual([2, 1, 0]);
    expect(fig.data.some(t => t.name === 'P = 0.5')).toBe(false);
  });
});

describe('boundary figure, 1-D regression', () => {
  it('draws the fitted curve over the data points', () => {
    const data: DataSummary = {
      x: [[-1], [0], [1]],
      y: [1, 0, 1],
      train: [0, 1, 2],
      test: [],
      task: 'regression',
      nClasses: 0,
      inputDim: 1,
      domain: [[-1, 1]]
    };
    const g = { n: 5, x: [-1, -0.5, 0, 0.5, 1], y: [], values: [0.9, 0.3, 0.1, 0.3, 0.9] };
    const fig = boundaryFigure(input([snapshot({ task: 'regression', grid: g })], data));
    const curve = fig.data.find(t => t.mode === 'lines')!;
    expect(arr(curve.x)).toEqual(g.x);
    expect(arr(curve.y)).toEqual(g.values);
    const points = fig.data.find(t => t.mode === 'markers')!;
    expect(arr(points.x)).toEqual([-1, 0, 1]);
    expect(arr(points.y)).toEqual([1, 0, 1]);
    expect(fig.data.some(t => t.type === 'heatmap')).toBe(false);
  });
});

describe('boundary figure without a picture', () => {
  it('explains that inputs wider than 2 have no decision-surface view', () => {
    const data: DataSummary = {
      ...xorData(),
      inputDim: 3,
      x: [[0, 0, 0]],
      y: [0],
      train: [0],
      domain: []
    };
    const fig = boundaryFigure(input([snapshot()], data));
    expect(fig.data).toHaveLength(0);
    expect(fig.layout.annotations![0].text).toMatch(/2-D/);
  });
});

describe('points shared by both splits', () => {
  it('are drawn once, as training points', () => {
    // The logic gates use their four points for training and testing alike.
    const data: DataSummary = { ...xorData(), test: [0, 1, 2, 3] };
    const fig = boundaryFigure(input([snapshot({ grid: grid3() })], data));
    const names = fig.data
      .filter(t => t.type === 'scatter' && t.name !== 'P = 0.5')
      .map(t => t.name);
    expect(names).toEqual(['class 0', 'class 1']);
  });
});

describe('boundary figure, contrast under a dark theme', () => {
  it('rings filled points in a light colour, so they stand out on the dark tints', () => {
    const data = xorData();
    const light = boundaryFigure(input([snapshot()], data));
    const dark = boundaryFigure(
      input([snapshot()], data, { theme: { ...input([], data).theme, dark: true } })
    );
    const ring = (traces: Trace[]) =>
      traces
        .filter(t => t.mode === 'markers' && (t.marker as any)?.symbol === 'circle')
        .map(t => (t.marker as any).line.color);
    expect(ring(dark.data).length).toBeGreaterThan(0);
    expect(ring(dark.data).every(c => /255, 255, 255/.test(c))).toBe(true);
    expect(ring(light.data).every(c => !/255, 255, 255/.test(c))).toBe(true);
  });
});

describe('boundary figure with many grid cells', () => {
  // Five panels of a 100 x 100 grid: 50,000 cells, over SURFACE_PICTURE_FROM.
  const n = 100;
  const coords = Array.from({ length: n }, (_, i) => -0.5 + (2 * i) / (n - 1));
  // P rises with x1 (to 0.5) and with x2 (to 0.5 more): row iy, column ix at k = iy * n + ix.
  const values = Array.from(
    { length: n * n },
    (_, k) => (0.5 * (k % n)) / (n - 1) + (0.5 * Math.floor(k / n)) / (n - 1)
  );
  const grid = { n, x: coords, y: coords, values };
  const snaps = Array.from({ length: 5 }, (_, v) => snapshot({ variant: v, label: `v${v}`, grid }));
  const fig = boundaryFigure(input(snaps, xorData(), { width: 1000 }));

  it('draws each surface as a picture of the grid, its first row at the lowest x2', () => {
    expect(5 * n * n).toBeGreaterThanOrEqual(SURFACE_PICTURE_FROM);
    const pictures = fig.data.filter(t => t.type === 'image');
    expect(pictures).toHaveLength(5);
    expect(heatmaps(fig.data).filter(t => t.name !== 'coloraxis')).toHaveLength(0);
    const [first] = pictures;
    expect(first).toMatchObject({ x0: -0.5, y0: -0.5, xaxis: 'x', yaxis: 'y' });
    expect(first.dx as number).toBeCloseTo(2 / (n - 1), 12);
    const png = decodePng(first.source as string);
    expect([png.width, png.height]).toEqual([n, n]);
    // On the scale from 0 to 1, the picture's first row is the grid's first (lowest x2): an
    // image's rows go up an axis that goes up.
    for (const [r, c] of [
      [0, 0],
      [0, n - 1],
      [n - 1, 0],
      [40, 70]
    ]) {
      expect(png.pixels[r][c]).toBe(levelOf(values[r * n + c], 0, 1));
    }
    expect(png.pixels[0][0]).not.toBe(png.pixels[n - 1][0]);
    // Hover: the value under the cursor, z[iy][ix] as the heatmap had it.
    expect((first.customdata as number[][])[3][7]).toBeCloseTo(values[3 * n + 7], 12);
  });

  it('keeps the colour bar on one cell of the colour axis, outside the panels', () => {
    const bar = heatmaps(fig.data).filter(t => t.name === 'coloraxis');
    expect(bar).toHaveLength(1);
    expect(bar[0].coloraxis).toBe('coloraxis');
    expect(bar[0].x0 as number).toBeLessThan(-0.5);
    expect(fig.layout.coloraxis).toMatchObject({ cmin: 0, cmax: 1, showscale: true });
  });
});
