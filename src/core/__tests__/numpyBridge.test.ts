/**
 * The NumPy bridge: the Python helper's `Lab(...).initial_weights()` returns the very weights
 * the widget starts from.
 *
 * Each spec goes through both sides: python3 runs the helper from this source tree (so the
 * working copy is imported, not an installed one), and the core validates the spec, resolves
 * its variants and builds the trainers exactly as the widget does. The two lists of (W, b)
 * pairs must agree number for number.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { resolveVariants } from '../spec';
import { validSpec } from './support';
import { createTrainers } from '../../engine/trainers';
import type { Trainer } from '../trainer';

const ROOT = path.join(__dirname, '../../..');

/** One layer's parameters as plain lists: W is inputs x outputs, b has one entry per output. */
interface Layer {
  W: number[][];
  b: number[];
}

/** What Python answered for one spec: the layers of each requested variant, or the error it raised. */
type PythonAnswer = { layers: Layer[][] } | { error: string };

/** Run `Lab.from_spec(spec).initial_weights(variant)` in python3 for every spec and variant. */
function pythonInitialWeights(cases: Array<{ spec: object; variants: number }>): PythonAnswer[] {
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(ROOT)})
from jupyterlab_nnlab import Lab

out = []
for case in json.load(sys.stdin):
    try:
        lab = Lab.from_spec(case["spec"])
        variants = []
        for k in range(case["variants"]):
            variants.append([{"W": W.tolist(), "b": b.tolist()} for W, b in lab.initial_weights(variant=k)])
        out.append({"layers": variants})
    except Exception as e:
        out.append({"error": "{}: {}".format(type(e).__name__, e)})
print(json.dumps(out))
`;
  const result = spawnSync('python3', ['-c', script], {
    cwd: ROOT,
    env: { ...process.env, PYTHONPATH: ROOT },
    input: JSON.stringify(cases),
    encoding: 'utf-8'
  });
  if (result.status !== 0) {
    throw new Error(`python3 failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** The initial parameters of every network of a spec, as the widget's engine builds them. */
function coreInitialWeights(spec: object): Layer[][] {
  const { trainers } = createTrainers(resolveVariants(validSpec(spec)));
  return trainers.map(trainer => {
    const params = (trainer as Trainer).getInitialParams();
    return params.W.map((w, l) => ({ W: w.toArray(), b: Array.from(params.b[l]) }));
  });
}

/** The largest absolute difference between two lists of layers; Infinity when shapes differ. */
function largestDifference(a: Layer[], b: Layer[]): number {
  if (a.length !== b.length) {
    return Infinity;
  }
  let worst = 0;
  const compare = (x: number[], y: number[]): void => {
    if (x.length !== y.length) {
      worst = Infinity;
      return;
    }
    x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - y[i]))));
  };
  a.forEach((layer, l) => {
    if (layer.W.length !== b[l].W.length) {
      worst = Infinity;
      return;
    }
    layer.W.forEach((row, i) => compare(row, b[l].W[i]));
    compare(layer.b, b[l].b);
  });
  return worst;
}

const numpy = { rng: 'numpy' };

