import { weightsFigure } from '../weights';
import { arr, input, snapshot, xorData } from './fixtures';

describe('weights figure', () => {
  const W1 = [
    [1, 1],
    [1, 1]
  ];
  const W2 = [[1], [-2]];
  const fig = weightsFigure(
    input([snapshot({ weights: { W: [W1, W2], b: [[0, -1], [0]] } })], xorData())
  );

  it('draws every layer as a heatmap of W with the bias as the last row', () => {
    const maps = fig.data.filter(t => t.type === 'heatmap');
    expect(maps).toHaveLength(2);
    expect(arr(maps[0].z)).toEqual([
      [1, 1],
      [1, 1],
      [0, -1]
    ]);
    expect(arr(maps[1].z)).toEqual([[1], [-2], [0]]);
    expect(arr(maps[0].y)).toEqual(['in 1', 'in 2', 'bias']);
    expect(arr(maps[1].x)).toEqual(['1']);
  });

  it('uses one diverging colour range symmetric about zero', () => {
    const axis = fig.layout.coloraxis as { cmin: number; cmax: number };
    expect(axis.cmin).toBe(-2);
    expect(axis.cmax).toBe(2);
    expect(fig.data.every(t => t.coloraxis === 'coloraxis')).toBe(true);
  });

  it('shows the matrix with its first row on top', () => {
    expect(fig.layout.yaxis).toMatchObject({ autorange: 'reversed' });
  });

  it('keeps a 64-unit layer readable: taller rows, no gaps, thinned labels, exact hover', () => {
    const W = (nIn: number, nOut: number) =>
      Array.from({ length: nIn }, (_, i) => Array.from({ length: nOut }, (_, j) => (i - j) / 64));
    const weights = {
      W: [W(2, 64), W(64, 64), W(64, 1)],
      b: [Array(64).fill(0.1), Array(64).fill(-0.1), [0.5]]
    };
    const fig = weightsFigure(input([snapshot({ weights })], xorData(), { width: 1170 }));
    // 65 rows (64 inputs and the bias) at 6 px or more each.
    expect(fig.layout.height as number).toBeGreaterThanOrEqual(65 * 6);
    const big = fig.data[1];
    expect(big.xgap).toBe(0);
    expect(big.hovertemplate).toContain('%{z:.6g}');
    const y = fig.layout.yaxis2 as { tickvals: string[] };
    expect(y.tickvals[0]).toBe('in 1');
    expect(y.tickvals[y.tickvals.length - 1]).toBe('bias');
    // No label crowds the bias row's: the last numbered one is a whole step above it.
    const step = Number(y.tickvals[1].slice(3)) - 1;
    expect(64 - Number(y.tickvals[y.tickvals.length - 2].slice(3))).toBeGreaterThanOrEqual(step);
    expect(y.tickvals.length).toBeLessThan(30);
    const x = fig.layout.xaxis2 as { tickvals: string[] };
    expect(x.tickvals.length).toBeLessThan(20);
    // One colour scale for every panel.
    expect(fig.data.every(t => t.coloraxis === 'coloraxis')).toBe(true);
  });
});
