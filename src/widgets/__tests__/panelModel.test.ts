/**
 * The playground's model: controls -> spec (valid against the schema), consistent outputs and
 * losses per data set, layer editing within the caps, saved state, and the Python it writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { resolveVariants, validateSpec } from '../../core/spec';
import { Trainer } from '../../core/trainer';
import { CODE_DEFAULTS, PANEL_DATASETS, PanelModel, taskOf } from '../panelModel';
import { checkSyntax, labKeywords, realLabSpecs } from '../../demos/__tests__/python';
import { LAB_ARGUMENTS } from '../panelPython';

const schema = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../schema/experiment.schema.json'), 'utf-8')
);
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The nested spec a flat Lab(...) call stands for (the inverse of labArguments). */
function specFromKeywords(kwargs: Record<string, unknown>): Record<string, any> {
  const spec: Record<string, any> = {};
  for (const { keyword, path } of LAB_ARGUMENTS) {
    if (kwargs[keyword] === undefined) {
      continue;
    }
    const keys = path.split('.');
    let node = spec;
    for (const key of keys.slice(0, -1)) {
      node = node[key] ??= {};
    }
    node[keys[keys.length - 1]] = kwargs[keyword];
  }
  return spec;
}

function expectValid(spec: unknown): void {
  const ok = validateSchema(spec);
  expect(ok ? null : validateSchema.errors).toBeNull();
}

describe('PanelModel: controls -> spec', () => {
  it('starts as a small ReLU network on XOR compared with a linear one', () => {
    const spec = new PanelModel().toSpec();
    expect(spec.data!.name).toBe('xor');
    expect(spec.network!.layers).toEqual([2, 16, 1]);
    expect(spec.network!.activation).toBe('relu');
    expect(spec.compare).toEqual([{ label: 'identity', network: { activation: 'identity' } }]);
    expectValid(spec);
  });

  it('learns XOR out of the box, while its linear twin cannot', () => {
    const result = validateSpec(new PanelModel().toSpec());
    if (!result.ok) {
      throw new Error(JSON.stringify(result.errors));
    }
    const [relu, linear] = resolveVariants(result.spec).map(v => new Trainer(v));
    const accuracy = (t: Trainer) => {
      t.runEpochs(t.variant.training.epochs);
      const h = t.snapshot().history.trainAccuracy;
      return h[h.length - 1];
    };
    expect(accuracy(relu)).toBe(1);
    expect(accuracy(linear)).toBeLessThan(1);
  });

  it('gives a valid spec for every data set', () => {
    const model = new PanelModel();
    for (const dataset of ['xor', 'circle', 'spiral', 'gaussians', 'moons', 'sine'] as const) {
      model.update({ dataset });
      const spec = model.toSpec();
      expectValid(spec);
      expect(spec.data!.name).toBe(dataset);
    }
  });

  it('gives a spec validateSpec accepts for every data set, activation and output', () => {
    const model = new PanelModel({ controls: { hidden: [3, 2] } });
    for (const dataset of PANEL_DATASETS) {
      for (const activation of ['sigmoid', 'step', 'identity'] as const) {
        model.update({ dataset, classes: 3 });
        model.setAllActivations(activation);
        const result = validateSpec(model.toSpec());
        expect({ dataset, activation, errors: result.ok ? null : result.errors }).toEqual({
          dataset,
          activation,
          errors: null
        });
        if (result.ok) {
          expect(result.spec.network.layers).toEqual(model.layers);
        }
      }
    }
  });

  it('sizes input and output from the data set and switches output and loss with the task', () => {
    const model = new PanelModel();
    model.update({ dataset: 'sine' });
    expect(model.task).toBe('regression');
    expect(model.layers[0]).toBe(1);
    expect(model.controls.output).toBe('identity');
    expect(model.controls.loss).toBe('mse');

    model.update({ dataset: 'spiral', classes: 3 });
    expect(model.task).toBe('multiclass');
    expect(model.layers).toEqual([2, 16, 3]);
    expect(model.controls.output).toBe('softmax');
    expect(model.controls.loss).toBe('cce');

    model.update({ dataset: 'xor', loss: 'cce' });
    expect(model.controls.loss).not.toBe('cce');
    expect(taskOf('gaussians', 2)).toBe('binary');
  });

  it('writes per-layer activations only when the layers differ', () => {
    const model = new PanelModel({ controls: { hidden: [3, 5], activations: ['tanh', 'tanh'] } });
    expect(model.toSpec().network!.activation).toBe('tanh');
    model.setActivation(1, 'relu');
    expect(model.toSpec().network!.activation).toEqual(['tanh', 'relu']);
    expectValid(model.toSpec());
  });

  it('drops the linear comparison when the network is already linear', () => {
    const model = new PanelModel();
    model.setAllActivations('identity');
    expect(model.toSpec().compare).toBeUndefined();
    model.update({ compareLinear: false, activations: ['relu'] });
    expect(model.toSpec().compare).toBeUndefined();
  });

  it('sends no regularisation rate when regularisation is off', () => {
    const model = new PanelModel({ controls: { regularizationRate: 0.01 } });
    expect(model.toSpec().training!.regularizationRate).toBe(0);
    model.update({ regularization: 'l2' });
    expect(model.toSpec().training!.regularizationRate).toBe(0.01);
  });
});

