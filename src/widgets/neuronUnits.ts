/**
 * Which unit maps the charts of an experiment can draw, so that snapshots carry no others.
 *
 * A unit map is the unit's output over the whole grid: at the largest spec allowed that is
 * 448 hidden units x 10,000 grid points per network, of which the charts draw a few. The
 * rules are the charts' own, read from their exported constants:
 * - the neurons view draws panels in order (variant by variant, layer by layer, unit by
 *   unit) up to `MAX_PANELS` in all;
 * - the network view draws the first `MAX_UNITS_DRAWN` units of each layer, of whichever
 *   variant is chosen.
 */
import { MAX_UNITS_DRAWN } from '../charts/network';
import { MAX_PANELS } from '../charts/neurons';
import type { ResolvedVariant, ViewName } from '../core/types';

/**
 * Per variant, per hidden layer (first hidden layer first): how many of its first units
 * get a map. Undefined when no view draws unit maps.
 */
export function neuronUnitsFor(
  views: readonly ViewName[],
  variants: readonly ResolvedVariant[]
): number[][] | undefined {
  const neurons = views.includes('neurons');
  const network = views.includes('network');
  if (!neurons && !network) {
    return undefined;
  }
  let panelsLeft = neurons ? MAX_PANELS : 0;
  return variants.map(variant =>
    variant.network.layers.slice(1, -1).map(size => {
      const inPanels = Math.min(size, panelsLeft);
      panelsLeft -= inPanels;
      return Math.max(inPanels, network ? Math.min(size, MAX_UNITS_DRAWN) : 0);
    })
  );
}
