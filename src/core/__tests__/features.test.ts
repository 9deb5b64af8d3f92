/**
 * data.features: the first layer sees features of (x1, x2), the maps stay over (x1, x2),
 * and a product feature lets a network without hidden units separate XOR.
 */
import { applyFeatures, featureRow, FEATURE_NAMES } from '../features';
import { Matrix } from '../matrix';
import { EXPERIMENT_SCHEMA, resolveVariants, validateSpec } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';

describe('applyFeatures', () => {
  it('computes each named feature of every row', () => {
    const X = Matrix.from([
      [0.5, -2],
      [3, 1]
    ]);
    const F = applyFeatures(X, [...FEATURE_NAMES]).toArray();
    expect(F[0]).toEqual([0.5, -2, -1, 0.25, 4, Math.sin(0.5), Math.sin(-2)]);
    expect(F[1]).toEqual([3, 1, 3, 9, 1, Math.sin(3), Math.sin(1)]);
    expect(featureRow([3, 1], ['x1*x2', 'x2^2'])).toEqual([3, 1]);
  });

  it('lists the same names as the schema', () => {
    const defs = (EXPERIMENT_SCHEMA as { definitions: Record<string, { enum: string[] }> })
      .definitions;
    expect(defs.featureName.enum).toEqual([...FEATURE_NAMES]);
  });
});

describe('data.features in the spec', () => {
  it('makes the first layer as wide as the list of features', () => {
    const spec = validSpec({ data: { name: 'xor', features: ['x1', 'x2', 'x1*x2'] } });
    expect(spec.network.layers[0]).toBe(3);
    expect(spec.views).toContain('boundary');
  });

  it('explains a first layer that does not match the features', () => {
    const r = validateSpec({
      data: { name: 'xor', features: ['x1*x2'] },
      network: { layers: [2, 1] }
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].path).toBe('network.layers[0]');
      expect(r.errors[0].message).toMatch(/1 feature \(data.features\)/);
    }
  });

  it('rejects x2 features for 1-D data and unknown names', () => {
    const r = validateSpec({ data: { name: 'sine', features: ['x1', 'sin(x2)'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].path).toBe('data.features[1]');
    }
    expect(validateSpec({ data: { name: 'xor', features: ['x3'] } }).ok).toBe(false);
    expect(validateSpec({ data: { name: 'xor', features: ['x1', 'x1'] } }).ok).toBe(false);
  });

  it('accepts 1-D features for the sine', () => {
    const spec = validSpec({ data: { name: 'sine', features: ['x1', 'sin(x1)'] } });
    expect(spec.network.layers[0]).toBe(2);
  });
});

describe('a product feature makes XOR linearly separable', () => {
  const base = (features: string[] | undefined, seed: number) =>
    validSpec({
      data: features ? { name: 'xor', features } : { name: 'xor' },
      network: { layers: [features ? features.length : 2, 1], output: 'sigmoid' },
      training: { loss: 'bce', optimizer: 'adam', learningRate: 0.1, epochs: 600, seed },
      autoplay: false
    });

  function accuracyAfterTraining(features: string[] | undefined, seed: number): number {
    const trainer = new Trainer(resolveVariants(base(features, seed))[0]);
    trainer.runEpochs(600);
    const h = trainer.history.trainAccuracy;
    return h[h.length - 1];
  }

  it('x1, x2, x1*x2 without hidden units: every seed of 30 classifies all four corners', () => {
    for (let seed = 0; seed < 30; seed++) {
      expect(accuracyAfterTraining(['x1', 'x2', 'x1*x2'], seed)).toBe(1);
    }
  });

  it('x1, x2 alone without hidden units: no seed of 30 gets past 3 of 4', () => {
    for (let seed = 0; seed < 30; seed++) {
      expect(accuracyAfterTraining(undefined, seed)).toBeLessThanOrEqual(0.75);
    }
  });

  it('the decision map is drawn over (x1, x2), not over the features', () => {
    const trainer = new Trainer(resolveVariants(base(['x1', 'x2', 'x1*x2'], 0))[0]);
    trainer.runEpochs(600);
    const snap = trainer.snapshot({ grid: 3 });
    expect(snap.grid!.x).toHaveLength(3);
    expect(snap.grid!.values).toHaveLength(9);
    // The grid's corners lie near the data's corners: (low, low) is class 0, (low, high) class 1.
    expect(snap.grid!.values[0]).toBeLessThan(0.5);
    expect(snap.grid!.values[2]).toBeGreaterThan(0.5);
    expect(snap.grid!.values[6]).toBeGreaterThan(0.5);
    expect(snap.grid!.values[8]).toBeLessThan(0.5);
  });
});
