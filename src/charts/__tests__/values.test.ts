/**
 * The values view prints a layer number for number as NumPy does: the classic first
 * forward pass (weights 0.1 * np.random.randn(3, 4), two input rows, ReLU) through the spec
 * path with epochs 0, against python3 running the same lines with NumPy.
 */
import { spawnSync } from 'child_process';

import { resolveVariants, validateSpec } from '../../core/spec';
import { Trainer } from '../../core/trainer';
import { numpyNumber, valuesFigure } from '../values';
import { input, xorData } from './fixtures';

const X = [
  [1.0, 2.0, 3.0],
  [-1.5, 2.7, 0.3]
];

const SPEC = {
  data: { name: 'custom', x: X },
  network: { layers: [3, 4], output: 'relu', init: 'normal', initScale: 0.1 },
  training: { epochs: 0, seed: 0, rng: 'numpy' },
  views: ['values']
};

/** What NumPy prints for Z and A, as lists of number tokens. */
function numpyPrints(): { Z: string[]; A: string[] } {
  const script = `
import json, numpy as np
np.set_printoptions(precision=4, suppress=True)
np.random.seed(0)
X = np.array(${JSON.stringify(X)})
W = 0.1 * np.random.randn(3, 4)
b = np.zeros(4)
Z = X @ W + b
A = np.maximum(0, Z)
tokens = lambda a: str(a).replace("[", " ").replace("]", " ").split()
print(json.dumps({"Z": tokens(Z), "A": tokens(A)}))
`;
  const result = spawnSync('python3', ['-c', script], { encoding: 'utf-8' });
  if (result.status !== 0) {
    throw new Error(result.stderr);
  }
  return JSON.parse(result.stdout);
}

describe('values view', () => {
  it('accepts a forward pass alone: epochs 0, no targets, a relu output layer', () => {
    const result = validateSpec(SPEC);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('prints Z and A as NumPy does, and marks the entries ReLU changed', () => {
    const result = validateSpec(SPEC);
    if (!result.ok) {
      throw new Error(JSON.stringify(result.errors));
    }
    const trainer = new Trainer(resolveVariants(result.spec)[0]);
    expect(trainer.done).toBe(true);
    const snapshot = trainer.snapshot({ values: true });
    const figure = valuesFigure(input([snapshot], xorData()));
    const [xTable, zTable, aTable] = figure.data as unknown as {
      text: string[][];
      z: number[][];
    }[];
    expect(xTable.text).toEqual([
      ['1.', '2.', '3.'],
      ['-1.5', '2.7', '0.3']
    ]);
    const expected = numpyPrints();
    expect(zTable.text.flat()).toEqual(expected.Z);
    expect(aTable.text.flat()).toEqual(expected.A);
    // Highlighted: exactly the negative pre-activations, which ReLU set to 0.
    const zValues = snapshot.values!.layers[0].Z.flat();
    expect(aTable.z.flat()).toEqual(zValues.map(v => (v < 0 ? 1 : 0)));
    expect(zValues.some(v => v < 0) && zValues.some(v => v > 0)).toBe(true);
  });

  it('writes numbers as NumPy with precision 4', () => {
    expect(['0.04', '0.', '-0.', '-0.1235', '1.', '12.5'].join()).toBe(
      [0.04, 0, -0.00001, -0.12345678, 1, 12.5].map(numpyNumber).join()
    );
  });
});
