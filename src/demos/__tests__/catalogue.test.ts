/**
 * The demo gallery: every demo is valid Python, its Lab(...) call carries exactly the spec that
 * is shown before the kernel runs, and that spec is a valid experiment.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { validateSpec } from '../../core/spec';
import { validSpec } from '../../core/__tests__/support';
import { DEMOS, findDemo } from '../catalogue';
import { labArguments } from '../../widgets/panelPython';
import { checkSyntax, labKeywords, pythonGlobals, realLabRuns, realLabSpecs } from './python';
import { initialiseWeights } from '../../core/init';
import { createRng } from '../../core/rng';

/** A demo's Python as one program: the setup cell (if any), then the experiment cell. */
function program(demo: { setup?: string; code: string }): string {
  return demo.setup ? `${demo.setup}\n\n${demo.code}` : demo.code;
}

const schema = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../schema/experiment.schema.json'), 'utf-8')
);

describe('demo catalogue', () => {
  it('covers the eight ideas of the lesson with unique ids', () => {
    expect(DEMOS.length).toBeGreaterThanOrEqual(8);
    const ids = DEMOS.map(d => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9-]+$/);
      expect(findDemo(id)?.id).toBe(id);
    }
    expect(findDemo('no-such-demo')).toBeUndefined();
  });

  it('gives every demo a title, a summary and an explanation', () => {
    for (const demo of DEMOS) {
      expect(demo.title.length).toBeGreaterThan(5);
      expect(demo.summary.length).toBeGreaterThan(10);
      expect(demo.markdown).toMatch(/^## /);
    }
  });

  it('writes only valid Python', () => {
    const sources = DEMOS.flatMap(d => (d.setup ? [d.code, d.setup] : [d.code]));
    const errors = checkSyntax(sources);
    expect(errors).toEqual(sources.map(() => null));
  });

  it('notices invalid Python (the check itself can fail)', () => {
    expect(checkSyntax(['Lab(data="xor",'])[0]).not.toBeNull();
  });

  it("calls Lab(...) with exactly the keywords of the demo's spec", () => {
    const keywords = labKeywords(DEMOS.map(program));
    DEMOS.forEach((demo, i) => {
      const expected: Record<string, unknown> = {};
      for (const { keyword, value } of labArguments(demo.spec)) {
        expected[keyword] = value;
      }
      expect({ id: demo.id, kwargs: keywords[i] }).toEqual({ id: demo.id, kwargs: expected });
    });
  });

  it('displays exactly its spec when the Python helper runs its code', () => {
    const root = path.join(__dirname, '../../..');
    const specs = realLabSpecs(DEMOS.map(program), root);
    DEMOS.forEach((demo, i) => {
      expect({ id: demo.id, spec: specs[i] }).toEqual({ id: demo.id, spec: demo.spec });
    });
  });

  it('has specs that satisfy the JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    for (const demo of DEMOS) {
      const ok = validate(demo.spec);
      expect({ id: demo.id, errors: ok ? null : validate.errors }).toEqual({
        id: demo.id,
        errors: null
      });
    }
  });

  it('has specs that validateSpec accepts, with the views they are about', () => {
    for (const demo of DEMOS) {
      const result = validateSpec(demo.spec);
      expect({ id: demo.id, errors: result.ok ? null : result.errors }).toEqual({
        id: demo.id,
        errors: null
      });
      if (result.ok) {
        expect(result.spec.views).toEqual((demo.spec as any).views);
      }
    }
  });

  it('shows the hand-made XOR network as set, before any training', () => {
    const spec = findDemo('hand-made-xor')!.spec as any;
    expect(spec.autoplay).toBe(false);
    expect(spec.network.weights).toEqual([
      [
        [1, 1],
        [1, 1]
      ],
      [[1], [-2]]
    ]);
    expect(spec.network.biases).toEqual([[0, -1], [0]]);
    // y = relu(x W + c) w + b on the four corners must be XOR.
    const [W, w] = spec.network.weights as number[][][];
    const [c, b] = spec.network.biases as number[][];
    const outputs = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1]
    ].map(x => {
      const h = [0, 1].map(j => Math.max(0, x[0] * W[0][j] + x[1] * W[1][j] + c[j]));
      return h[0] * w[0][0] + h[1] * w[1][0] + b[0];
    });
    expect(outputs).toEqual([0, 1, 1, 0]);
  });

  it('draws the NumPy bridge weights the way the NumPy cell does', () => {
    const demo = findDemo('numpy-bridge')!;
    const spec = demo.spec as any;
    expect(spec.training.rng).toBe('numpy');
    expect(demo.setup).toContain(`np.random.seed(${spec.training.seed})`);
    // He initialisation: randn(n_in, n_out) * sqrt(2 / n_in), layer by layer.
    const layers: number[] = spec.network.layers;
    for (let l = 0; l + 1 < layers.length; l++) {
      expect(demo.setup).toContain(
        `np.random.randn(${layers[l]}, ${layers[l + 1]}) * np.sqrt(2 / ${layers[l]})`
      );
    }
  });

  it('shows in the widget the very weights the NumPy cell prints', () => {
    const demo = findDemo('numpy-bridge')!;
    const { network, training } = validSpec(demo.spec);
    const fromNumpy = pythonGlobals(demo.setup!, ['W1', 'W2']);
    const params = initialiseWeights(
      network.layers,
      network.init,
      createRng(training.seed, training.rng)
    );
    const fromCore = params.W.map(w => w.toArray());
    [fromNumpy.W1, fromNumpy.W2].forEach((expected, l) => {
      const flatExpected = (expected as number[][]).flat();
      const flatCore = fromCore[l].flat();
      expect(flatCore.length).toBe(flatExpected.length);
      flatCore.forEach((v, i) => expect(v).toBeCloseTo(flatExpected[i], 12));
    });
  });

  it('prints in the NN Lab cell the weights it shows, equal to those of the NumPy cell', () => {
    const demo = findDemo('numpy-bridge')!;
    expect(demo.code).toContain('lab.initial_weights()');
    const [run] = realLabRuns([program(demo)], path.join(__dirname, '../../..'));
    expect(run.spec).toEqual(demo.spec);
    // The NumPy cell's lines come first, then NN Lab's: the same rounded matrices, and True.
    const numpyLines = run.printed.split('W2 =')[0].replace('W1 =', '');
    const labLines = run.printed.split("NN Lab's W2:")[0].split("NN Lab's W1:")[1];
    expect(labLines.trim()).toBe(numpyLines.trim());
    expect(run.printed).toMatch(/Equal to NumPy's: True\s*$/);
  });
});
