import { gradientsFigure } from '../gradients';
import { neuronsFigure } from '../neurons';
import { LEGEND_PIECE_ENTRIES, PIECE_HEIGHT, splitFigure } from '../split';
import { baseLayout, makeLegendRoom, panelGrid } from '../subplots';
import type { Annotation, Figure, Layout, Trace } from '../types';
import { weightsFigure } from '../weights';
import { gradientHistory, input, snapshot, xorData } from './fixtures';

const LABELS = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu', 'swish', 'softplus', 'leaky', 'id'];

/** Nine variants' gradient histories: a grid of nine panels that share their axes. */
function gradients(width: number): Figure {
  const snaps = LABELS.map((label, v) =>
    snapshot({
      variant: v,
      label,
      history: gradientHistory([
        [1e-3 * (v + 1), 1e-2, 1],
        [1e-5, 1e-3, 0.5 + v],
        [1e-6, 1e-4, 0.25]
      ])
    })
  );
  return gradientsFigure(input(snaps, xorData(), { width }));
}

/** Nine variants of a [2, 3, 2] network as pictures on one pair of axes in pixels. */
function weights(): Figure {
  const matrix = (rows: number, cols: number, v: number) =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => v + i - j));
  const snaps = LABELS.map((label, v) =>
    snapshot({
      variant: v,
      label,
      weights: {
        W: [matrix(2, 3, v), matrix(3, 2, -v)],
        b: [
          [0, 1, v],
          [v, 0]
        ]
      }
    })
  );
  return weightsFigure(input(snaps, xorData(), { width: 1200 }));
}

/** Every unit map of nine variants with two layers of eight units: rows of maps. */
function neurons(): Figure {
  const grid = { n: 2, x: [0, 1], y: [0, 1], values: [0, 1, 1, 0] };
  const layer = (v: number) => Array.from({ length: 8 }, (_, u) => [v, u, v + u, 1]);
  const snaps = LABELS.map((label, v) =>
    snapshot({ variant: v, label, grid, neurons: [layer(v), layer(-v)], outputs: [[0, 1, 1, 0]] })
  );
  return neuronsFigure(input(snaps, xorData(), { width: 700 }));
}

/** The figure's geometry: paper y and axis values to pixels from the top. */
function geometry(layout: Layout) {
  const height = layout.height as number;
  const margin = layout.margin as { t: number; b: number };
  const plot = height - margin.t - margin.b;
  const px = (y: number) => margin.t + (1 - y) * plot;
  const axis = (id: string) => {
    const a = layout[`yaxis${id.slice(1)}`] as { domain?: number[]; range?: number[] };
    const [d0, d1] = a.domain ?? [0, 1];
    return { top: px(d1), bottom: px(d0), range: a.range };
  };
  /** The pixel of value v on y axis `id` (its range given). */
  const value = (id: string, v: number) => {
    const { top, bottom, range } = axis(id);
    return bottom - ((v - range![0]) / (range![1] - range![0])) * (bottom - top);
  };
  return { height, px, axis, value };
}

/** The pieces' tops, in pixels from the figure's top. */
function offsets(pieces: Figure[]): number[] {
  const out: number[] = [];
  let y = 0;
  for (const p of pieces) {
    out.push(y);
    y += p.layout.height as number;
  }
  return out;
}

function yAxisIds(layout: Layout): string[] {
  return Object.keys(layout)
    .filter(k => /^yaxis\d*$/.test(k))
    .map(k => k.replace('axis', ''));
}

/** Each annotation of the figure, found once among the pieces, at the same pixel. */
function expectAnnotationsKept(fig: Figure, pieces: Figure[]): void {
  const whole = geometry(fig.layout);
  const tops = offsets(pieces);
  const found = pieces.flatMap((p, i) =>
    (p.layout.annotations ?? []).map(a => ({ a, i, g: geometry(p.layout) }))
  );
  expect(found).toHaveLength((fig.layout.annotations ?? []).length);
  for (const original of fig.layout.annotations ?? []) {
    const copies = found.filter(f => f.a.text === original.text && f.a.x === original.x);
    const matching = copies.filter(
      f => Math.abs(tops[f.i] + f.g.px(f.a.y) - whole.px(original.y)) < 0.01
    );
    expect(matching.length).toBeGreaterThanOrEqual(1);
  }
}

