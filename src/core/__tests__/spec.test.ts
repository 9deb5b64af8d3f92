import {
  describeData,
  editDistance,
  EXPERIMENT_SCHEMA,
  resolveVariants,
  SpecValidationError,
  suggestName,
  validateSpec,
  WORK_BUDGET
} from '../spec';
import { SpecError } from '../types';
import { validSpec } from './support';
import { HAND_MADE_XOR } from './variantFixture';

/** Validate and expect failure, returning the errors. */
function invalid(input: unknown): SpecError[] {
  const result = validateSpec(input);
  if (result.ok) {
    throw new Error(`expected errors for ${JSON.stringify(input)}`);
  }
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

/** The single error at `path`. */
function errorAt(errors: SpecError[], path: string): SpecError {
  const found = errors.filter(e => e.path === path);
  if (found.length === 0) {
    throw new Error(`no error at ${path}; got ${JSON.stringify(errors)}`);
  }
  return found[0];
}

describe('defaults', () => {
  it('fills an empty spec with the XOR experiment', () => {
    const spec = validSpec({});
    expect(spec.data).toEqual({ name: 'xor', n: 4, noise: 0, trainFraction: 1, classes: 2 });
    expect(spec.network).toEqual({
      layers: [2, 16, 1],
      activation: 'relu',
      output: 'sigmoid',
      init: 'he',
      initScale: 1,
      leakySlope: 0.01,
      eluAlpha: 1
    });
    expect(spec.training).toMatchObject({
      loss: 'bce',
      optimizer: 'adam',
      learningRate: 0.03,
      batchSize: 0,
      epochs: 500,
      seed: 0,
      rng: 'default',
      regularization: 'none',
      shuffle: true
    });
    expect(spec.views).toEqual(['boundary', 'loss', 'hidden']);
    expect(spec.compare).toEqual([]);
    expect(spec.grid).toBe(40);
    expect(spec.autoplay).toBe(true);
    expect(spec.title).toContain('xor');
  });

  it('reads the fixed defaults from the schema file', () => {
    const training = (EXPERIMENT_SCHEMA.definitions as any).training.properties;
    const spec = validSpec({ data: { name: 'circle' } });
    expect(spec.training.learningRate).toBe(training.learningRate.default);
    expect(spec.training.epochs).toBe(training.epochs.default);
    expect(spec.training.batchSize).toBe(training.batchSize.default);
  });

  it('gives a noisy logic gate more points than its four corners', () => {
    expect(validSpec({ data: { name: 'xor', noise: 0.1 } }).data.n).toBe(200);
    expect(validSpec({ data: { name: 'and', n: 40 } }).data.n).toBe(40);
  });

  it('chooses a test split and minibatches for sampled data sets', () => {
    const spec = validSpec({ data: { name: 'moons' } });
    expect(spec.data.trainFraction).toBe(0.8);
    expect(spec.training.batchSize).toBe(10);
    expect(spec.network.layers).toEqual([2, 8, 1]);
  });

  it('uses softmax, cce and k outputs for a multi-class spiral', () => {
    const spec = validSpec({ data: { name: 'spiral', classes: 3 } });
    expect(spec.network.output).toBe('softmax');
    expect(spec.training.loss).toBe('cce');
    expect(spec.network.layers).toEqual([2, 16, 16, 3]);
  });

  it('uses identity output, mse and one input for sine regression', () => {
    const spec = validSpec({ data: { name: 'sine' } });
    expect(spec.network.output).toBe('identity');
    expect(spec.training.loss).toBe('mse');
    expect(spec.network.layers[0]).toBe(1);
    expect(spec.views).toEqual(['boundary', 'loss']);
  });

  it('derives the output layer from an explicit loss', () => {
    const spec = validSpec({ data: { name: 'xor' }, training: { loss: 'cce' } });
    expect(spec.network.output).toBe('softmax');
    expect(spec.network.layers).toEqual([2, 16, 2]);
    expect(
      validSpec({ data: { name: 'spiral', classes: 3 }, training: { loss: 'mse' } }).network.output
    ).toBe('sigmoid');
  });

  it('picks xavier for squashing activations and he for the ReLU family', () => {
    expect(validSpec({ network: { activation: 'tanh' } }).network.init).toBe('xavier');
    expect(validSpec({ network: { activation: 'leaky_relu' } }).network.init).toBe('he');
  });

  it('adds the collapse view when a network is linear', () => {
    expect(validSpec({ network: { activation: 'identity' } }).views).toContain('collapse');
    expect(validSpec({ compare: [{ network: { activation: 'identity' } }] }).views).toContain(
      'collapse'
    );
    expect(validSpec({}).views).not.toContain('collapse');
  });

  it('keeps explicit values', () => {
    const spec = validSpec({
      title: 'Mine',
      data: { name: 'circle', n: 300, trainFraction: 0.5 },
      training: { learningRate: 0.1, batchSize: 32 },
      views: ['loss'],
      grid: 20,
      autoplay: false
    });
    expect(spec.title).toBe('Mine');
    expect(spec.data.n).toBe(300);
    expect(spec.data.trainFraction).toBe(0.5);
    expect(spec.training.learningRate).toBe(0.1);
    expect(spec.training.batchSize).toBe(32);
    expect(spec.views).toEqual(['loss']);
    expect(spec.grid).toBe(20);
    expect(spec.autoplay).toBe(false);
  });

  it('does not change its input', () => {
    const input = { network: { layers: [2, 3, 1] } };
    validSpec(input);
    expect(input).toEqual({ network: { layers: [2, 3, 1] } });
  });
});

describe('custom data', () => {
  const x = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1]
  ];

  it('reads class indices as binary classes', () => {
    const spec = validSpec({ data: { name: 'custom', x, y: [0, 1, 1, 0] } });
    expect(spec.data.n).toBe(4);
    expect(spec.network.layers).toEqual([2, 8, 1]);
    expect(spec.training.loss).toBe('bce');
  });

  it('reads target rows with fractions as regression', () => {
    const info = describeData({
      name: 'custom',
      n: 4,
      noise: 0,
      trainFraction: 1,
      classes: 2,
      x,
      y: [[0.5], [1], [2], [3]]
    });
    expect(info).toMatchObject({ task: 'regression', inputDim: 2, targetDim: 1, points: 4 });
  });

  it('reads a column of whole numbers as class indices', () => {
    const info = describeData({
      name: 'custom',
      n: 4,
      noise: 0,
      trainFraction: 1,
      classes: 2,
      x,
      y: [[0], [1], [2], [0]]
    });
    expect(info).toMatchObject({ task: 'classification', nClasses: 3, targetDim: 3 });
  });

  it('reads one-hot rows as classes', () => {
    const y = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0]
    ];
    const spec = validSpec({ data: { name: 'custom', x, y } });
    expect(spec.network.output).toBe('softmax');
    expect(spec.network.layers[spec.network.layers.length - 1]).toBe(3);
  });

  it('takes the input width from x', () => {
    const x3 = [
      [1, 2, 3],
      [4, 5, 6]
    ];
    const spec = validSpec({
      data: { name: 'custom', x: x3, y: [[0.5], [2.5]] },
      network: { layers: [3, 4, 10, 1], activation: 'identity' },
      training: { loss: 'l2' }
    });
    expect(spec.network.layers[0]).toBe(3);
    expect(spec.network.output).toBe('identity');
    const errors = invalid({
      data: { name: 'custom', x: x3, y: [[1], [2]] },
      network: { layers: [2, 4, 1] }
    });
    expect(errorAt(errors, 'network.layers[0]').message).toMatch(/3 inputs/);
  });

  it('needs as many targets as rows', () => {
    const errors = invalid({ data: { name: 'custom', x, y: [0, 1, 1] } });
    expect(errorAt(errors, 'data.y').message).toMatch(/3 targets.*4 rows/);
  });

  it('needs rows of equal width', () => {
    const errors = invalid({ data: { name: 'custom', x: [[0, 0], [1]], y: [0, 1] } });
    expect(errorAt(errors, 'data.x[1]').message).toMatch(/same number of inputs/);
  });

  it('needs both x and y, and only for custom data', () => {
    expect(errorAt(invalid({ data: { name: 'custom', x } }), 'data.y').message).toMatch(/missing/);
    expect(
      errorAt(invalid({ data: { name: 'xor', x, y: [0, 1, 1, 0] } }), 'data.x').message
    ).toMatch(/only read when data.name is 'custom'/);
  });
});