describe('PanelModel: editing layers', () => {
  it('adds a layer copying the last one and removes any layer', () => {
    const model = new PanelModel({ controls: { hidden: [3], activations: ['tanh'] } });
    model.addLayer();
    expect(model.controls.hidden).toEqual([3, 3]);
    expect(model.controls.activations).toEqual(['tanh', 'tanh']);
    model.changeUnits(1, 2);
    model.setActivation(1, 'relu');
    model.removeLayer(0);
    expect(model.controls.hidden).toEqual([5]);
    expect(model.controls.activations).toEqual(['relu']);
    model.removeLayer();
    expect(model.layers).toEqual([2, 1]);
    expectValid(model.toSpec());
    model.addLayer();
    expect(model.controls.hidden).toEqual([4]);
  });

  it('keeps units and layers within the caps', () => {
    const model = new PanelModel({ caps: { maxUnits: 6, maxLayers: 2 } });
    model.changeUnits(0, 100);
    expect(model.controls.hidden).toEqual([6]);
    model.changeUnits(0, -100);
    expect(model.controls.hidden).toEqual([1]);
    model.addLayer();
    model.addLayer();
    model.addLayer();
    expect(model.controls.hidden.length).toBe(2);
    model.caps = { maxUnits: 6, maxLayers: 1, maxEpochs: 100 };
    expect(model.controls.hidden.length).toBe(1);
    expect(model.controls.epochs).toBe(100);
  });

  it('emits changed once per real change', () => {
    const model = new PanelModel();
    let count = 0;
    model.changed.connect(() => count++);
    model.update({ learningRate: 0.1 });
    model.update({ learningRate: 0.1 });
    model.regenerate();
    expect(count).toBe(2);
    expect(model.controls.seed).toBe(1);
  });
});

describe('PanelModel: saved state', () => {
  it('round-trips through JSON', () => {
    const a = new PanelModel();
    a.update({ dataset: 'moons', hidden: [7, 2], activations: ['elu', 'sigmoid'], seed: 42 });
    const b = new PanelModel();
    b.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.toSpec()).toEqual(a.toSpec());
  });

  it('repairs corrupt or foreign state instead of failing', () => {
    const model = new PanelModel();
    model.fromJSON({ dataset: 'mnist', hidden: [1000, -3, 'x'], learningRate: NaN, views: 5 });
    const c = model.controls;
    expect(c.dataset).toBe('xor');
    expect(c.hidden).toEqual([16, 1, 4]);
    expect(c.activations).toEqual(['relu', 'relu', 'relu']);
    expect(c.learningRate).toBe(0.03);
    expectValid(model.toSpec());
    model.fromJSON('garbage');
    expect(model.controls.dataset).toBe('xor');
  });
});