describe('splitting a figure into pieces', () => {
  it('leaves a figure without cuts whole', () => {
    const fig: Figure = { data: [], layout: { height: 2000 } };
    expect(splitFigure(fig)[0]).toBe(fig);
    const none = { ...fig, cuts: [] };
    expect(splitFigure(none)).toEqual([none]);
  });

  it('cuts a grid of panels between its rows, everything where it was', () => {
    const fig = gradients(1150);
    const pieces = splitFigure(fig);
    const whole = geometry(fig.layout);
    // Four panels a row at 1150 px: three rows, each a piece.
    expect(pieces).toHaveLength(3);
    const tops = offsets(pieces);
    expect(tops[2] + (pieces[2].layout.height as number)).toBeCloseTo(whole.height, 6);
    pieces.forEach((p, i) => {
      const g = geometry(p.layout);
      for (const id of yAxisIds(p.layout)) {
        // Each axis at the same pixels as in the whole figure.
        expect(tops[i] + g.axis(id).top).toBeCloseTo(whole.axis(id).top, 3);
        expect(tops[i] + g.axis(id).bottom).toBeCloseTo(whole.axis(id).bottom, 3);
      }
      if (i < pieces.length - 1) {
        expect(p.layout.height).toBeGreaterThanOrEqual(PIECE_HEIGHT);
      }
    });
    // Every axis and trace once, the traces unchanged.
    const ids = pieces.flatMap(p => yAxisIds(p.layout));
    expect(ids.sort()).toEqual(yAxisIds(fig.layout).sort());
    const traces = pieces.flatMap(p => p.data);
    expect(traces).toHaveLength(fig.data.length);
    expect(new Set(traces)).toEqual(new Set(fig.data));
    expectAnnotationsKept(fig, pieces);
    // The legend (above the first row) in the first piece only.
    expect(pieces[0].layout.showlegend).toBe(true);
    expect(pieces.slice(1).every(p => p.layout.showlegend === false)).toBe(true);
  });

  it('ties the shared axes of a piece to its first panel, which keeps the given range', () => {
    const fig = gradients(1150);
    const [, second] = splitFigure(fig);
    // Panels 5-8: x5 leads in place of x, the others follow it.
    const axes = second.layout as Record<string, { matches?: string; range?: number[] }>;
    expect(axes.xaxis5.matches).toBeUndefined();
    expect(axes.xaxis6.matches).toBe('x5');
    expect(axes.yaxis8.matches).toBe('y5');
    expect(axes.yaxis5.range).toEqual((fig.layout.yaxis as { range: number[] }).range);
  });

  it('does not cut where a shared axis leaves its range to Plotly', () => {
    const fig = gradients(1150);
    const { range: _, ...auto } = fig.layout.yaxis as Record<string, unknown>;
    const pieces = splitFigure({ ...fig, layout: { ...fig.layout, yaxis: auto } });
    expect(pieces).toHaveLength(1);
  });

  it('keeps a small figure (no cut leaves pieces tall enough) whole', () => {
    const fig = gradients(1150);
    expect(splitFigure(fig, 2000)).toEqual([fig]);
  });

  it('keeps labels and pictures with their axis, and those on the paper where they were', () => {
    // Two rows of one panel, 400 px each, cut 10 px above the second.
    const fig: Figure = {
      data: [
        { type: 'scatter', x: [0], y: [0] },
        { type: 'scatter', x: [0], y: [0], xaxis: 'x2', yaxis: 'y2' }
      ],
      layout: {
        height: 800,
        margin: { l: 40, r: 20, t: 0, b: 0 },
        xaxis: { anchor: 'y' },
        yaxis: { domain: [0.55, 1] },
        xaxis2: { anchor: 'y2' },
        yaxis2: { domain: [0, 0.45] },
        annotations: [
          { text: 'on y2', x: 0, y: 0, xref: 'x2', yref: 'y2', showarrow: false },
          { text: 'y2 domain', x: 0, y: 1, xref: 'x2 domain', yref: 'y2 domain', showarrow: false },
          { text: 'paper', x: 0, y: 0.2, xref: 'paper', yref: 'paper', showarrow: false }
        ],
        // A picture on the paper over the lower panel: 0.4 of the figure's 800 px.
        images: [
          { source: 'data:,', xref: 'paper', yref: 'paper', x: 0, y: 0.45, sizex: 1, sizey: 0.4 }
        ]
      },
      cuts: [0.45 + 10 / 800]
    };
    const [top, bottom] = splitFigure(fig);
    expect(top.layout.annotations).toEqual([]);
    expect(bottom.layout.annotations!.map(a => a.text)).toEqual(['on y2', 'y2 domain', 'paper']);
    const g = geometry(bottom.layout);
    const offset = top.layout.height as number;
    expect(offset + g.px(bottom.layout.annotations![2].y)).toBeCloseTo(
      geometry(fig.layout).px(0.2),
      2
    );
    const [image] = bottom.layout.images as { y: number; sizey: number }[];
    expect(offset + g.px(image.y)).toBeCloseTo(geometry(fig.layout).px(0.45), 2);
    // Still 320 px tall, now on a piece of 450 px.
    expect(image.sizey * (bottom.layout.height as number)).toBeCloseTo(320, 2);
    expect(top.layout.images).toEqual([]);
  });

  it('does not cut a short colour bar in two, and cuts a long one short', () => {
    // Three rows of 400 px, cut 10 px above the second and the third; a bar 300 px long
    // across the first cut, or one 1000 px long.
    const figure = (len: number, top = 250): Figure => ({
      data: [0, 1, 2].map(i => ({
        type: 'scatter' as const,
        x: [0],
        y: [0],
        xaxis: `x${i + 1}`,
        yaxis: `y${i + 1}`
      })),
      layout: {
        height: 1200,
        margin: { l: 40, r: 80, t: 0, b: 0 },
        ...Object.fromEntries(
          [0, 1, 2].flatMap(i => [
            [`xaxis${i + 1}`, { anchor: `y${i + 1}` }],
            [`yaxis${i + 1}`, { domain: [1 - (i + 1) / 3 + 0.02, 1 - i / 3] }]
          ])
        ),
        coloraxis: { colorbar: { y: 1 - top / 1200, yanchor: 'top', len: len / 1200 } }
      },
      cuts: [2 / 3 + 10 / 1200, 1 / 3 + 10 / 1200]
    });
    const short = splitFigure(figure(300));
    // Only the second cut: the bar (250-550 px) stays whole in the first piece.
    expect(short.map(p => p.layout.height)).toEqual([790, 410]);
    const bar = (p: Figure) =>
      (p.layout.coloraxis as { showscale?: boolean; colorbar: { len: number } }).colorbar;
    expect(bar(short[0]).len * 790).toBeCloseTo(300, 2);
    // The same in the smaller pieces of a picture: the bar stays whole there too.
    expect(splitFigure(figure(300), 150).map(p => p.layout.height)).toEqual([790, 410]);
    const long = splitFigure(figure(1000));
    expect(long.map(p => p.layout.height)).toEqual([390, 400, 410]);
    // In the piece with its top, down to that piece's end.
    expect(bar(long[0]).len * 390).toBeCloseTo(140, 2);
    expect((long[1].layout.coloraxis as { showscale?: boolean }).showscale).toBe(false);
    // Its top 60 px above the end of the first piece: too little there, so it starts at the
    // top of the second piece and fills it.
    const late = splitFigure(figure(1000, 330));
    expect((late[0].layout.coloraxis as { showscale?: boolean }).showscale).toBe(false);
    expect((late[1].layout.coloraxis as { showscale?: boolean }).showscale).not.toBe(false);
    expect(bar(late[1]).len).toBeCloseTo(1, 6);
    expect((late[1].layout.coloraxis as { colorbar: { y: number } }).colorbar.y).toBeCloseTo(1, 6);
  });

  it('cuts a wall of pictures on one pair of axes into parts of its range', () => {
    const fig = weights();
    const pieces = splitFigure(fig);
    expect(pieces.length).toBeGreaterThan(2);
    const whole = geometry(fig.layout);
    const tops = offsets(pieces);
    // Every picture in exactly one piece, at the same pixel as in the whole.
    const pictures = fig.data.filter(t => t.type === 'image');
    const placed = pieces.flatMap((p, i) =>
      p.data.filter(t => t.type === 'image').map(t => ({ t, i, g: geometry(p.layout) }))
    );
    expect(placed.map(p => p.t)).toEqual(pictures);
    for (const { t, i, g } of placed) {
      const y0 = t.y0 as number;
      expect(tops[i] + g.value('y', y0)).toBeCloseTo(whole.value('y', y0), 3);
      expect(g.value('y', y0)).toBeGreaterThanOrEqual(0);
      expect(g.value('y', y0)).toBeLessThan(pieces[i].layout.height as number);
    }
    // The labels (one text trace) shared out point by point, each at its pixel.
    const text = (t: Trace) => t.mode === 'text';
    const original = fig.data.find(text)!;
    const shared = pieces.map(p => p.data.find(text));
    const points = shared.flatMap((t, i) =>
      t
        ? Array.from(t.y as ArrayLike<number>, (y, k) => ({
            label: (t.text as string[])[k],
            at: tops[i] + geometry(pieces[i].layout).value('y', y)
          }))
        : []
    );
    expect(points.map(p => p.label)).toEqual(original.text);
    Array.from(original.y as ArrayLike<number>).forEach((y, k) => {
      expect(points[k].at).toBeCloseTo(whole.value('y', y), 3);
    });
  });

  it('keeps the breaks of a line on an axis cut with the pieces', () => {
    const fig = weights();
    const [a, b] = (fig.layout.yaxis as { range: number[] }).range;
    const at = (f: number) => a + f * (b - a);
    // Two strokes near the bottom of the range and one near the top, apart; one that goes
    // up to the top and comes back; one broken by a NaN.
    const line: Trace = {
      type: 'scatter',
      mode: 'lines',
      name: 'strokes',
      x: [0, 1, null, 2, 3, null, 4, 5, null, 6, 7, 8, null, 9, 10, 11],
      y: [
        at(0.01),
        at(0.02),
        null,
        at(0.03),
        at(0.04),
        null,
        at(0.97),
        at(0.98),
        null,
        at(0.05),
        at(0.99),
        at(0.06),
        null,
        at(0.07),
        NaN,
        at(0.08)
      ]
    };
    const pieces = splitFigure({ ...fig, data: [...fig.data, line] });
    const parts = pieces
      .map(p => p.data.find(t => t.name === 'strokes'))
      .filter((t): t is Trace => t !== undefined);
    expect(parts.length).toBeGreaterThan(1);
    // Every stroke in one piece, whole, and never joined to another.
    const strokes = parts.flatMap(t =>
      Array.from(t.x as ArrayLike<number | null>)
        .map(x => (x === null ? '|' : String(x)))
        .join(' ')
        .split('|')
        .map(part => part.trim())
        .filter(part => part !== '')
    );
    expect(strokes.sort()).toEqual(['0 1', '11', '2 3', '4 5', '6', '7', '8', '9']);
  });

  it('shows a colour bar in one piece, from the same pixel down', () => {
    const fig = weights();
    const pieces = splitFigure(fig);
    const shown = pieces.filter(
      p => (p.layout.coloraxis as { showscale?: boolean }).showscale !== false
    );
    expect(shown).toHaveLength(1);
    const bar = (shown[0].layout.coloraxis as { colorbar: Record<string, number | string> })
      .colorbar;
    const original = (fig.layout.coloraxis as { colorbar: Record<string, number> }).colorbar;
    const whole = geometry(fig.layout);
    const plot = (fig.layout.height as number) - 0;
    const top = whole.px(original.y) - (original.len * plot) / 2;
    expect(bar.yanchor).toBe('top');
    expect(geometry(shown[0].layout).px(bar.y as number)).toBeCloseTo(top, 3);
    // Its cell (the trace it hangs on) is in that piece too.
    expect(shown[0].data.some(t => t.coloraxis === 'coloraxis' && t.type === 'heatmap')).toBe(true);
  });

  it('puts the cell of every colour bar in the piece that shows the bar', () => {
    // The unit maps' two bars: the hidden units' at the top, the outputs' lower down; both
    // cells sit at the top of the figure.
    const fig = neurons();
    const pieces = splitFigure(fig);
    for (const key of ['coloraxis', 'coloraxis2']) {
      const shown = pieces.filter(
        p => (p.layout[key] as { showscale?: boolean }).showscale !== false
      );
      expect(shown).toHaveLength(1);
      expect(shown[0].data.some(t => t.coloraxis === key && t.type === 'heatmap')).toBe(true);
    }
    // The outputs' bar is not in the first piece.
    expect((pieces[0].layout.coloraxis2 as { showscale?: boolean }).showscale).toBe(false);
  });

  it('cuts rows of unit maps above their titles, each map and title kept', () => {
    const fig = neurons();
    const pieces = splitFigure(fig);
    expect(pieces.length).toBeGreaterThan(2);
    const maps = (f: Figure) => f.data.filter(t => t.type === 'image');
    expect(pieces.flatMap(maps)).toEqual(maps(fig));
    expectAnnotationsKept(fig, pieces);
    // Each layer's title in the piece of its first row of maps.
    pieces.forEach(p => {
      const g = geometry(p.layout);
      const rows = maps(p).map(t => g.value('y', t.y0 as number));
      for (const a of p.layout.annotations as Annotation[]) {
        expect(rows.some(y => y > g.px(a.y))).toBe(true);
      }
    });
  });

  describe('a legend of many entries', () => {
    /** One panel under a legend of `n` curves (two traces each, one entry). */
    const legendFigure = (n: number, annotations: Annotation[] = []): Figure => {
      const grid = panelGrid({ rows: 1, cols: 1, rowHeight: 260 });
      const layout = baseLayout(grid, 'test', false);
      const data: Trace[] = [];
      for (let i = 0; i < n; i++) {
        const style = { line: { color: `#00000${i}`, dash: 'solid' } };
        data.push({
          type: 'scatter',
          name: `curve ${i}`,
          legendgroup: `g${i}`,
          x: [0, 1],
          y: [i, i],
          ...style
        });
        data.push({
          type: 'scatter',
          name: `curve ${i}'`,
          legendgroup: `g${i}`,
          showlegend: false,
          x: [0, 1],
          y: [1, i],
          ...style
        });
      }
      makeLegendRoom(layout, data, 600, 12);
      layout.annotations = annotations;
      return { data, layout };
    };

    it('is a piece of its own, above the panels, with one point per entry', () => {
      const fig = legendFigure(LEGEND_PIECE_ENTRIES);
      const pieces = splitFigure(fig);
      expect(pieces).toHaveLength(2);
      const [legend, body] = pieces;
      // The legend stands where it stood: its foot on the piece's foot, at the legend's y.
      const whole = geometry(fig.layout);
      const foot = whole.px((fig.layout.legend as { y: number }).y);
      // Cut at its foot, or higher so that the panels keep room above them for the top tick
      // label (0.8 em: here 10 px).
      const t = (fig.layout.margin as { t: number }).t;
      expect(legend.layout.height).toBe(Math.min(Math.round(foot), t - 10));
      expect((body.layout.margin as { t: number }).t).toBeGreaterThanOrEqual(10);
      expect(legend.layout.legend).toMatchObject({
        y: 0,
        yanchor: 'bottom',
        orientation: 'h',
        x: 0
      });
      expect(legend.layout.margin).toMatchObject({
        t: 0,
        b: 0,
        l: (fig.layout.margin as { l: number }).l
      });
      expect(legend.layout.xaxis).toMatchObject({ visible: false });
      expect(legend.layout.yaxis).toMatchObject({ visible: false });
      expect(legend.data.map(t => t.name)).toEqual(
        fig.data.filter(t => t.showlegend !== false).map(t => t.name)
      );
      expect(legend.data.every(t => t.x?.length === 1 && t.y?.[0] === null)).toBe(true);
      expect(legend.data.map(t => t.line)).toEqual(
        fig.data.filter(t => t.showlegend !== false).map(t => t.line)
      );
      // The panels under it, where they were, without a legend.
      expect(body.layout.showlegend).toBe(false);
      expect(body.layout.legend).toBeUndefined();
      expect((legend.layout.height as number) + (body.layout.height as number)).toBe(
        fig.layout.height
      );
      const under = geometry(body.layout);
      expect((legend.layout.height as number) + under.px(1)).toBeCloseTo(whole.px(1), 9);
      expect((legend.layout.height as number) + under.px(0)).toBeCloseTo(whole.px(0), 9);
      expect(body.data).toEqual(fig.data);
    });

    it('gives Plotly the same point arrays at every build, so an unchanged legend is not drawn again', () => {
      const first = splitFigure(legendFigure(8))[0];
      const second = splitFigure(legendFigure(8))[0];
      second.data.forEach((t, i) => {
        expect(t.x).toBe(first.data[i].x);
        expect(t.y).toBe(first.data[i].y);
      });
    });

    it('keeps a short legend, or one with text beside it, with the panels', () => {
      expect(splitFigure(legendFigure(LEGEND_PIECE_ENTRIES - 1))).toHaveLength(1);
      const note: Annotation = {
        text: 'note',
        x: 0,
        y: 1.05,
        xref: 'paper',
        yref: 'paper',
        showarrow: false
      };
      expect(splitFigure(legendFigure(8, [note]))).toHaveLength(1);
      // Text under the legend's foot (a panel title) stays with its panel.
      const title: Annotation = { ...note, y: 1.01 };
      const [, body] = splitFigure(legendFigure(8, [title]));
      expect(body.layout.annotations).toEqual([title]);
      // A figure title, a shape or a picture in the band, or a colour bar reaching into it.
      const withLayout = (extra: Layout) => {
        const fig = legendFigure(8);
        return { ...fig, layout: { ...fig.layout, ...extra } };
      };
      expect(splitFigure(withLayout({ title: { text: 'title' } }))).toHaveLength(1);
      const shape = { type: 'line', yref: 'paper', y0: 1.05, y1: 1.05, x0: 0, x1: 1 };
      expect(splitFigure(withLayout({ shapes: [shape] }))).toHaveLength(1);
      expect(splitFigure(withLayout({ images: [{ yref: 'paper', y: 1.05 }] }))).toHaveLength(1);
      const bar = { colorbar: { y: 1.1, yanchor: 'top', len: 0.5 } };
      expect(splitFigure(withLayout({ coloraxis: bar }))).toHaveLength(1);
      // Traces that Plotly does not list (pictures) are not entries, and do not keep the
      // legend with the panels.
      const pictures = legendFigure(LEGEND_PIECE_ENTRIES);
      pictures.data.push({ type: 'image', name: 'map' }, { type: 'image', name: 'map 2' });
      const [legend] = splitFigure(pictures);
      expect(legend.legendOnly).toBe(true);
      expect(legend.data.map(t => t.name)).not.toContain('map');
    });

    it("cuts a marker's per-point colours to the first in its entry", () => {
      const fig = legendFigure(8);
      fig.data[0] = {
        ...fig.data[0],
        mode: 'markers',
        marker: { color: ['red', 'blue'], size: 4, line: { color: ['#111', '#222'] } }
      };
      const entry = splitFigure(fig)[0].data[0];
      expect(entry.marker).toEqual({ color: 'red', size: 4, line: { color: '#111' } });
      // Arrays that are not one value per point (a colour scale) are kept whole.
      const scale = [
        [0, 'red'],
        [1, 'blue']
      ];
      fig.data[1] = {
        ...fig.data[1],
        x: [0, 1, 2],
        y: [0, 1, 2],
        showlegend: true,
        marker: { colorscale: scale, color: [0, 0.5, 1] }
      };
      expect(splitFigure(fig)[0].data[1].marker).toEqual({ colorscale: scale, color: 0 });
      expect(entry.hoverinfo).toBe('skip');
    });
  });
});
