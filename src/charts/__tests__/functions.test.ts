import { activationsInUse, FUNCTION_RANGE, functionsFigure } from '../functions';
import { arr, input, snapshot, variant, xorData } from './fixtures';
import type { LayerStats } from '../../core/types';

const stats = (activation: LayerStats['activation']): LayerStats => ({
  layer: 1,
  activation,
  histogram: { edges: [0, 1], counts: [1] },
  deadFraction: 0,
  saturatedFraction: 0
});

describe('functions figure', () => {
  it("draws f solid and f' dashed from the lookup over [-5, 5]", () => {
    const square = { f: (x: number) => x * x, df: (x: number) => 2 * x };
    const fig = functionsFigure(
      input([snapshot({ activations: [stats('relu')] })], xorData(), {
        functions: { relu: square }
      })
    );
    expect(fig.data).toHaveLength(2);
    const [f, df] = fig.data;
    const xs = arr(f.x);
    expect(xs[0]).toBe(FUNCTION_RANGE[0]);
    expect(xs[xs.length - 1]).toBe(FUNCTION_RANGE[1]);
    expect(xs).toContain(0);
    arr(f.y).forEach((y, i) => expect(y).toBeCloseTo(xs[i] * xs[i]));
    arr(df.y).forEach((y, i) => expect(y).toBeCloseTo(2 * xs[i]));
    expect((f.line as { dash: string }).dash).toBe('solid');
    expect((df.line as { dash: string }).dash).toBe('dash');
    // One legend entry for both curves: the derivative follows its function's entry.
    expect(f.showlegend).not.toBe(false);
    expect(df.showlegend).toBe(false);
    expect(df.legendgroup).toBe(f.legendgroup);
  });

  it('uses the core activations by default', () => {
    const fig = functionsFigure(input([snapshot({ activations: [stats('relu')] })], xorData()));
    const [f, df] = fig.data;
    const xs = arr(f.x);
    const at = (x: number) => xs.findIndex(v => Math.abs(v - x) < 1e-12);
    expect(arr(f.y)[at(-1)]).toBe(0);
    expect(arr(f.y)[at(2)]).toBeCloseTo(2);
    expect(arr(df.y)[at(2)]).toBe(1);
    expect(arr(df.y)[at(-2)]).toBe(0);
  });

  it('lists each activation in use once, from the snapshots or else the variants', () => {
    const a = snapshot({ activations: [stats('tanh'), stats('relu')] });
    const b = snapshot({ activations: [stats('relu')] });
    expect(activationsInUse(input([a, b], xorData()))).toEqual(['tanh', 'relu']);
    expect(
      activationsInUse(
        input([snapshot()], xorData(), { variants: [variant('sigmoid', ['identity'])] })
      )
    ).toEqual(['identity']);
    const fig = functionsFigure(input([a, b], xorData()));
    expect(fig.data).toHaveLength(4);
  });

  it('explains when there is no activation to draw', () => {
    const fig = functionsFigure(input([snapshot()], xorData()));
    expect(fig.data).toHaveLength(0);
    expect(fig.layout.annotations).toHaveLength(1);
  });

  it('draws leaky_relu and elu with the constants of the spec', () => {
    const base = variant('sigmoid', ['leaky_relu']);
    const leaky = { ...base, network: { ...base.network, leakySlope: 0.3 } };
    const other = variant('sigmoid', ['elu']);
    const elu = { ...other, network: { ...other.network, eluAlpha: 0.5 } };
    const fig = functionsFigure(
      input([snapshot({ activations: [stats('leaky_relu'), stats('elu')] })], xorData(), {
        variants: [leaky, elu]
      })
    );
    const [leakyF, , eluF] = fig.data;
    const xs = arr(leakyF.x);
    const i = xs.findIndex(x => x < -3);
    expect(arr(leakyF.y)[i]).toBeCloseTo(0.3 * xs[i], 12);
    expect(arr(eluF.y)[i]).toBeCloseTo(0.5 * Math.expm1(xs[i]), 12);
  });
});
