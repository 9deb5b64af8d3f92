/**
 * Facts of the experiment spec that JSON Schema has no word for, read from the `x-`
 * annotations of schema/experiment.schema.json, so that they live in the schema only:
 *
 * - `x-python` on a field: the keyword of `Lab(...)` that sets it (`learning_rate` for
 *   `training.learningRate`, `data` for `data.name`);
 * - `x-datasets` on `datasetName`: the data-set table (task, inputs, classes, default hidden
 *   layers).
 *
 * Only the schema file is imported here (no validator), so the panel can use it cheaply.
 */
import schemaJson from '../../schema/experiment.schema.json';
import type { ActivationName, DatasetName } from './types';

interface Node {
  properties?: Record<string, Node>;
  definitions?: Record<string, Node>;
  $ref?: string;
  'x-python'?: string;
  'x-datasets'?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const ROOT = schemaJson as unknown as Node;
const DEFINITIONS = ROOT.definitions ?? {};

/** The schema node a field points to, following one `$ref` into the definitions. */
function resolveRef(node: Node): Node {
  if (node.$ref && node.$ref.startsWith('#/definitions/')) {
    return DEFINITIONS[node.$ref.slice('#/definitions/'.length)] ?? node;
  }
  return node;
}

/** One keyword argument of `Lab(...)` and the spec path (dotted) it sets. */
export interface LabArgument {
  keyword: string;
  path: string;
}

/**
 * Every `Lab(...)` keyword with its spec path, in the schema's order: the top-level fields,
 * with the fields of the data, network and training sections in place of the section.
 */
export const LAB_ARGUMENTS: readonly LabArgument[] = (() => {
  const out: LabArgument[] = [];
  for (const [key, raw] of Object.entries(ROOT.properties ?? {})) {
    const node = resolveRef(raw);
    if (raw['x-python'] === undefined && node.properties) {
      for (const [field, child] of Object.entries(node.properties)) {
        if (child['x-python'] !== undefined) {
          out.push({ keyword: child['x-python'], path: `${key}.${field}` });
        }
      }
    } else if (raw['x-python'] !== undefined) {
      out.push({ keyword: raw['x-python'], path: key });
    }
  }
  return out;
})();

/** The schema node of a dotted spec path such as "training.learningRate" (sections only). */
export function schemaField(path: string): Node | undefined {
  const [first, second] = path.split('.');
  const top = ROOT.properties?.[first];
  if (!top) {
    return undefined;
  }
  return second === undefined ? top : resolveRef(top).properties?.[second];
}

/** One row of the schema's data-set table (`x-datasets` of `datasetName`). */
export interface DatasetFacts {
  /** The task, or null when custom targets decide it. */
  task: 'classification' | 'regression' | null;
  /** Number of inputs, or null when custom inputs decide it. */
  inputs: number | null;
  /** Number of classes: a number, 'data.classes' when the spec chooses, null otherwise. */
  classes: number | 'data.classes' | null;
  /** Hidden layer widths filled in when the spec gives no layers. */
  hidden: number[];
}

/** The data-set table of the schema, keyed by data-set name. */
export const DATASET_TABLE = DEFINITIONS.datasetName['x-datasets'] as Readonly<
  Record<DatasetName, DatasetFacts>
>;

/**
 * The activations a hidden layer may use (the schema's `hiddenActivation`): the catalogue
 * without softmax, which mixes a row and so belongs to the output layer only. The panel and
 * the experiment's own activation menu both offer exactly these.
 */
export const HIDDEN_ACTIVATIONS = DEFINITIONS.hiddenActivation.enum as readonly ActivationName[];

/**
 * The bounds the schema puts on a numeric field such as "data.noise": minimum (or exclusive
 * minimum) and maximum (or exclusive maximum); infinite where the schema sets none.
 */
export function schemaRange(path: string): { min: number; max: number } {
  const node = schemaField(path);
  if (!node) {
    throw new Error(`The schema has no field ${path}`);
  }
  return {
    min: node.minimum ?? node.exclusiveMinimum ?? -Infinity,
    max: node.maximum ?? node.exclusiveMaximum ?? Infinity
  };
}
