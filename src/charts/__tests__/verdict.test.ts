import { Trainer } from '../../core/trainer';
import { toSummary } from '../../core/datasets';
import { makeVariant } from '../../core/__tests__/variantFixture';
import type { ActivationName, DataSummary, Snapshot } from '../../core/types';
import { boundaryFigure } from '../boundary';
import { hiddenFigure } from '../hidden';
import { DARK_FALLBACK } from '../theme';
import type { ChartTheme, Figure, Trace } from '../types';
import { SEPARATOR_NAME, verdictText, wrapText } from '../verdict';
import { arr, input, plainTheme, snapshot, variant, xorData } from './fixtures';

const OPTIONS = { grid: 8, hidden: true, weights: true, separation: { input: true, hidden: true } };

/** A trained (or untrained) XOR network's snapshot and data, from the core itself. */
function trained(
  activation: ActivationName,
  epochs: number,
  layers = [2, 2, 1],
  data: 'xor' | 'and' = 'xor'
): { snap: Snapshot; data: DataSummary } {
  const t = new Trainer(
    makeVariant({
      data: { name: data },
      network: { layers, activation, activations: [activation], init: 'he' },
      training: { seed: 5, epochs: 400 }
    })
  );
  t.runEpochs(epochs);
  return { snap: t.snapshot(OPTIONS), data: toSummary(t.dataset) };
}

/** The verdict sentence on a figure (line breaks undone), or undefined. */
function verdictOf(fig: Figure): string | undefined {
  const note = (fig.layout.annotations ?? []).find(a => a.name === 'separability verdict');
  return note ? String(note.text).replace(/<br>/g, ' ') : undefined;
}

const separators = (fig: Figure): Trace[] => fig.data.filter(t => t.name === SEPARATOR_NAME);

describe('the verdict in the boundary view (input plane)', () => {
  it('XOR: no straight line, and none drawn, for identity and for trained ReLU alike', () => {
    for (const [activation, epochs] of [
      ['identity', 400],
      ['relu', 400]
    ] as const) {
      const { snap, data } = trained(activation, epochs);
      const fig = boundaryFigure(input([snap], data, { width: 700 }));
      expect(verdictOf(fig)).toBe('No straight line separates these classes');
      expect(separators(fig)).toHaveLength(0);
    }
  });

  it('AND: a straight line, drawn dashed inside the domain with the classes on its two sides', () => {
    const { snap, data } = trained('relu', 0, [2, 2, 1], 'and');
    const fig = boundaryFigure(input([snap, snap], data, { width: 1170 }));
    expect(verdictOf(fig)).toBe('A straight line separates these classes');
    // Once per compared panel, the legend entry once.
    const lines = separators(fig);
    expect(lines).toHaveLength(2);
    expect(lines.filter(l => l.showlegend)).toHaveLength(1);
    const [x0, x1] = arr(lines[0].x);
    const [y0, y1] = arr(lines[0].y);
    for (const [v, [lo, hi]] of [
      [x0, data.domain[0]],
      [x1, data.domain[0]],
      [y0, data.domain[1]],
      [y1, data.domain[1]]
    ] as const) {
      expect(v).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(v).toBeLessThanOrEqual(hi + 1e-9);
    }
    const side = ([px, py]: number[]) => Math.sign((x1 - x0) * (py - y0) - (y1 - y0) * (px - x0));
    const sides = data.x.map(side);
    expect(new Set(sides.filter((_, i) => data.y[i] === 1)).size).toBe(1);
    expect(new Set(sides.filter((_, i) => data.y[i] === 0)).size).toBe(1);
    expect(sides[3]).not.toBe(sides[0]);
    expect((lines[0].line as { dash: string }).dash).toBe('dot');
  });

  it('says nothing without a verdict, for regression, or for a 1-D input', () => {
    expect(verdictOf(boundaryFigure(input([snapshot()], xorData())))).toBeUndefined();
    const sine = new Trainer(
      makeVariant({
        data: { name: 'sine', n: 30 },
        network: {
          layers: [1, 4, 1],
          activation: 'relu',
          activations: ['relu'],
          output: 'identity'
        },
        training: { loss: 'mse' }
      })
    );
    const fig = boundaryFigure(input([sine.snapshot(OPTIONS)], toSummary(sine.dataset)));
    expect(verdictOf(fig)).toBeUndefined();
  });

  it("is a caption under the panels, hiding no point, in the theme's text colour", () => {
    const { snap, data } = trained('identity', 10);
    const dark: ChartTheme = { ...plainTheme(), ...DARK_FALLBACK, dark: true };
    const bare = boundaryFigure(input([{ ...snap, separation: undefined }], data, { width: 320 }));
    const fig = boundaryFigure(input([snap], data, { width: 320, theme: dark }));
    const note = fig.layout.annotations!.find(a => a.name === 'separability verdict')!;
    expect((note.font as { color: string }).color).toBe(DARK_FALLBACK.text);
    // Below the plotting area and the x-axis title, with the figure grown to hold it.
    expect(note.yref).toBe('paper');
    expect(note.y).toBe(0);
    expect(note.yanchor).toBe('top');
    expect(note.yshift as number).toBeLessThanOrEqual(-(bare.layout.margin as { b: number }).b);
    expect(fig.layout.height as number).toBeGreaterThan(bare.layout.height as number);
    expect((fig.layout.margin as { b: number }).b).toBeGreaterThan(
      (bare.layout.margin as { b: number }).b
    );
    // A narrow figure wraps it; a wide one keeps one line.
    const narrow = boundaryFigure(input([snap], data, { width: 200 }));
    const wide = boundaryFigure(input([snap], data, { width: 1600 }));
    const text = (f: Figure) =>
      String(f.layout.annotations!.find(a => a.name === 'separability verdict')!.text);
    expect(text(narrow)).toContain('<br>');
    expect(text(wide)).not.toContain('<br>');
    // The caption's lines add to the height (the panels' own height depends on the width).
    const captionHeight = (width: number, f: Figure) =>
      (f.layout.height as number) -
      (boundaryFigure(input([{ ...snap, separation: undefined }], data, { width })).layout
        .height as number);
    expect(captionHeight(200, narrow)).toBeGreaterThan(captionHeight(1600, wide));
    // At 320 px every line ends inside the figure (about 0.6 em per character).
    const left = (fig.layout.margin as { l: number }).l;
    for (const line of text(fig).split('<br>')) {
      expect(left + line.length * 0.6 * DARK_FALLBACK.fontSize).toBeLessThanOrEqual(320);
    }
  });
});

