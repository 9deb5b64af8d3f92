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
});
