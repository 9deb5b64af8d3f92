import { BAND_VARIANTS, LEGEND_PER_VARIANT, lossFigure } from '../loss';
import { splitFigure } from '../split';
import { arr, input, named, snapshot, xorData } from './fixtures';
import type { Snapshot } from '../../core/types';

function history(
  train: number[],
  test: number[],
  accTrain: number[],
  accTest: number[]
): Snapshot['history'] {
  return {
    epoch: train.map((_, i) => i * 10),
    trainLoss: train,
    testLoss: test,
    trainAccuracy: accTrain,
    testAccuracy: accTest,
    gradNorms: train.map(() => [1, 1])
  };
}

describe('loss figure', () => {
  const data = { ...xorData(), train: [0, 1, 2], test: [3] };
  const a = snapshot({
    label: 'relu',
    history: history([1, 0.5, 0.25], [1.2, 0.6, NaN], [0.5, 0.75, 1], [0, 0, 1])
  });
  const b = snapshot({
    variant: 1,
    label: 'identity',
    history: history([0.7, 0.69, 0.69], [0.8, 0.8, 0.8], [0.5, 0.5, 0.5], [0, 1, 0])
  });

  it('draws one solid train and one dashed test curve per variant with the history values', () => {
    const fig = lossFigure(input([a, b], data));
    for (const [snap, label] of [
      [a, 'relu'],
      [b, 'identity']
    ] as const) {
      const train = named(fig.data, `${label} train`);
      const test = named(fig.data, `${label} test`);
      expect(train).toHaveLength(1);
      expect(test).toHaveLength(1);
      expect(arr(train[0].x)).toEqual(snap.history.epoch);
      expect(arr(train[0].y)).toEqual(snap.history.trainLoss);
      expect((train[0].line as { dash: string }).dash).toBe('solid');
      expect((test[0].line as { dash: string }).dash).toBe('dash');
      // Same colour for a variant's train and test curves, different across variants.
      expect((train[0].line as { color: string }).color).toBe(
        (test[0].line as { color: string }).color
      );
    }
    // A non-finite test loss becomes a gap (null), not a number.
    expect(arr(named(fig.data, 'relu test')[0].y)).toEqual([1.2, 0.6, null]);
    expect((named(fig.data, 'relu train')[0].line as { color: string }).color).not.toBe(
      (named(fig.data, 'identity train')[0].line as { color: string }).color
    );
  });

  it('keeps two variants of the same label apart in the legend', () => {
    const snaps = ['relu', 'relu', 'tanh'].map((label, v) =>
      snapshot({
        variant: v,
        label,
        history: history([1, 0.5, 0.25], [1.2, 0.6, 0.3], [0.5, 0.75, 1], [0, 0.5, 1])
      })
    );
    const fig = lossFigure(input(snaps, data));
    const groups = fig.data
      .filter(t => t.showlegend !== false && !String(t.legendgroup).startsWith('line style'))
      .map(t => t.legendgroup);
    expect(groups).toEqual(['variant 0', 'variant 1', 'variant 2']);
    // Each group holds one variant's curves only (its losses and accuracy; the accuracy
    // band's edges, which have no hover, are transparent).
    for (const group of groups) {
      const colors = fig.data
        .filter(t => t.legendgroup === group && t.hoverinfo !== 'skip')
        .map(t => (t.line as { color: string }).color);
      expect(new Set(colors).size).toBe(1);
    }
  });

  it('names each of many variants once in the legend, with a key to the line styles', () => {
    const labels = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu', 'swish', 'softplus', 'leaky', 'id'];
    const snaps = labels.map((label, v) =>
      snapshot({
        variant: v,
        label,
        history: history([1, 0.5 + v / 100, 0.25], [1.2, 0.6, 0.3], [0.5, 0.75, 1], [0, 0.5, 1])
      })
    );
    expect(snaps.length).toBeGreaterThanOrEqual(LEGEND_PER_VARIANT);
    const fig = lossFigure(input(snaps, data, { width: 700 }));
    const inLegend = fig.data.filter(t => t.showlegend !== false).map(t => t.name);
    expect(inLegend).toEqual([...labels, 'train loss', 'test loss', 'test accuracy']);
    // Every curve is still drawn: train, test and accuracy of each variant, with its data;
    // nine accuracy bands would cover the panel, so there are none.
    expect(labels.length).toBeGreaterThan(BAND_VARIANTS);
    const drawn = fig.data.filter(t => arr(t.y).some(v => v !== null));
    expect(drawn).toHaveLength(labels.length * 3);
    expect(fig.data.some(t => t.fill !== undefined)).toBe(false);
    // Variant 1 (tanh): its curves form one legend group.
    const tanh = fig.data.filter(
      t => t.legendgroup === 'variant 1' && (t.line as { dash?: string }).dash !== undefined
    );
    expect(tanh.map(t => (t.line as { dash: string }).dash)).toEqual(['solid', 'dash', 'dot']);
    expect(arr(tanh[0].y)).toEqual([1, 0.51, 0.25]);
    // The hover still says which variant and which curve.
    expect(tanh[1].hovertemplate).toContain('tanh test loss');
    // The key: the same dash styles, in the muted text colour, without data or hover.
    const key = fig.data.filter(t => String(t.legendgroup).startsWith('line style'));
    expect(key.map(t => (t.line as { dash: string }).dash)).toEqual(['solid', 'dash', 'dot']);
    expect(key.every(t => t.hoverinfo === 'skip' && arr(t.y).every(v => v === null))).toBe(true);
    // Two variants keep an entry per curve.
    const two = lossFigure(input(snaps.slice(0, 2), data));
    expect(two.data.filter(t => t.showlegend !== false).map(t => t.name)).toContain('tanh test');
    // A few variants keep their accuracy bands.
    expect(two.data.filter(t => t.fill === 'tonexty')).toHaveLength(2);
  });

  it('puts the test accuracy on a second axis for classification', () => {
    const fig = lossFigure(input([a], data));
    const acc = fig.data.filter(t => t.yaxis === 'y2');
    // A band (min, max) and the window's mean, whose hover data are the raw values.
    expect(acc.map(t => t.name)).toEqual([
      'test accuracy min',
      'test accuracy max',
      'test accuracy'
    ]);
    expect(arr(acc[2].customdata as number[])).toEqual([0, 0, 1]);
    // A run of three entries: a centred window of three, cut at the ends.
    expect(arr(acc[2].y)).toEqual([0, 1 / 3, 0.5]);
    expect(arr(acc[0].y)).toEqual([0, 0, 0]);
    expect(arr(acc[1].y)).toEqual([0, 1, 1]);
    expect(acc[1].fill).toBe('tonexty');
    expect(acc[0].showlegend).toBe(false);
    expect(fig.layout.yaxis2).toMatchObject({ overlaying: 'y', side: 'right' });
    // One variant: names carry no variant prefix.
    expect(named(fig.data, 'train')).toHaveLength(1);
  });

  it('gives many variants their accuracy in a panel under the loss, drawn as a piece of its own', () => {
    const labels = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu'];
    expect(labels.length).toBeGreaterThan(BAND_VARIANTS);
    const snaps = labels.map((label, v) =>
      snapshot({ ...a, variant: v, label, history: a.history })
    );
    const fig = lossFigure(input(snaps, data, { width: 700 }));
    const acc = fig.data.filter(t => t.yaxis === 'y2');
    expect(acc.map(t => t.name)).toEqual(labels.map(l => `${l} test accuracy`));
    expect(acc.every(t => t.xaxis === 'x2')).toBe(true);
    const loss = fig.layout.yaxis as { domain: number[] };
    const accuracy = fig.layout.yaxis2 as { domain: number[]; overlaying?: string };
    expect(accuracy.overlaying).toBeUndefined();
    // Under the loss panel, with a gap for the loss panel's epoch labels.
    expect(accuracy.domain[1]).toBeLessThan(loss.domain[0]);
    expect(fig.layout.xaxis2).toMatchObject({ anchor: 'y2', title: { text: 'epoch' } });
    expect((fig.layout.xaxis as { title?: unknown }).title).toBeUndefined();
    // Cut between the panels: the legend (a piece of its own), the loss curves, the accuracy.
    const pieces = splitFigure(fig);
    expect(pieces).toHaveLength(3);
    expect(pieces.map(p => p.layout.showlegend)).toEqual([true, false, false]);
    expect(pieces[1].data.some(t => t.yaxis === 'y2')).toBe(false);
    expect(pieces[2].data.every(t => t.yaxis === 'y2')).toBe(true);
    // Four variants keep the accuracy on the loss panel, in one piece under the legend.
    const four = lossFigure(input(snaps.slice(0, 4), data, { width: 700 }));
    expect(four.layout.yaxis2).toMatchObject({ overlaying: 'y' });
    expect(splitFigure(four).map(p => p.layout.showlegend)).toEqual([true, false]);
  });

  it("draws a stuck network's alternating accuracy as a flat mean inside a band", () => {
    // Identity XOR: 25% and 75% on alternate epochs for 200 epochs.
    const n = 200;
    const acc = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.25 : 0.75));
    const loss = acc.map(() => 0.69);
    const stuck = snapshot({ history: history(loss, [], acc, []) });
    const fig = lossFigure(input([stuck], { ...data, test: [] }));
    const mean = named(fig.data, 'train accuracy')[0];
    const y = arr(mean.y) as number[];
    // Away from the ends the mean is 50% exactly; the band spans 25%..75%.
    expect(y.slice(10, -10).every(v => Math.abs(v - 0.5) < 1e-12)).toBe(true);
    expect(arr(named(fig.data, 'train accuracy min')[0].y).slice(10, -10)).toEqual(
      Array(n - 20).fill(0.25)
    );
    expect(arr(named(fig.data, 'train accuracy max')[0].y).slice(10, -10)).toEqual(
      Array(n - 20).fill(0.75)
    );
    // The raw value of each epoch is there for the hover.
    expect(arr(mean.customdata as number[])).toEqual(acc);
    expect(mean.hovertemplate).toContain('%{customdata:.1%}');
  });

  it('has no accuracy axis and no test curve for regression without a test set', () => {
    const reg = { ...data, task: 'regression' as const, train: [0, 1, 2, 3], test: [] };
    const fig = lossFigure(input([a], reg));
    expect(fig.layout.yaxis2).toBeUndefined();
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0].name).toBe('train');
  });

  it('switches to a log axis only when the loss spans more than two decades', () => {
    const narrow = lossFigure(input([a], data));
    expect((narrow.layout.yaxis as { type: string }).type).toBe('linear');
    const wide = snapshot({
      history: history([10, 1, 0.001], [10, 1, 0.01], [0, 0, 0], [0, 0, 0])
    });
    expect((lossFigure(input([wide], data)).layout.yaxis as { type: string }).type).toBe('log');
  });

  it('labels a log axis once per decade, or every few decades over a huge span', () => {
    const wide = snapshot({
      history: history([10, 1, 0.001], [10, 1, 0.01], [0, 0, 0], [0, 0, 0])
    });
    expect(lossFigure(input([wide], data)).layout.yaxis).toMatchObject({ dtick: 1 });
    // One run diverging, one fitting exactly: 10^-229 to 10^12 in one plot.
    const huge = snapshot({
      history: history([1e12, 1, 3e-230], [1e11, 1, 1e-200], [0, 0, 0], [0, 0, 0])
    });
    const fig = lossFigure(input([huge], data));
    expect(fig.layout.yaxis).toMatchObject({ type: 'log', dtick: 50 });
    // Room for "10^-250" beside the title, set here rather than by a second draw in Plotly.
    expect((fig.layout.yaxis as { automargin?: boolean }).automargin).toBeUndefined();
    const left = (fig.layout.margin as { l: number }).l;
    expect(left).toBeGreaterThan(
      (lossFigure(input([wide], data)).layout.margin as { l: number }).l
    );
  });

  it('reports a diverged run once, in its first sentence, wrapped inside the chart', () => {
    const message =
      'Training stopped at epoch 7: the loss exploded to 1.9e+7. The learning rate 10 is ' +
      'probably too high: try 0.1. The weights are back at their last finite values.';
    const bad = snapshot({ history: a.history, error: { epoch: 7, message } });
    const good = snapshot({ ...b, history: b.history });
    const fig = lossFigure(input([bad, good], data, { width: 320 }));
    const notes = (fig.layout.annotations ?? []).map(n => n.text);
    expect(notes).toHaveLength(1);
    const lines = notes[0].split('<br>');
    expect(lines.join(' ')).toBe('relu: Training stopped at epoch 7: the loss exploded to 1.9e+7');
    // Short lines: each fits the 320 px chart.
    expect(lines.every(line => line.length * 12 * 0.6 <= 320)).toBe(true);
  });

  it('draws a run that stopped after one epoch as a point, not as nothing', () => {
    const one = snapshot({ history: history([2.3], [2.4], [0.5], [0.5]) });
    const fig = lossFigure(input([one], data));
    expect(named(fig.data, 'train')[0].mode).toBe('lines+markers');
    expect(named(fig.data, 'train').length).toBe(1);
  });

  it('before training, shows each value at epoch 0 as a marker on the planned run', () => {
    // Epoch 0 alone: the untrained network's loss and accuracy, nothing to join.
    const untrained = (variant: number, label: string, totalEpochs: number) =>
      snapshot({
        variant,
        label,
        totalEpochs,
        history: { ...history([0.69], [0.71], [0.5], [0.75]), epoch: [0] }
      });
    const fig = lossFigure(input([untrained(0, 'relu', 300), untrained(1, 'tanh', 500)], data));
    const marker = (name: string) => {
      const [trace] = named(fig.data, name);
      expect(trace.mode).toBe('lines+markers');
      return (trace.marker as { symbol: string }).symbol;
    };
    // Train filled and test open (as the data's points), accuracy (of the test set) a diamond.
    expect(marker('relu train')).toBe('circle');
    expect(marker('tanh test')).toBe('circle-open');
    expect(marker('relu test accuracy')).toBe('diamond-open');
    expect(arr(named(fig.data, 'relu test accuracy')[0].y)).toEqual([0.75]);
    // The epoch axis spans the longer planned run, epoch 0 at its left edge (with room for
    // the marker): not -1 to 1 around the point.
    const range = (fig.layout.xaxis as { range: [number, number] }).range;
    expect(range[1]).toBe(500);
    expect(range[0]).toBeLessThan(0);
    expect(range[0]).toBeGreaterThan(-0.05 * 500);
    // Without a test set the accuracy is the training set's: a filled diamond.
    const trainOnly = lossFigure(input([untrained(0, 'relu', 300)], { ...data, test: [] }));
    expect((named(trainOnly.data, 'train accuracy')[0].marker as { symbol: string }).symbol).toBe(
      'diamond'
    );
    // Once a variant has trained an epoch: lines, and Plotly's autorange.
    const trained = lossFigure(input([a, untrained(1, 'tanh', 500)], data));
    expect(named(trained.data, 'relu train')[0].mode).toBe('lines');
    expect(trained.layout.xaxis).not.toHaveProperty('range');
  });

  it('gives an untrained many-variant chart the planned run on both epoch axes', () => {
    const many = Array.from({ length: BAND_VARIANTS + 1 }, (_, v) =>
      snapshot({
        variant: v,
        label: `v${v}`,
        totalEpochs: 200,
        history: { ...history([0.69], [0.7], [0.5], [0.5]), epoch: [0] }
      })
    );
    const fig = lossFigure(input(many, data));
    expect((fig.layout.xaxis as { range: number[] }).range[1]).toBe(200);
    expect((fig.layout.xaxis2 as { range: number[] }).range[1]).toBe(200);
  });

  it('thins a long run to a few hundred points per curve, keeping its ends and extremes', () => {
    const n = 20000;
    const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 100) + (i === 12345 ? 3 : 0));
    const long = snapshot({
      history: history(
        train,
        train,
        train.map(() => 0.5),
        train.map(() => 0.5)
      )
    });
    const fig = lossFigure(input([long], data));
    const curve = named(fig.data, 'train')[0];
    const x = arr(curve.x);
    const y = arr(curve.y);
    expect(x.length).toBeLessThan(1000);
    expect(x.length).toBe(y.length);
    expect(x[0]).toBe(0);
    expect(x[x.length - 1]).toBe((n - 1) * 10);
    expect(Math.max(...y)).toBe(Math.max(...train));
    expect(y[x.indexOf(12345 * 10)]).toBe(train[12345]);
  });
});
