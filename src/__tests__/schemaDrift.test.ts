/**
 * One source of truth: the facts the schema states are the ones the code uses. A change to
 * one copy without the schema fails here.
 */
import { EXPERIMENT_SCHEMA } from '../core/spec';
import { DATASET_NAMES } from '../core/datasets';
import { DATASET_TABLE, LAB_ARGUMENTS, schemaRange } from '../core/schemaFacts';
import { PanelModel } from '../widgets/panelModel';
import { validSpec } from '../core/__tests__/support';

type Field = Record<string, unknown>;
const schema = EXPERIMENT_SCHEMA as {
  properties: Record<string, Field>;
  definitions: Record<string, { properties: Record<string, Field> }>;
};

describe('the schema is the one source of the spec facts', () => {
  it('fills in the defaults the schema states (where no data set decides otherwise)', () => {
    // Moons: a sampled classification set, for which no data-dependent default applies to
    // these fields (layers, output, init, loss, batchSize and trainFraction depend on the data).
    const spec = validSpec({ data: { name: 'moons' } });
    const dependent = new Set(['layers', 'output', 'init', 'loss', 'batchSize', 'trainFraction']);
    for (const section of ['data', 'network', 'training'] as const) {
      for (const [key, field] of Object.entries(schema.definitions[section].properties)) {
        if (field.default === undefined || dependent.has(key) || key === 'name') {
          continue;
        }
        expect([section, key, (spec[section] as unknown as Field)[key]]).toEqual([
          section,
          key,
          field.default
        ]);
      }
    }
  });

  it('names a Lab() keyword for every field of the sections, and only once', () => {
    const keywords = LAB_ARGUMENTS.map(a => a.keyword);
    expect(new Set(keywords).size).toBe(keywords.length);
    for (const section of ['data', 'network', 'training']) {
      for (const key of Object.keys(schema.definitions[section].properties)) {
        expect(LAB_ARGUMENTS.some(a => a.path === `${section}.${key}`)).toBe(true);
      }
    }
  });

  it('has one row of the data-set table per data set, with the hidden layers filled in', () => {
    expect(Object.keys(DATASET_TABLE).sort()).toEqual([...DATASET_NAMES].sort());
    const spiral = validSpec({ data: { name: 'spiral', classes: 3 } });
    expect(spiral.network.layers.slice(1, -1)).toEqual(DATASET_TABLE.spiral.hidden);
    const sine = validSpec({ data: { name: 'sine' } });
    expect(sine.network.layers).toEqual([
      DATASET_TABLE.sine.inputs,
      ...DATASET_TABLE.sine.hidden,
      1
    ]);
  });

  it('bounds the panel as the schema bounds the spec', () => {
    const model = new PanelModel();
    model.update({ noise: 5, points: 1e6, epochs: -3, batchSize: 1e9 });
    const c = model.controls;
    expect(c.noise).toBe(schemaRange('data.noise').max);
    expect(c.points).toBe(schemaRange('data.n').max);
    expect(c.epochs).toBe(schemaRange('training.epochs').min);
    expect(c.batchSize).toBe(schemaRange('training.batchSize').max);
  });
});
