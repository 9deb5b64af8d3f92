import { gradientsFigure } from '../gradients';
import { arr, gradientHistory, input, snapshot, xorData } from './fixtures';

describe('gradients figure', () => {
  // Layer 1 vanishes, layer 3 (the output) does not.
  const history = gradientHistory([
    [1e-3, 1e-2, 1],
    [1e-5, 1e-3, 0.5],
    [0, 1e-4, 0.25]
  ]);
  const a = snapshot({ label: 'sigmoid', history });
  const b = snapshot({ label: 'relu', variant: 1, history });

  it('draws one curve per layer with that layer column of the history', () => {
    const fig = gradientsFigure(input([a], xorData()));
    expect(fig.data.map(t => t.name)).toEqual(['layer 1', 'layer 2', 'layer 3 (output)']);
    expect(arr(fig.data[1].y)).toEqual([1e-2, 1e-3, 1e-4]);
    expect(arr(fig.data[0].x)).toEqual([0, 5, 10]);
    // An exactly zero norm cannot sit on a log axis: it is a gap.
    expect(arr(fig.data[0].y)).toEqual([1e-3, 1e-5, null]);
  });

  it("draws the untrained network's norms (epoch 0 alone) as one marker per layer", () => {
    const untrained = { ...gradientHistory([[1e-4, 1e-2, 0.3]]), epoch: [0], trainLoss: [1] };
    const fig = gradientsFigure(input([snapshot({ history: untrained })], xorData()));
    expect(fig.data.map(t => t.mode)).toEqual(['lines+markers', 'lines+markers', 'lines+markers']);
    expect(fig.data.map(t => arr(t.y)[0])).toEqual([1e-4, 1e-2, 0.3]);
    expect((fig.data[0].marker as { color: string }).color).toBe(
      (fig.data[0].line as { color: string }).color
    );
    // The epoch axis is the planned run (100 epochs in the fixture) from epoch 0 at its left.
    const range = (fig.layout.xaxis as { range: [number, number] }).range;
    expect(range[1]).toBe(100);
    expect(range[0]).toBeLessThan(0);
    expect(range[0]).toBeGreaterThan(-5);
    // Once there are two epochs, lines alone, over the epochs trained.
    expect(
      (gradientsFigure(input([a], xorData())).layout.xaxis as { range: number[] }).range
    ).toEqual([0, 10]);
    expect(gradientsFigure(input([a], xorData())).data.map(t => t.mode)).toEqual([
      'lines',
      'lines',
      'lines'
    ]);
  });

  it('uses a logarithmic y axis, shared between compared variants', () => {
    const fig = gradientsFigure(input([a, b], xorData()));
    expect(fig.layout.yaxis).toMatchObject({ type: 'log' });
    expect(fig.layout.yaxis2).toMatchObject({ type: 'log', matches: 'y' });
    // One range for all: labels on the first column only.
    expect(fig.layout.yaxis).toMatchObject({ showticklabels: true });
    expect(fig.layout.yaxis2).toMatchObject({ showticklabels: false });
    expect(fig.data.filter(t => t.xaxis === 'x2')).toHaveLength(3);
    // Layer colours agree across panels; the legend lists each layer once.
    expect(fig.data.filter(t => t.showlegend)).toHaveLength(3);
    expect(fig.data[0].line).toEqual(fig.data[3].line);
  });

  it('labels 1, 2 and 5 over a short range, fewer labels over a long one', () => {
    const short = {
      ...history,
      gradNorms: [
        [0.1, 0.2],
        [0.05, 0.3],
        [0.02, 0.4]
      ]
    };
    const fig = gradientsFigure(input([snapshot({ history: short })], xorData()));
    expect(fig.layout.yaxis).toMatchObject({ dtick: 'D2' });
    expect(gradientsFigure(input([a], xorData())).layout.yaxis).toMatchObject({ dtick: 1 });
    const exploded = {
      ...history,
      gradNorms: [
        [1e-250, 1],
        [1e-3, 1e40],
        [1, 1e100]
      ]
    };
    const wide = gradientsFigure(input([snapshot({ history: exploded })], xorData()));
    expect(wide.layout.yaxis).toMatchObject({ dtick: 50 });
  });
});
