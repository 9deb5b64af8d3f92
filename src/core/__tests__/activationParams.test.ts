/**
 * The activation constants of the spec (leakySlope for leaky_relu, eluAlpha for elu) reach
 * the trainer's loss, the Python keywords and the schema defaults (the functions chart:
 * src/charts/__tests__/functions.test.ts).
 */
import { DEFAULT_ELU_ALPHA, DEFAULT_LEAKY_SLOPE } from '../activations';
import { EXPERIMENT_SCHEMA, resolveVariants } from '../spec';
import { LAB_ARGUMENTS } from '../schemaFacts';
import { Trainer } from '../trainer';
import { validSpec } from './support';

/** One input -2, one hidden unit with weight 1, an identity output with weight 1, target 0.3. */
function lossOf(network: Record<string, unknown>): number {
  const spec = validSpec({
    data: { name: 'custom', x: [[-2]], y: [0.3] },
    network: {
      layers: [1, 1, 1],
      output: 'identity',
      weights: [[[1]], [[1]]],
      biases: [[0], [0]],
      ...network
    },
    training: { loss: 'mse', epochs: 1 }
  });
  const trainer = new Trainer(resolveVariants(spec)[0]);
  return trainer.history.trainLoss[0];
}

describe('activation constants from spec to loss', () => {
  it('leakySlope sets the negative slope of leaky_relu', () => {
    // f(-2) = slope * -2; mse = (f(-2) - 0.3)^2
    expect(lossOf({ activation: 'leaky_relu', leakySlope: 0.5 })).toBeCloseTo((-1 - 0.3) ** 2, 14);
    expect(lossOf({ activation: 'leaky_relu' })).toBeCloseTo((-0.02 - 0.3) ** 2, 14);
  });

  it('eluAlpha sets the alpha of elu, and leakySlope does not', () => {
    const f = (alpha: number) => alpha * Math.expm1(-2);
    expect(lossOf({ activation: 'elu', eluAlpha: 0.5 })).toBeCloseTo((f(0.5) - 0.3) ** 2, 14);
    expect(lossOf({ activation: 'elu', leakySlope: 0.5 })).toBeCloseTo((f(1) - 0.3) ** 2, 14);
  });

  it('the schema states the core defaults', () => {
    const schema = EXPERIMENT_SCHEMA as {
      definitions: { network: { properties: Record<string, { default?: unknown }> } };
    };
    const network = schema.definitions.network.properties;
    expect(network.leakySlope.default).toBe(DEFAULT_LEAKY_SLOPE);
    expect(network.eluAlpha.default).toBe(DEFAULT_ELU_ALPHA);
  });

  it('the Python keywords leaky_slope and elu_alpha map to them', () => {
    expect(LAB_ARGUMENTS).toContainEqual({ keyword: 'leaky_slope', path: 'network.leakySlope' });
    expect(LAB_ARGUMENTS).toContainEqual({ keyword: 'elu_alpha', path: 'network.eluAlpha' });
  });
});
