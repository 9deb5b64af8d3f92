import {
  LOG_AXIS_LABELS,
  logAxisMargin,
  logAxisTicks,
  baseLayout,
  makeLegendRoom,
  panelAxes,
  panelGrid,
  shareAxis,
  stripUndefined,
  wrappedColumns
} from '../subplots';

describe('panelGrid', () => {
  it('lays panels out row-major with disjoint domains inside the unit square', () => {
    const grid = panelGrid({ rows: 2, cols: 3, titles: true });
    expect(grid.panels.map(p => [p.row, p.col])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2]
    ]);
    expect(grid.panels.map(p => p.x)).toEqual(['x', 'x2', 'x3', 'x4', 'x5', 'x6']);
    expect(grid.panels[4].yKey).toBe('yaxis5');
    for (const p of grid.panels) {
      for (const v of [...p.xDomain, ...p.yDomain]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    // Columns do not overlap; the second row sits below the first.
    expect(grid.panels[0].xDomain[1]).toBeLessThan(grid.panels[1].xDomain[0]);
    expect(grid.panels[3].yDomain[1]).toBeLessThan(grid.panels[0].yDomain[0]);
    expect(grid.panels[0].yDomain[1]).toBe(1);
    expect(grid.panels[3].yDomain[0]).toBe(0);
  });

  it('grows the suggested height with the number of rows', () => {
    const one = panelGrid({ rows: 1, cols: 1, rowHeight: 100 });
    const three = panelGrid({ rows: 3, cols: 1, rowHeight: 100 });
    expect(three.height - one.height).toBeGreaterThanOrEqual(200);
  });
});

describe('axes and layout helpers', () => {
  const grid = panelGrid({ rows: 1, cols: 2 });

  it('anchors every axis to its partner and shares ranges with the first panel', () => {
    const axes = panelAxes(
      grid,
      p => shareAxis(p, 'x'),
      () => ({ type: 'log' })
    );
    expect(axes.xaxis).toEqual({ domain: grid.panels[0].xDomain, anchor: 'y' });
    expect(axes.xaxis2).toMatchObject({ anchor: 'y2', matches: 'x' });
    expect(axes.yaxis2).toMatchObject({ anchor: 'x2', type: 'log' });
  });

  it('has a legend only when asked for one', () => {
    expect(baseLayout(grid, 'loss', false).legend).toBeDefined();
    const compact = baseLayout(grid, 'loss', true);
    expect(compact.legend).toBeUndefined();
    expect(compact.showlegend).toBe(false);
    expect(baseLayout(grid, 'weights', false, false).legend).toBeUndefined();
  });

  it('drops undefined keys one level deep', () => {
    const layout = stripUndefined({ a: undefined, b: { c: undefined, d: 1 }, e: [undefined] });
    expect(layout).toEqual({ b: { d: 1 }, e: [undefined] });
    expect('a' in layout).toBe(false);
  });
});

describe('fitting the width', () => {
  it('keeps a row of panels side by side when the width holds them', () => {
    expect(wrappedColumns({ rows: 1, cols: 2, width: 1170 })).toBe(2);
    expect(wrappedColumns({ rows: 1, cols: 3 })).toBe(3);
  });

  it('wraps a row of panels onto more rows in a narrow output, never below one column', () => {
    expect(wrappedColumns({ rows: 1, cols: 3, width: 700 })).toBe(2);
    expect(wrappedColumns({ rows: 1, cols: 3, width: 320 })).toBe(1);
    expect(wrappedColumns({ rows: 1, cols: 3, width: 100 })).toBe(1);
    const grid = panelGrid({ rows: 1, cols: 3, width: 700 });
    // Three panels, not four: the second row holds only the third.
    expect(grid.panels.map(p => [p.row, p.col])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0]
    ]);
    expect(grid.height).toBeGreaterThan(panelGrid({ rows: 1, cols: 3 }).height);
  });

  it('does not wrap grids that already have several rows (rows and columns mean something)', () => {
    expect(wrappedColumns({ rows: 2, cols: 3, width: 320 })).toBe(3);
  });

  it('leaves more room between rows when the panels have x-axis titles', () => {
    const plain = panelGrid({ rows: 2, cols: 1 });
    const titled = panelGrid({ rows: 2, cols: 1, xTitles: true });
    expect(titled.height).toBeGreaterThan(plain.height);
  });

  it('grows the figure by the rows a horizontal legend needs at the given width', () => {
    const traces = ['relu train', 'relu test', 'identity train', 'identity test'].map(name => ({
      type: 'scatter' as const,
      name
    }));
    const wide = baseLayout(panelGrid({ rows: 1, cols: 1 }), 'loss', false);
    const narrow = baseLayout(panelGrid({ rows: 1, cols: 1 }), 'loss', false);
    const before = wide.height as number;
    makeLegendRoom(wide, traces, 1170, 12);
    makeLegendRoom(narrow, traces, 320, 12);
    expect(wide.height as number).toBeGreaterThan(before);
    // Four entries need more rows at 320 px than at 1170 px.
    expect(narrow.height as number).toBeGreaterThan(wide.height as number);
    expect((narrow.margin as { t: number }).t - (wide.margin as { t: number }).t).toBe(
      (narrow.height as number) - (wide.height as number)
    );
  });
});

describe('logAxisTicks', () => {
  const labels = (range: [number, number], step: number) =>
    Math.floor(Math.log10(range[1]) / step) - Math.ceil(Math.log10(range[0]) / step) + 1;

  it('labels 1, 2 and 5 of each decade over a short range when minor labels are asked for', () => {
    expect(logAxisTicks([0.01, 0.5], LOG_AXIS_LABELS, true)).toBe('D2');
    expect(logAxisTicks([0.01, 0.5])).toBe(1);
  });

  it('labels each decade while at most the allowed labels fit', () => {
    expect(logAxisTicks([1e-4, 10], LOG_AXIS_LABELS, true)).toBe(1);
    expect(logAxisTicks([1e-7, 1])).toBe(1);
    expect(logAxisTicks(null)).toBe(1);
  });

  it('spaces the labels by a round number of decades over a huge range', () => {
    // A run that fits exactly beside one that diverged: 10^-229 to 10^12.
    const range: [number, number] = [3e-230, 9e11];
    const step = logAxisTicks(range);
    expect(step).toBe(50);
    expect(labels(range, step as number)).toBeLessThanOrEqual(LOG_AXIS_LABELS);
    for (const [lo, hi, wanted] of [
      [1e-12, 1, 5],
      [1e-30, 1e10, 10],
      [1e-300, 1e300, 200]
    ]) {
      const s = logAxisTicks([lo, hi], 5);
      expect(s).toBe(wanted);
      expect(labels([lo, hi], s as number)).toBeLessThanOrEqual(5);
    }
  });
});

describe('logAxisMargin', () => {
  it('grows with the longest exponent of the labels and with the title', () => {
    const short = logAxisMargin([1e-5, 10], 1, 13, true);
    const long = logAxisMargin([3e-230, 9e11], 50, 13, true);
    expect(long).toBeGreaterThan(short);
    // "10" and a superscript "-250" (4 characters) at 13 px, and a title: more than the 60 px
    // the charts start with; without a title less is needed.
    expect(long).toBeGreaterThan(60);
    expect(logAxisMargin([3e-230, 9e11], 50, 13, false)).toBeLessThan(long);
    expect(logAxisMargin(null, 1, 13, true)).toBeGreaterThan(0);
  });
});