describe('the verdict in the hidden view', () => {
  it('identity units: no straight line in the hidden plane, before and after training', () => {
    for (const epochs of [0, 400]) {
      const { snap, data } = trained('identity', epochs);
      const fig = hiddenFigure(
        input([snap], data, { variants: [variant('sigmoid', ['identity'])] })
      );
      expect(verdictOf(fig)).toBe('No straight line separates these classes');
      expect(separators(fig)).toHaveLength(0);
    }
  });

  it('ReLU units: not separable untrained, separable once the network has learned XOR', () => {
    const before = trained('relu', 0);
    const after = trained('relu', 400);
    const v = { variants: [variant('sigmoid', ['relu'])] };
    expect(verdictOf(hiddenFigure(input([before.snap], before.data, v)))).toBe(
      'No straight line separates these classes'
    );
    const fig = hiddenFigure(input([after.snap], after.data, v));
    expect(verdictOf(fig)).toBe('A straight line separates these classes');
    // The proof is the output layer's own line here: drawn once, as the output boundary.
    expect(fig.data.filter(t => t.name === 'output boundary')).toHaveLength(1);
    expect(separators(fig)).toHaveLength(0);
  });

  it('draws the separating line the test found when the output line is not it', () => {
    const { snap, data } = trained('relu', 0);
    const h = snap.hidden![0].points;
    // Pretend the test found h1 - h2 = t separating: draw it, and check it against the points.
    const fake: Snapshot = {
      ...snap,
      separation: {
        hidden: {
          dim: 2,
          points: h.length,
          layer: 1,
          epoch: snap.epoch,
          classes: [{ separable: true, w: [1, -1], b: -0.25 }]
        }
      }
    };
    const fig = hiddenFigure(input([fake], data, { variants: [variant('sigmoid')] }));
    expect(verdictOf(fig)).toBe('A straight line separates these classes');
    const [line] = separators(fig);
    const xs = arr(line.x);
    const ys = arr(line.y);
    expect(xs[0] - ys[0]).toBeCloseTo(0.25, 9);
    expect(xs[1] - ys[1]).toBeCloseTo(0.25, 9);
  });

  it('wider layers: the verdict names the plane and the dimension; a stale one its epoch', () => {
    const { snap, data } = trained('identity', 50, [2, 8, 1]);
    const fig = hiddenFigure(input([snap], data, { variants: [variant('sigmoid', ['identity'])] }));
    // Identity units keep the points in a plane: the verdict is that plane's.
    expect(snap.separation!.hidden!.span).toBe(2);
    expect(verdictOf(fig)).toBe(
      'No straight line separates these classes (the 8 units only span a plane)'
    );
    expect(separators(fig)).toHaveLength(0);
    const stale = { ...snap, epoch: 60 };
    expect(verdictOf(hiddenFigure(input([stale], data)))).toBe(
      'No straight line separates these classes (the 8 units only span a plane) (epoch 50)'
    );
    // ReLU units: four points span three dimensions, and a plane of the 8-D space separates.
    const relu = trained('relu', 0, [2, 8, 1]);
    expect(verdictOf(hiddenFigure(input([relu.snap], relu.data)))).toBe(
      'A plane separates these classes in the 8-D hidden space'
    );
  });

  it('keeps the points above the verdict, however many lines a narrow panel wraps it onto', () => {
    // The playground's default (a circle of 200 points through 16 ReLU units) and XOR
    // through 8, compared, in the side panel (about 250 px) and in wider outputs. The longest
    // sentences wrap onto three lines in a narrow panel: their boxes covered the lowest
    // points.
    const circleOf = (activation: ActivationName) => {
      const t = new Trainer(
        makeVariant({
          data: { name: 'circle', n: 200 },
          network: { layers: [2, 16, 1], activation, activations: [activation], init: 'he' },
          training: { seed: 5, epochs: 400 }
        })
      );
      t.runEpochs(100);
      return { snap: t.snapshot(OPTIONS), data: toSummary(t.dataset) };
    };
    const [relu, identity] = [circleOf('relu'), circleOf('identity')];
    const circle = { snaps: [relu.snap, identity.snap], data: relu.data };
    // And XOR through 8 units: four points, the lowest at the bottom of their range.
    const [xorRelu, xorIdentity] = [
      trained('relu', 0, [2, 8, 1]),
      trained('identity', 0, [2, 8, 1])
    ];
    const xor = { snaps: [xorRelu.snap, xorIdentity.snap], data: xorRelu.data };
    for (const [{ snaps, data }, width, compact] of [
      [circle, 250, false],
      [circle, 250, true],
      [circle, 900, false],
      [xor, 240, true],
      [xor, 320, false]
    ] as const) {
      const pair = [snaps[0], { ...snaps[1], variant: 1, label: 'identity' }];
      const fig = hiddenFigure(input(pair, data, { width, compact }));
      const margin = fig.layout.margin as { t: number; b: number };
      const plotHeight = (fig.layout.height as number) - margin.t - margin.b;
      const notes = (fig.layout.annotations ?? []).filter(a => a.name === 'separability verdict');
      expect(notes).toHaveLength(2);
      for (const note of notes) {
        const k = String(note.yref).slice(1);
        const axis = fig.layout[`yaxis${k}`] as { domain: number[]; range: number[] };
        const panelPx = plotHeight * (axis.domain[1] - axis.domain[0]);
        const lines = String(note.text).split('<br>').length;
        const size = (note.font as { size: number }).size;
        // The note's box: its lines, padding and shift above the panel's bottom edge.
        const noteTop = lines * size * 1.3 + 2 * 3 + 4;
        const points = fig.data.filter(
          t => t.yaxis === `y${k}` && t.type === 'scatter' && t.mode === 'markers'
        );
        const ys = points.flatMap(t => arr(t.y));
        expect(ys.length).toBeGreaterThan(0);
        const radius = Math.max(...points.map(t => (t.marker as { size: number }).size / 2));
        const lowest = Math.min(...ys);
        const abovePx = ((lowest - axis.range[0]) / (axis.range[1] - axis.range[0])) * panelPx;
        // The lowest marker's whole disc clears the box.
        expect(abovePx - radius).toBeGreaterThanOrEqual(noteTop);
      }
    }
  });

  it('a verdict for another layer than the one drawn is not shown', () => {
    const { snap, data } = trained('relu', 0);
    const other: Snapshot = {
      ...snap,
      separation: { hidden: { ...snap.separation!.hidden!, layer: 2 } }
    };
    expect(verdictOf(hiddenFigure(input([other], data)))).toBeUndefined();
  });
});

describe('verdictText', () => {
  const v = (dim: number, ...states: (boolean | null)[]) => ({
    dim,
    points: 10,
    classes: states.map(separable => ({ separable }))
  });

  it('words two classes by dimension', () => {
    expect(verdictText(v(1, true))).toBe('A single threshold separates these classes');
    expect(verdictText(v(2, false))).toBe('No straight line separates these classes');
    expect(verdictText(v(4, true), 'hidden space')).toBe(
      'A plane separates these classes in the 4-D hidden space'
    );
    expect(verdictText(v(2, null))).toMatch(/^Undecided/);
    expect(verdictText(undefined)).toBeNull();
  });

  it('words several classes one against the rest', () => {
    expect(verdictText(v(2, true, true, true))).toBe(
      'A straight line separates each class from the rest'
    );
    expect(verdictText(v(2, false, false, false))).toBe(
      'No straight line separates any class from the rest'
    );
    expect(verdictText(v(2, true, false, true))).toBe(
      'A straight line separates class 0, 2 from the rest; none does for class 1'
    );
  });

  it('wraps at spaces only', () => {
    expect(wrapText('No straight line separates these classes', 20)).toBe(
      'No straight line<br>separates these<br>classes'
    );
  });
});