describe('caps', () => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      'too many layers',
      { network: { layers: [2, 4, 4, 4, 4, 4, 4, 4, 4, 1] } },
      'network.layers',
      /at most 9/
    ],
    ['too many units', { network: { layers: [2, 65, 1] } }, 'network.layers[1]', /at most 64/],
    ['too many points', { data: { name: 'circle', n: 2001 } }, 'data.n', /at most 2000/],
    ['too many epochs', { training: { epochs: 20001 } }, 'training.epochs', /at most 20000/],
    ['too fine a grid', { grid: 101 }, 'grid', /at most 100/],
    [
      'too many custom dims',
      { data: { name: 'custom', x: [new Array(17).fill(0)], y: [0] } },
      'data.x[0]',
      /at most 16/
    ],
    [
      'too many custom rows',
      { data: { name: 'custom', x: new Array(2001).fill([0, 0]), y: new Array(2001).fill(0) } },
      'data.x',
      /at most 2000/
    ]
  ];
  it.each(cases)('rejects %s, naming the field', (_name, input, path, pattern) => {
    const error = errorAt(invalid(input), path);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(path);
  });

  it('rejects work beyond the budget and accepts the same network with fewer epochs', () => {
    const big = {
      data: { name: 'circle', n: 2000 },
      network: { layers: [2, 64, 64, 64, 1] },
      training: { epochs: 20000 }
    };
    const error = errorAt(invalid(big), 'training.epochs');
    expect(error.message).toMatch(/budget/);
    const work = 20000 * 2000 * (2 * 64 + 64 * 64 * 2 + 64);
    expect(work).toBeGreaterThan(WORK_BUDGET);
    validSpec({ ...big, training: { epochs: 200 } });
  });

  it('counts compared networks in the budget', () => {
    const base = {
      data: { name: 'circle', n: 2000 },
      network: { layers: [2, 64, 64, 1] },
      training: { epochs: 500 }
    };
    validSpec(base);
    const errors = invalid({
      ...base,
      compare: [{ network: { activation: 'identity' } }, { network: { activation: 'tanh' } }]
    });
    expect(errorAt(errors, 'training.epochs').message).toMatch(/3 networks/);
  });
});

