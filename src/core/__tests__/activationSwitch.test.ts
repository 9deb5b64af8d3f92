/**
 * The experiment's own activation menu has no slope or alpha control: switching a layer to
 * leaky_relu or elu there uses the spec's network.leakySlope / network.eluAlpha, exactly as
 * a network built with that activation from the start.
 */
import { resolveVariants } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';

function trainer(activation: string, extra: Record<string, number>): Trainer {
  const spec = validSpec({
    data: { name: 'xor' },
    network: { layers: [2, 4, 1], activation, ...extra },
    training: { epochs: 1, seed: 3 }
  });
  return new Trainer(resolveVariants(spec)[0]);
}

describe('switching the activation of a running network', () => {
  it.each([
    ['leaky_relu', { leakySlope: 0.5 }],
    ['elu', { eluAlpha: 3 }]
  ] as const)('to %s keeps the spec parameter', (name, extra) => {
    // He initialisation for both (relu and leaky_relu/elu would otherwise differ).
    const switched = trainer('relu', { ...extra });
    switched.setActivation('all', name);
    const direct = trainer(name, { ...extra });
    const X = switched.inputs;
    expect(switched.getParams().W[0].data).toEqual(direct.getParams().W[0].data);
    expect(Array.from(switched.net.predict(X).data)).toEqual(
      Array.from(direct.net.predict(X).data)
    );
    // And the parameter matters: the default gives other outputs.
    const plain = trainer(name, {});
    expect(Array.from(plain.net.predict(X).data)).not.toEqual(
      Array.from(direct.net.predict(X).data)
    );
  });
});