describe('PanelModel: Python', () => {
  it('writes valid Python whose Lab(...) call reproduces the spec', () => {
    const model = new PanelModel();
    model.update({ dataset: 'spiral', classes: 3, hidden: [8, 8], activations: ['tanh', 'relu'] });
    const source = model.toPython();
    expect(source.startsWith('from jupyterlab_nnlab import Lab\n')).toBe(true);
    expect(checkSyntax([source])).toEqual([null]);
    const [kwargs] = labKeywords([source]);
    expect(kwargs.data).toBe('spiral');
    expect(kwargs.layers).toEqual([2, 8, 8, 3]);
    expect(kwargs.activation).toEqual(['tanh', 'relu']);
    expect(kwargs.classes).toBe(3);
    expect(kwargs.loss).toBe('cce');
  });

  it('leaves out arguments equal to the defaults', () => {
    const model = new PanelModel({ controls: { compareLinear: false, batchSize: 10 } });
    const [kwargs] = labKeywords([model.toPython()]);
    expect(kwargs.seed).toBeUndefined();
    expect(kwargs.optimizer).toBeUndefined();
    expect(kwargs.batch_size).toBeUndefined();
    expect(kwargs.learning_rate).toBeUndefined();
    expect(CODE_DEFAULTS.training.learningRate).toBe(model.controls.learningRate);
    model.update({ learningRate: 0.1, seed: 7 });
    const [changed] = labKeywords([model.toPython()]);
    expect(changed.learning_rate).toBe(0.1);
    expect(changed.seed).toBe(7);
  });

  it('writes a short call that validates to the same experiment', () => {
    const model = new PanelModel({ controls: { dataset: 'sine', hidden: [6], seed: 3 } });
    const [kwargs] = labKeywords([model.toPython(validateSpec)]);
    // The validator derives output and loss from the data set: no need to write them.
    expect(kwargs.output).toBeUndefined();
    expect(kwargs.loss).toBeUndefined();
    expect(kwargs.seed).toBe(3);
    const fromCode = validateSpec(specFromKeywords(kwargs));
    const full = validateSpec(model.toSpec());
    expect(fromCode.ok && fromCode.spec).toEqual(full.ok && full.spec);
  });

  it("runs in the Python helper and displays the playground's experiment", () => {
    const models = [
      new PanelModel(),
      new PanelModel({
        controls: { dataset: 'spiral', classes: 4, hidden: [8, 6], activations: ['tanh', 'elu'] }
      }),
      new PanelModel({
        controls: { dataset: 'moons', regularization: 'l1', optimizer: 'sgd', rng: 'numpy' }
      })
    ];
    const specs = realLabSpecs(
      models.map(m => m.toPython(validateSpec)),
      path.join(__dirname, '../../..')
    );
    models.forEach((model, i) => {
      const fromPython = validateSpec(specs[i]);
      const direct = validateSpec(model.toSpec());
      expect(fromPython.ok && fromPython.spec).toEqual(direct.ok && direct.spec);
    });
  });

  it('uses the fixed defaults of the JSON Schema', () => {
    const props = schema.definitions;
    expect(CODE_DEFAULTS.training.learningRate).toBe(
      props.training.properties.learningRate.default
    );
    expect(CODE_DEFAULTS.training.batchSize).toBe(props.training.properties.batchSize.default);
    expect(CODE_DEFAULTS.training.epochs).toBe(props.training.properties.epochs.default);
    expect(CODE_DEFAULTS.training.optimizer).toBe(props.training.properties.optimizer.default);
    expect(CODE_DEFAULTS.data.n).toBe(props.data.properties.n.default);
    expect(CODE_DEFAULTS.data.classes).toBe(props.data.properties.classes.default);
    expect(CODE_DEFAULTS.network.activation).toBe(props.network.properties.activation.default);
    expect(CODE_DEFAULTS.grid).toBe(schema.properties.grid.default);
  });
});

describe('PanelModel: features and task switches', () => {
  it('switching from the sine to the circle resets output and loss to the task defaults', () => {
    const model = new PanelModel();
    model.update({ dataset: 'sine' });
    model.update({ output: 'tanh', loss: 'l2' });
    model.update({ dataset: 'circle' });
    expect(model.controls.output).toBe('sigmoid');
    expect(model.controls.loss).toBe('bce');
    // Within one task, the user's choice stays.
    model.update({ output: 'tanh', loss: 'mse' });
    model.update({ dataset: 'moons' });
    expect(model.controls.output).toBe('tanh');
    expect(model.controls.loss).toBe('mse');
  });

  it('features widen the first layer and are written to the spec only when not plain', () => {
    const model = new PanelModel();
    expect(model.toSpec().data!.features).toBeUndefined();
    model.update({ features: ['x1', 'x2', 'x1*x2'], hidden: [], activations: [] });
    expect(model.layers).toEqual([3, 1]);
    expect(model.toSpec().data!.features).toEqual(['x1', 'x2', 'x1*x2']);
    expectValid(model.toSpec());
    // The sine keeps only the features of x1; plain inputs follow the data set.
    model.update({ dataset: 'sine' });
    expect(model.controls.features).toEqual(['x1']);
    model.update({ dataset: 'xor' });
    expect(model.controls.features).toEqual(['x1', 'x2']);
    // Never zero inputs.
    model.update({ features: [] });
    expect(model.controls.features).toEqual(['x1', 'x2']);
  });
});