describe('schema errors in plain words', () => {
  it('suggests the closest field name for a typo', () => {
    const error = errorAt(invalid({ training: { lerningRate: 0.1 } }), 'training.lerningRate');
    expect(error.message).toBe(
      "unknown field 'lerningRate' in training; did you mean 'learningRate'?"
    );
  });

  it('matches snake_case spellings to camelCase fields', () => {
    const error = errorAt(invalid({ training: { learning_rate: 0.1 } }), 'training.learning_rate');
    expect(error.message).toMatch(/did you mean 'learningRate'/);
  });

  it('points a field in the wrong section to its home', () => {
    const error = errorAt(invalid({ layers: [2, 2, 1] }), 'layers');
    expect(error.message).toMatch(/belongs in network/);
  });

  it('lists allowed names and suggests one for a misspelt activation', () => {
    const error = errorAt(invalid({ network: { activation: 'rleu' } }), 'network.activation');
    expect(error.message).toMatch(/allowed: identity, relu/);
    expect(error.message).toMatch(/did you mean 'relu'/);
  });

  it('explains that softmax belongs to the output layer', () => {
    const error = errorAt(invalid({ network: { activation: 'softmax' } }), 'network.activation');
    expect(error.message).toMatch(/network.output/);
  });

  it('names the element of a per-layer list', () => {
    const errors = invalid({ network: { layers: [2, 3, 3, 1], activation: ['relu', 'tnah'] } });
    expect(errorAt(errors, 'network.activation[1]').message).toMatch(/did you mean 'tanh'/);
    expect(errors.filter(e => e.path === 'network.activation')).toHaveLength(0);
  });

  it('says what an activation may be when the type is wrong', () => {
    const error = errorAt(invalid({ network: { activation: 5 } }), 'network.activation');
    expect(error.message).toMatch(/one of identity.*or a list; got 5/);
  });

  it('names wrong types and ranges', () => {
    expect(
      errorAt(invalid({ network: { layers: [2, 2.5, 1] } }), 'network.layers[1]').message
    ).toMatch(/whole number, got 2.5/);
    expect(
      errorAt(invalid({ training: { learningRate: -1 } }), 'training.learningRate').message
    ).toMatch(/greater than 0/);
    expect(
      errorAt(invalid({ training: { epochs: Number.NaN } }), 'training.epochs').message
    ).toMatch(/must be a whole number/);
    expect(errorAt(invalid({ views: ['loss', 'loss'] }), 'views').message).toMatch(/'loss' twice/);
  });

  it('rejects a spec that is not an object', () => {
    expect(invalid([1, 2])[0].message).toMatch(/object/);
    expect(invalid(null)[0].message).toMatch(/object/);
  });

  it('suggests only close names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(suggestName('epoch', ['epochs', 'seed'])).toBe('epochs');
    expect(suggestName('zzzzzz', ['epochs', 'seed'])).toBeUndefined();
    expect(editDistance('rleu', 'relu')).toBe(1);
  });
});

