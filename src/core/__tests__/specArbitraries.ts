/**
 * Generators of hostile experiment specs for property-based tests (fast-check): valid specs
 * with a few mutations each, so that most inputs get past the first checks and reach the
 * deeper ones, plus inputs that are huge, deep, cyclic or not JSON at all.
 *
 * Shared by the jest property test and by bench/fuzz-spec.ts (many more runs on demand).
 */
import fc from 'fast-check';

/** Specs that pass validation, as starting points for mutations. */
export const BASE_SPECS: readonly Record<string, unknown>[] = [
  {},
  { data: { name: 'xor' }, network: { layers: [2, 2, 1], activation: 'relu' } },
  {
    title: 'XOR needs a non-linearity',
    data: { name: 'xor', noise: 0, n: 200, trainFraction: 0.8 },
    network: { layers: [2, 2, 1], activation: 'relu', output: 'sigmoid', init: 'he' },
    training: {
      loss: 'bce',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 4,
      epochs: 500,
      seed: 0,
      rng: 'default'
    },
    views: ['boundary', 'hidden', 'loss'],
    compare: [{ network: { activation: 'identity' } }]
  },
  {
    data: {
      name: 'custom',
      x: [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1]
      ],
      y: [0, 1, 1, 0]
    },
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
  },
  { data: { name: 'spiral', classes: 3, n: 300 }, network: { activation: ['tanh', 'relu'] } },
  { data: { name: 'sine', noise: 0.1 }, views: ['loss', 'boundary', 'functions'] }
];

/** Field names that occur in specs: mutations mostly hit real fields. */
const KEYS = [
  'title',
  'description',
  'data',
  'network',
  'training',
  'views',
  'compare',
  'grid',
  'autoplay',
  'name',
  'n',
  'noise',
  'trainFraction',
  'classes',
  'x',
  'y',
  'layers',
  'activation',
  'output',
  'init',
  'weights',
  'biases',
  'leakySlope',
  'loss',
  'optimizer',
  'learningRate',
  'batchSize',
  'epochs',
  'seed',
  'label',
  '',
  '__proto__',
  'constructor'
];

/** An array nested `depth` levels around `inner`, built without recursion. */
export function nested(depth: number, inner: unknown = 'deep'): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) {
    value = [value];
  }
  return value;
}

/** Values that hurt in particular ways: deep, long, numeric edge cases, wrong kinds. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 10, max: 6000 }).map(d => nested(d)),
  fc.integer({ min: 10, max: 3000 }).map(d => {
    let value: unknown = 1;
    for (let i = 0; i < d; i++) {
      value = { a: value };
    }
    return value;
  }),
  fc
    .tuple(fc.integer({ min: 1000, max: 120_000 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([n, v]) => new Array(n).fill(v)),
  fc.integer({ min: 100, max: 200_000 }).map(n => 'x'.repeat(n)),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    999999,
    1e6,
    0.5,
    -1,
    undefined,
    null,
    '<a href="https://example.org">x</a>',
    '<span style="color:red">x</span>',
    [],
    {},
    [[]],
    [[0, 0]],
    [0, 1, 999999]
  )
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nasty }
);

type Edit = { path: Array<string | number>; op: 'set' | 'delete'; value: unknown };

const edit: fc.Arbitrary<Edit> = fc.record({
  path: fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.nat(5)), { minLength: 1, maxLength: 5 }),
  op: fc.constantFrom('set', 'set', 'set', 'delete'),
  value
}) as fc.Arbitrary<Edit>;

/** defineProperty, so that '__proto__' becomes an own field as JSON.parse would make it. */
function setOwn(node: object, key: string | number, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Apply `edits` to a deep copy of `base`, creating objects along paths as needed. */
export function mutate(base: unknown, edits: Edit[]): unknown {
  let root: unknown = JSON.parse(JSON.stringify(base));
  for (const { path, op, value } of edits) {
    if (root === null || typeof root !== 'object') {
      root = {};
    }
    let node = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      // Own fields only: following '__proto__' would write into Object.prototype.
      const own = Object.prototype.hasOwnProperty.call(node, key);
      const next = own ? node[key] : undefined;
      if (next === null || typeof next !== 'object') {
        setOwn(node, key, typeof key === 'number' ? [] : {});
      }
      node = Object.getOwnPropertyDescriptor(node, key)?.value as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (op === 'delete') {
      delete node[last];
    } else {
      setOwn(node, last, value);
    }
  }
  return root;
}

/** A mutated valid spec, or (now and then) anything at all. */
export const hostileSpec: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...BASE_SPECS), fc.array(edit, { minLength: 1, maxLength: 4 }))
      .map(([base, edits]) => mutate(base, edits))
  },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: nasty }
);