/** Specs that exercise every scheme, the default layers and init, and compared variants. */
const CASES: Array<{ name: string; spec: object }> = [
  {
    name: 'relu, He by default, seed 0',
    spec: { network: { layers: [2, 8, 1], activation: 'relu' }, training: { seed: 0, ...numpy } }
  },
  {
    name: 'tanh, Xavier by default, seed 42',
    spec: {
      data: { name: 'moons' },
      network: { layers: [2, 6, 1], activation: 'tanh' },
      training: { seed: 42, ...numpy }
    }
  },
  {
    name: 'uniform, seed 42',
    spec: {
      data: { name: 'circle' },
      network: { layers: [2, 5, 1], init: 'uniform' },
      training: { seed: 42, ...numpy }
    }
  },
  {
    name: 'three weight layers, sigmoid',
    spec: {
      network: { layers: [2, 6, 5, 1], activation: 'sigmoid' },
      training: { seed: 0, ...numpy }
    }
  },
  {
    name: 'normal, per-layer activations',
    spec: {
      network: { layers: [2, 4, 3, 1], activation: ['relu', 'tanh'], init: 'normal' },
      training: { seed: 7, ...numpy }
    }
  },
  { name: 'zeros', spec: { network: { layers: [2, 3, 1], init: 'zeros' }, training: numpy } },
  {
    name: 'normal scaled by initScale 0.01',
    spec: {
      data: { name: 'custom', x: [[1, 2, 3]], y: [0] },
      network: { layers: [3, 4, 1], init: 'normal', initScale: 0.01 },
      training: { seed: 3, ...numpy }
    }
  },
  {
    name: 'default layers of the spiral',
    spec: { data: { name: 'spiral', classes: 3 }, training: { seed: 42, ...numpy } }
  },
  {
    name: 'default layers of the sine',
    spec: {
      data: { name: 'sine' },
      network: { activation: 'elu' },
      training: { seed: 3, ...numpy }
    }
  },
  {
    name: 'default layers of a list of activations',
    spec: {
      data: { name: 'gaussians', classes: 4 },
      network: { activation: ['leaky_relu', 'relu'] },
      training: numpy
    }
  },
  {
    name: 'custom one-hot data, explicit biases',
    spec: {
      data: {
        name: 'custom',
        x: [
          [0, 0, 1],
          [1, 0, 0],
          [0, 1, 0]
        ],
        y: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1]
        ]
      },
      network: {
        layers: [3, 2, 3],
        biases: [
          [0.5, -0.5],
          [1, 2, 3]
        ]
      },
      training: { seed: 11, ...numpy }
    }
  },
  {
    name: 'explicit weights with the default generator',
    spec: {
      network: {
        layers: [2, 2, 1],
        weights: [
          [
            [1, 1],
            [1, 1]
          ],
          [[1], [-2]]
        ],
        biases: [[0, -1], [0]]
      }
    }
  },
  {
    name: 'variants: shared, own layers and seed, own init',
    spec: {
      network: { layers: [2, 8, 1], activation: 'relu' },
      training: { seed: 42, ...numpy },
      compare: [
        { network: { activation: 'identity' } },
        { network: { layers: [2, 5, 1] }, training: { seed: 3 } },
        { network: { layers: [2, 4, 4, 1], init: 'uniform' } }
      ]
    }
  }
];

describe('Lab.initial_weights() in Python and the core', () => {
  const fromCore = CASES.map(c => coreInitialWeights(c.spec));
  const fromPython = pythonInitialWeights(
    CASES.map((c, i) => ({ spec: c.spec, variants: fromCore[i].length }))
  );

  CASES.forEach((c, i) => {
    it(`agree: ${c.name}`, () => {
      const answer = fromPython[i];
      expect('error' in answer ? answer.error : null).toBeNull();
      const layers = (answer as { layers: Layer[][] }).layers;
      expect(layers.length).toBe(fromCore[i].length);
      fromCore[i].forEach((core, k) => {
        expect({ variant: k, difference: largestDifference(layers[k], core) <= 1e-15 }).toEqual({
          variant: k,
          difference: true
        });
      });
    });
  });

  it('really draws random numbers (the cases are not trivially equal)', () => {
    const [first] = fromCore[0];
    expect(first[0].W.flat().some(v => v !== 0)).toBe(true);
    // Seed 42 and seed 0 give different starting points for the same layers.
    const other = coreInitialWeights({ ...CASES[0].spec, training: { seed: 42, ...numpy } });
    expect(largestDifference(first, other[0])).toBeGreaterThan(0.01);
  });

  it('refuses the default generator when weights must be drawn, naming rng="numpy"', () => {
    const [answer] = pythonInitialWeights([
      { spec: { network: { layers: [2, 4, 1] } }, variants: 1 }
    ]);
    expect('error' in answer ? answer.error : '').toMatch(/^ValueError: .*rng="numpy"/);
  });
});
