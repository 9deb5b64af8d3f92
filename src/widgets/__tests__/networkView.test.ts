/** @jest-environment jsdom */
/**
 * The network view on a real trainer's snapshots: every unit and link of the network is
 * drawn, hovering gives the exact weight, clicking and typing sets it, and backprop mode
 * writes each unit's value and error.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { toSummary } from '../../core/datasets';
import { resolveVariants } from '../../core/spec';
import { Trainer } from '../../core/trainer';
import { validSpec } from '../../core/__tests__/support';
import { snapshotOptionsFor } from '../../engine/snapshotOptions';
import { plainTheme } from '../../charts/__tests__/fixtures';
import { networkDiagram, linkWidth } from '../../charts/network';
import { formatValue, NetworkView, targetRow } from '../networkView';
import type { ChartInput } from '../../charts/types';

const trans = nullTranslator.load('jupyterlab_nnlab');

// jsdom has no 2-D canvas: the maps are left blank here (their pixels are tested in charts).
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function setup(spec: unknown, maxUnits?: number) {
  const s = validSpec(spec);
  const variants = resolveVariants(s);
  const trainer = new Trainer(variants[0]);
  const edits: unknown[][] = [];
  const view = new NetworkView({
    trans,
    maxUnits,
    onSetParam: (...args) => {
      edits.push(args);
      trainer.setParam(args[1], args[2], args[3], args[4]);
    }
  });
  document.body.appendChild(view.node);
  const draw = () => {
    const input: ChartInput = {
      snapshots: [trainer.snapshot(snapshotOptionsFor(['network'], 8))],
      data: toSummary(trainer.dataset),
      theme: plainTheme(),
      variants
    };
    view.update(input);
  };
  draw();
  return { view, trainer, edits, draw };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('NetworkView', () => {
  const SPEC = {
    data: { name: 'xor' },
    network: { layers: [2, 4, 4, 1], activation: 'tanh' },
    autoplay: false
  };

  it('keys the link colours with swatches, naming classes only where there are classes', () => {
    /** The colour a node's style gives, as the DOM spells it. */
    const spelled = (color: string) => {
      const probe = document.createElement('span');
      probe.style.background = color;
      return probe.style.background;
    };
    const { view } = setup(SPEC);
    const legend = view.node.querySelector('.jp-NNLab-network-legend') as HTMLElement;
    const swatches = [...legend.querySelectorAll('.jp-NNLab-network-swatch')] as HTMLElement[];
    expect(swatches).toHaveLength(2);
    // The swatches are the links' two colours: positive first, then negative.
    const strokes = new Set(
      [...view.node.querySelectorAll('path.jp-NNLab-link')].map(p =>
        spelled(p.getAttribute('stroke') ?? '')
      )
    );
    expect(strokes.size).toBe(2);
    expect(new Set(swatches.map(s => s.style.background))).toEqual(strokes);
    expect(legend.textContent).toContain("positive weight (class 1's colour)");
    // A regression has no classes: the key does not name them.
    document.body.replaceChildren();
    const sine = setup({
      data: { name: 'sine' },
      network: { layers: [1, 4, 1], activation: 'tanh', output: 'identity' },
      training: { loss: 'mse' },
      autoplay: false
    });
    const key = sine.view.node.querySelector('.jp-NNLab-network-legend') as HTMLElement;
    expect(key.querySelectorAll('.jp-NNLab-network-swatch')).toHaveLength(2);
    expect(key.textContent).toMatch(/positive weight, +negative; width = size/);
    expect(key.textContent).not.toMatch(/class/);
  });

  it('draws every unit and every link of a 2-4-4-1 network', () => {
    const { view } = setup(SPEC);
    expect(view.node.querySelectorAll('.jp-NNLab-unit')).toHaveLength(2 + 4 + 4 + 1);
    expect(view.node.querySelectorAll('.jp-NNLab-link')).toHaveLength(2 * 4 + 4 * 4 + 4 * 1);
    expect(view.node.querySelectorAll('.jp-NNLab-bias')).toHaveLength(4 + 4 + 1);
    const names = Array.from(view.node.querySelectorAll('.jp-NNLab-unit-name'), n => n.textContent);
    expect(names).toEqual([
      'x1',
      'x2',
      'h1.1',
      'h1.2',
      'h1.3',
      'h1.4',
      'h2.1',
      'h2.2',
      'h2.3',
      'h2.4',
      'out'
    ]);
  });

  it('hovering a link shows its exact weight', () => {
    const { view, trainer } = setup(SPEC);
    const hit = view.node.querySelector(
      '.jp-NNLab-link-hit[data-layer="1"][data-from="2"][data-to="3"]'
    )!;
    hit.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 10, clientY: 10 }));
    const tooltip = view.node.querySelector('.jp-NNLab-network-tooltip') as HTMLElement;
    expect(tooltip.hidden).toBe(false);
    const w = trainer.getParams().W[1].get(2, 3);
    expect(tooltip.textContent).toBe(`weight h1.3 → h2.4: ${formatValue(w)}`);
  });

  it('clicking a link and typing a number sets that weight; bad input says why', () => {
    const { view, edits, trainer, draw } = setup(SPEC);
    const hit = view.node.querySelector(
      '.jp-NNLab-link-hit[data-layer="0"][data-from="1"][data-to="0"]'
    )!;
    hit.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const editor = view.node.querySelector('.jp-NNLab-network-editor') as HTMLInputElement;
    expect(editor.hidden).toBe(false);
    editor.value = 'abc';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(edits).toHaveLength(0);
    expect(view.node.querySelector('.jp-NNLab-network-tooltip')!.textContent).toMatch(
      /not a number/
    );
    editor.value = '-2.5';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(edits).toEqual([[0, 0, 1, 0, -2.5]]);
    expect(trainer.getParams().W[0].get(1, 0)).toBe(-2.5);
    draw();
    const redrawn = view.node.querySelector(
      '.jp-NNLab-link-hit[data-layer="0"][data-from="1"][data-to="0"]'
    ) as SVGElement;
    expect(redrawn.dataset.value).toBe('-2.5');
    // Biases too.
    const bias = view.node.querySelector('.jp-NNLab-bias[data-layer="2"][data-to="0"]')!;
    bias.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    editor.value = '0.75';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(trainer.getParams().b[2][0]).toBe(0.75);
  });

  it('summarises layers wider than the limit and keeps 8 layers of 64 drawable', () => {
    const { view } = setup(
      {
        data: { name: 'circle' },
        network: { layers: [2, 64, 64, 64, 64, 64, 64, 64, 1], activation: 'relu' },
        autoplay: false
      },
      10
    );
    expect(view.node.querySelectorAll('.jp-NNLab-unit')).toHaveLength(2 + 7 * 10 + 1);
    const more = Array.from(view.node.querySelectorAll('.jp-NNLab-unit-more'), n => n.textContent);
    expect(more).toEqual(new Array(7).fill('+54 more'));
    expect(view.node.querySelectorAll('.jp-NNLab-link')).toHaveLength(2 * 10 + 6 * 100 + 10);
  });

  it('backprop mode writes values forward, then errors and factors backward', () => {
    const { view, trainer } = setup({
      data: { name: 'xor' },
      network: { layers: [2, 3, 1], activation: 'identity', output: 'identity' },
      training: { loss: 'l2' },
      autoplay: false
    });
    const rows = view.node.querySelector('.jp-NNLab-network-row') as HTMLSelectElement;
    rows.value = '1';
    rows.dispatchEvent(new Event('change'));
    const next = view.node.querySelector('.jp-NNLab-network-next') as HTMLButtonElement;
    const value = (l: number, u: number) =>
      view.node.querySelector(
        `.jp-NNLab-unit[data-layer="${l}"][data-unit="${u}"] .jp-NNLab-unit-value`
      )!.textContent;
    expect(value(0, 1)).toBe('a=1');
    next.click();
    next.click();
    const p = trainer.getParams();
    const x = [0, 1];
    const h = [0, 1, 2].map(j => x[0] * p.W[0].get(0, j) + x[1] * p.W[0].get(1, j) + p.b[0][j]);
    const out = h.reduce((s, v, j) => s + v * p.W[1].get(j, 0), p.b[1][0]);
    expect(value(2, 0)).toBe(`a=${formatValue(out)}`);
    next.click(); // backward: output layer
    expect(value(2, 0)).toBe(`δ=${formatValue(out - 1)} ×f′=1`);
    next.click(); // backward: hidden layer, identity: factor exactly 1
    expect(value(1, 2)).toBe(`δ=${formatValue((out - 1) * p.W[1].get(2, 0))} ×f′=1`);
    expect(next.disabled).toBe(true);
  });
});

describe('network diagram model', () => {
  it('colours links by sign and sizes them by magnitude', () => {
    const model = networkDiagram(
      { W: [[[2], [-1]]], b: [[0]] },
      { width: 400, inputNames: ['x1', 'x2'], theme: plainTheme() }
    );
    const [a, b] = model.links;
    expect(a.color).toBe(plainTheme().classColors[1]);
    expect(b.color).toBe(plainTheme().classColors[0]);
    expect(a.width).toBe(linkWidth(2, 2));
    expect(b.width).toBeLessThan(a.width);
  });

  it('builds the target rows the trainer uses', () => {
    expect(targetRow(1, 'classification', 1, 'sigmoid')).toEqual([1]);
    expect(targetRow(0, 'classification', 1, 'tanh')).toEqual([-1]);
    expect(targetRow(2, 'classification', 3, 'softmax')).toEqual([0, 0, 1]);
    expect(targetRow(0.3, 'regression', 1, 'identity')).toEqual([0.3]);
  });
});