describe('network and data must fit', () => {
  it('rejects a first layer that does not match the inputs', () => {
    const error = errorAt(invalid({ network: { layers: [3, 4, 1] } }), 'network.layers[0]');
    expect(error.message).toMatch(/'xor' has 2 inputs/);
    expect(
      errorAt(
        invalid({ data: { name: 'sine' }, network: { layers: [2, 8, 1] } }),
        'network.layers[0]'
      ).message
    ).toMatch(/1 input/);
  });

  it('rejects an output layer that does not match the classes', () => {
    const error = errorAt(
      invalid({ data: { name: 'spiral', classes: 3 }, network: { layers: [2, 8, 1] } }),
      'network.layers[2]'
    );
    expect(error.message).toMatch(/3 classes.*must be 3/);
  });

  it('rejects cce without softmax and softmax without cce', () => {
    expect(
      errorAt(
        invalid({ network: { output: 'sigmoid' }, training: { loss: 'cce' } }),
        'training.loss'
      ).message
    ).toMatch(/needs network.output 'softmax'/);
    expect(
      errorAt(
        invalid({ network: { output: 'softmax', layers: [2, 4, 2] }, training: { loss: 'mse' } }),
        'network.output'
      ).message
    ).toMatch(/'cce'/);
  });

  it('rejects bce on regression and without a sigmoid output', () => {
    expect(
      errorAt(invalid({ data: { name: 'sine' }, training: { loss: 'bce' } }), 'training.loss')
        .message
    ).toMatch(/regression/);
    expect(
      errorAt(
        invalid({ network: { output: 'identity' }, training: { loss: 'bce' } }),
        'training.loss'
      ).message
    ).toMatch(/sigmoid/);
  });

  it('accepts one activation per hidden layer and rejects a list of the wrong length', () => {
    const spec = validSpec({ network: { layers: [2, 4, 4, 1], activation: ['relu', 'tanh'] } });
    expect(spec.network.activation).toEqual(['relu', 'tanh']);
    const error = errorAt(
      invalid({ network: { layers: [2, 4, 4, 1], activation: ['relu'] } }),
      'network.activation'
    );
    expect(error.message).toMatch(/1 activation .* 2 hidden layers/);
  });

  it('accepts the hand-made XOR network and checks weight shapes', () => {
    const network = { ...HAND_MADE_XOR, activation: 'relu', output: 'identity' };
    validSpec({ network, training: { loss: 'mse' } });
    const wrong = { ...network, weights: [network.weights[0], [[1, -2]]] };
    const error = errorAt(
      invalid({ network: wrong, training: { loss: 'mse' } }),
      'network.weights[1]'
    );
    expect(error.message).toMatch(/2 x 1 matrix/);
    const errors = invalid({
      network: { ...network, biases: [[0], [0]] },
      training: { loss: 'mse' }
    });
    expect(errorAt(errors, 'network.biases[0]').message).toMatch(/1 entries but layers\[1\] is 2/);
  });

  it('wants one weight matrix and one bias vector per weight layer, and names the count', () => {
    const network = { ...HAND_MADE_XOR, activation: 'relu', output: 'identity' };
    const errors = invalid({
      network: {
        ...network,
        weights: network.weights.slice(0, 1),
        biases: [...network.biases, [0]]
      },
      training: { loss: 'mse' }
    });
    expect(errorAt(errors, 'network.weights').message).toBe(
      'network.weights has 1 matrices but network.layers [2,2,1] has 2 weight layers'
    );
    expect(errorAt(errors, 'network.biases').message).toBe(
      'network.biases has 3 vectors but network.layers [2,2,1] has 2 weight layers'
    );
    // With the count wrong, no per-layer shape error follows.
    expect(errors.filter(e => /^network\.(weights|biases)\[/.test(e.path))).toEqual([]);
  });
});

describe('compared variants', () => {
  it('puts the base first and merges each variant over it', () => {
    const spec = validSpec({
      network: { layers: [2, 4, 1], activation: 'relu' },
      training: { learningRate: 0.05 },
      compare: [
        { network: { activation: 'identity' } },
        { label: 'fast', training: { learningRate: 0.5 } }
      ]
    });
    const variants = resolveVariants(spec);
    expect(variants.map(v => v.label)).toEqual(['relu', 'identity', 'fast']);
    expect(variants[1].network.activations).toEqual(['identity']);
    expect(variants[1].network.layers).toEqual([2, 4, 1]);
    expect(variants[1].network.init).toBe('he');
    expect(variants[1].training.learningRate).toBe(0.05);
    expect(variants[2].training.learningRate).toBe(0.5);
    expect(variants[2].network.activations).toEqual(['relu']);
    expect(spec.compare[0].label).toBe('identity');
  });

  it('numbers a variant whose made-up label an earlier one already has', () => {
    const spec = validSpec({
      network: { layers: [2, 4, 1], activation: 'relu' },
      compare: [
        { network: { activation: 'relu' }, training: { optimizer: 'adam' } },
        { network: { activation: 'tanh' } },
        { network: { activation: 'tanh' } },
        { label: 'relu', training: { learningRate: 0.5 } },
        { label: 'relu (7)', training: { learningRate: 0.1 } },
        { network: { activation: 'relu' }, training: { learningRate: 0.2 } }
      ]
    });
    // A label the spec gives is kept as given; a number already taken is skipped.
    expect(resolveVariants(spec).map(v => v.label)).toEqual([
      'relu',
      'relu (2)',
      'tanh',
      'tanh (4)',
      'relu',
      'relu (7)',
      'relu (8)'
    ]);
  });

  it('accepts a network without hidden layers (a linear model)', () => {
    const spec = validSpec({
      network: { layers: [2, 1] },
      compare: [{ network: { layers: [2, 4, 1] } }]
    });
    const [linear, relu] = resolveVariants(spec);
    expect(linear.network.activations).toEqual([]);
    expect(linear.label).toBe('no hidden layer');
    expect(relu.network.activations).toEqual(['relu']);
    expect(spec.network.init).toBe('xavier');
  });

  it('expands one activation to every hidden layer', () => {
    const spec = validSpec({ network: { layers: [2, 3, 3, 3, 1], activation: 'tanh' } });
    expect(resolveVariants(spec)[0].network.activations).toEqual(['tanh', 'tanh', 'tanh']);
  });

  it('checks each variant against the data', () => {
    const errors = invalid({ compare: [{ network: { layers: [3, 4, 1] } }] });
    expect(errorAt(errors, 'compare[0].network.layers[0]').message).toMatch(/2 inputs/);
    const list = invalid({
      network: { layers: [2, 4, 4, 1], activation: ['relu', 'relu'] },
      compare: [{ network: { layers: [2, 4, 1] } }]
    });
    expect(errorAt(list, 'compare[0].network.activation').message).toMatch(/1 hidden layer/);
  });

  it('does not pass base weights to a variant with other layers', () => {
    const spec = validSpec({
      network: {
        layers: [2, 2, 1],
        weights: [
          [
            [1, 1],
            [1, 1]
          ],
          [[1], [-2]]
        ]
      },
      compare: [{ network: { layers: [2, 8, 1] } }, { network: { activation: 'identity' } }]
    });
    const [base, wider, linear] = resolveVariants(spec);
    expect(base.network.weights).toBeDefined();
    expect(wider.network.weights).toBeUndefined();
    expect(linear.network.weights).toEqual(base.network.weights);
  });

  it('throws from resolveVariants when a spec was changed into a bad one', () => {
    const spec = validSpec({});
    spec.network.layers = [5, 4, 1];
    expect(() => resolveVariants(spec)).toThrow(SpecValidationError);
  });

  it('rejects unknown fields inside a variant', () => {
    const error = errorAt(
      invalid({ compare: [{ activation: 'identity' }] }),
      'compare[0].activation'
    );
    expect(error.message).toMatch(/belongs in network/);
  });
});
