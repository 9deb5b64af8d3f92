/**
 * The text that identifies a rendered spec, so that the same spec rendered again (as when the
 * picture is written back into the output) keeps its running view.
 *
 * Imported with the experiment view on the first render, not at start-up: it carries the
 * experiment schema.
 */
import { BoundsSchema, boundsErrors } from './core/bounds';
import schemaJson from '../schema/experiment.schema.json';

/**
 * The spec as text; null for a spec too large or deep to be valid, which is never serialised
 * (it is shown as errors and rebuilt on every render, which costs no training).
 */
export function specKey(spec: unknown): string | null {
  if (boundsErrors(spec ?? null, schemaJson as unknown as BoundsSchema).length > 0) {
    return null;
  }
  return JSON.stringify(spec ?? null);
}
