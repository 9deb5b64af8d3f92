import { MAX_UNITS_DRAWN } from '../../charts/network';
import { MAX_PANELS } from '../../charts/neurons';
import { resolveVariants, validateSpec } from '../../core/spec';
import type { ViewName } from '../../core/types';
import { neuronUnitsFor } from '../neuronUnits';

function variantsOf(layers: number[], compare: number) {
  const result = validateSpec({
    data: { name: 'gaussians', n: 100 },
    network: { layers, activation: 'relu' },
    compare: Array.from({ length: compare }, () => ({ network: { activation: 'tanh' } }))
  });
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return resolveVariants(result.spec);
}

describe('neuronUnitsFor', () => {
  const wide = variantsOf([2, 64, 64, 64, 1], 2);

  it('asks for no maps when no view draws them', () => {
    expect(neuronUnitsFor(['loss', 'boundary'], wide)).toBeUndefined();
  });

  it('gives the neurons view its panels in order, up to the figure limit', () => {
    const units = neuronUnitsFor(['neurons'], wide) as number[][];
    expect(units).toEqual([
      [MAX_PANELS, 0, 0],
      [0, 0, 0],
      [0, 0, 0]
    ]);
    const small = neuronUnitsFor(['neurons'], variantsOf([2, 5, 3, 1], 1)) as number[][];
    // Small networks: every unit of every variant has a panel.
    expect(small).toEqual([
      [5, 3],
      [5, 3]
    ]);
  });

  it('gives the network view the units it draws of every layer of every variant', () => {
    const views: ViewName[] = ['network', 'neurons'];
    const units = neuronUnitsFor(views, wide) as number[][];
    expect(units[0]).toEqual([MAX_PANELS, MAX_UNITS_DRAWN, MAX_UNITS_DRAWN]);
    expect(units[2]).toEqual([MAX_UNITS_DRAWN, MAX_UNITS_DRAWN, MAX_UNITS_DRAWN]);
  });
});
