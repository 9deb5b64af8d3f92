/**
 * The network view: the network itself on screen. Inputs (or features) on the left, every
 * hidden unit a small map of its output over the input plane (a curve for 1-D data), the
 * output units as decision maps; links coloured by the weight's sign and as wide as its size,
 * each unit's bias a small square at its corner. Hover a link or a bias for its exact value;
 * click it to type a new one, and every map follows.
 *
 * Backprop mode takes one training example through the network: first each unit's value,
 * layer by layer, then each unit's error dLoss/dz from the output down, with the activation's
 * derivative f'(z) it was multiplied by.
 *
 * The layout and colours come from src/charts/network.ts; this file owns only the DOM.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { backpropExample, BackpropTrace } from '../core/backprop';
import { featureRow, FeatureName } from '../core/features';
import type { ActivationName, ResolvedVariant, Snapshot } from '../core/types';
import {
  DiagramModel,
  DiagramNode,
  inputMaps,
  MapRange,
  mapPixels,
  MAX_UNITS_DRAWN,
  networkDiagram,
  scaleTable,
  unitMap,
  weightColors
} from '../charts/network';
import type { ChartInput } from '../charts/types';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Called when the user sets a weight (from = unit index) or a bias (from = 'bias'). */
export type SetParamHandler = (
  variant: number,
  layer: number,
  from: number | 'bias',
  to: number,
  value: number
) => void;

export interface NetworkViewOptions {
  trans: TranslationBundle;
  onSetParam?: SetParamHandler;
  compact?: boolean;
  /** Most units drawn per layer (default MAX_UNITS_DRAWN). */
  maxUnits?: number;
}

/** What a hovered or edited element stands for. */
interface ParamRef {
  layer: number;
  from: number | 'bias';
  to: number;
  value: number;
}

/** Format a parameter or unit value: 4 significant digits, plain zero. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3) : String(+v.toPrecision(4));
}

export class NetworkView {
  readonly node: HTMLElement;

  constructor(options: NetworkViewOptions) {
    this._options = options;
    const trans = options.trans;
    this.node = document.createElement('div');
    this.node.className = 'jp-NNLab-network';

    this._bar = document.createElement('div');
    this._bar.className = 'jp-NNLab-network-bar';
    this._variantSelect = document.createElement('select');
    this._variantSelect.className = 'jp-NNLab-network-variant';
    this._variantSelect.setAttribute('aria-label', trans.__('Network shown'));
    this._variantSelect.hidden = true;
    this._variantSelect.addEventListener('change', () => {
      this._variant = Number(this._variantSelect.value);
      this._render();
    });

    const rowLabel = document.createElement('label');
    rowLabel.className = 'jp-NNLab-network-backprop';
    rowLabel.append(trans.__('Backprop one example:'));
    this._rowSelect = document.createElement('select');
    this._rowSelect.className = 'jp-NNLab-network-row';
    this._rowSelect.addEventListener('change', () => {
      this._row = Number(this._rowSelect.value);
      this._stage = 0;
      this._render();
    });
    rowLabel.appendChild(this._rowSelect);
    this._back = button('◀', trans.__('Previous step of the pass'), () => this._move(-1));
    this._forward = button('▶', trans.__('Next step of the pass'), () => this._move(1));
    this._back.classList.add('jp-NNLab-network-prev');
    this._forward.classList.add('jp-NNLab-network-next');
    this._caption = document.createElement('span');
    this._caption.className = 'jp-NNLab-network-caption';
    this._caption.setAttribute('aria-live', 'polite');
    this._bar.append(this._variantSelect, rowLabel, this._back, this._forward, this._caption);

    this._stageNode = document.createElement('div');
    this._stageNode.className = 'jp-NNLab-network-stage';
    this._svg = document.createElementNS(SVG_NS, 'svg');
    this._svg.classList.add('jp-NNLab-network-links');
    this._units = document.createElement('div');
    this._units.className = 'jp-NNLab-network-units';
    this._tooltip = document.createElement('div');
    this._tooltip.className = 'jp-NNLab-network-tooltip';
    this._tooltip.setAttribute('role', 'tooltip');
    this._tooltip.hidden = true;
    this._editor = document.createElement('input');
    this._editor.className = 'jp-NNLab-network-editor';
    this._editor.type = 'text';
    this._editor.inputMode = 'decimal';
    this._editor.hidden = true;
    this._editor.addEventListener('keydown', event => this._onEditorKey(event));
    this._editor.addEventListener('blur', () => this._closeEditor());
    this._stageNode.append(this._svg, this._units, this._tooltip, this._editor);

    this._legend = document.createElement('p');
    this._legend.className = 'jp-NNLab-network-legend';
    this.node.append(this._bar, this._stageNode, this._legend);

    this._svg.addEventListener('mouseover', event => this._onHover(event));
    this._svg.addEventListener('mouseout', () => this._hideTooltip());
    this._svg.addEventListener('click', event => this._onClick(event));
    this._units.addEventListener('mouseover', event => this._onHover(event));
    this._units.addEventListener('mouseout', () => this._hideTooltip());

    if (typeof ResizeObserver !== 'undefined') {
      this._resize = new ResizeObserver(() => {
        const width = this._stageNode.clientWidth;
        if (width > 0 && Math.abs(width - this._width) > 8) {
          this._render();
        }
      });
      this._resize.observe(this._stageNode);
    }
  }

  /** The diagram last drawn (for tests). */
  get model(): DiagramModel | null {
    return this._model;
  }

  /** Draw the latest snapshots. */
  update(input: ChartInput): void {
    this._input = input;
    this._syncVariants(input);
    this._syncRows(input);
    this._render();
  }

  dispose(): void {
    this._resize?.disconnect();
    this._resize = null;
    this.node.remove();
  }

  // -------------------------------------------------------------------------
  // Drawing
  // -------------------------------------------------------------------------

  private _render(): void {
    const input = this._input;
    const snapshot = input?.snapshots[this._variant] ?? input?.snapshots[0];
    const weights = snapshot?.weights;
    if (!input || !snapshot || !weights || weights.W.length === 0) {
      this._legend.textContent = this._options.trans.__(
        'The network appears with the first snapshot.'
      );
      return;
    }
    const variant = input.variants?.[this._variant] ?? input.variants?.[0];
    const features = variant?.data.features;
    const inputNames = features ?? (input.data.inputDim === 1 ? ['x'] : ['x1', 'x2']);
    this._width = this._stageNode.clientWidth || 640;
    const model = networkDiagram(weights, {
      width: this._width,
      inputNames: inputNames.slice(),
      theme: input.theme,
      compact: input.compact,
      maxUnits: this._options.maxUnits ?? MAX_UNITS_DRAWN
    });
    this._model = model;
    this._trace = this._computeTrace(snapshot, variant, features);
    this._drawLinks(model);
    this._drawUnits(model, snapshot, variant, features);
    this._drawBackprop(model);
    this._showLegend(snapshot, variant, input);
  }

  private _drawLinks(model: DiagramModel): void {
    const svg = this._svg;
    svg.setAttribute('width', String(model.width));
    svg.setAttribute('height', String(model.height));
    svg.setAttribute('viewBox', `0 0 ${model.width} ${model.height}`);
    const parts: SVGElement[] = [];
    for (const column of model.columns) {
      const title = document.createElementNS(SVG_NS, 'text');
      title.setAttribute('x', String(column.x));
      title.setAttribute('y', '12');
      title.setAttribute('class', 'jp-NNLab-network-column');
      title.textContent = column.title;
      parts.push(title);
    }
    const editable = Boolean(this._options.onSetParam);
    for (const link of model.links) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', link.path);
      path.setAttribute('class', 'jp-NNLab-link');
      path.setAttribute('stroke', link.color);
      path.setAttribute('stroke-width', String(link.width));
      parts.push(path);
      // A wider transparent twin catches the pointer on thin links.
      const hit = document.createElementNS(SVG_NS, 'path');
      hit.setAttribute('d', link.path);
      hit.setAttribute(
        'class',
        editable ? 'jp-NNLab-link-hit jp-mod-editable' : 'jp-NNLab-link-hit'
      );
      hit.dataset.layer = String(link.layer);
      hit.dataset.from = String(link.from);
      hit.dataset.to = String(link.to);
      hit.dataset.value = String(link.weight);
      parts.push(hit);
    }
    const size = model.size;
    const theme = this._input!.theme;
    for (const node of model.nodes) {
      if (node.bias === undefined) {
        continue;
      }
      const rect = document.createElementNS(SVG_NS, 'rect');
      const s = Math.max(7, Math.round(size / 5));
      rect.setAttribute('x', String(node.x - size / 2 - s / 2));
      rect.setAttribute('y', String(node.y + size / 2 - s / 2));
      rect.setAttribute('width', String(s));
      rect.setAttribute('height', String(s));
      rect.setAttribute('class', editable ? 'jp-NNLab-bias jp-mod-editable' : 'jp-NNLab-bias');
      rect.setAttribute('fill', node.bias >= 0 ? theme.classColors[1] : theme.classColors[0]);
      rect.dataset.layer = String(node.layer - 1);
      rect.dataset.from = 'bias';
      rect.dataset.to = String(node.unit);
      rect.dataset.value = String(node.bias);
      parts.push(rect);
    }
    svg.replaceChildren(...parts);
  }

  private _drawUnits(
    model: DiagramModel,
    snapshot: Snapshot,
    variant: ResolvedVariant | undefined,
    features: FeatureName[] | undefined
  ): void {
    const input = this._input!;
    const grid = snapshot.grid;
    const table = scaleTable(input.theme.diverging);
    const inputs = grid ? inputMaps(grid, input.data.inputDim, features) : null;
    const output = variant?.network.output ?? 'sigmoid';
    const size = model.size;
    const nodes: HTMLElement[] = [];
    for (const unit of model.nodes) {
      const box = document.createElement('div');
      box.className = 'jp-NNLab-unit';
      box.dataset.layer = String(unit.layer);
      box.dataset.unit = String(unit.unit);
      box.classList.toggle('jp-mod-last', unit.layer === model.columns.length - 1);
      box.style.left = `${unit.x - size / 2}px`;
      box.style.top = `${unit.y - size / 2}px`;
      box.style.width = `${size}px`;
      box.style.height = `${size}px`;
      const map = unitMap(unit, model.columns.length - 1, snapshot, inputs, output);
      const values = map ? Array.from(map.values) : undefined;
      const range: MapRange = map?.range ?? 'signed';
      if (values && grid) {
        box.appendChild(
          grid.y.length > 0
            ? mapCanvas(values, grid.n, table, range)
            : curveCanvas(values, size, input.theme.text, input.theme.grid)
        );
      }
      const label = document.createElement('span');
      label.className = 'jp-NNLab-unit-name';
      label.textContent = unit.name;
      box.appendChild(label);
      const value = document.createElement('span');
      value.className = 'jp-NNLab-unit-value';
      box.appendChild(value);
      nodes.push(box);
    }
    for (const more of model.more) {
      const tag = document.createElement('div');
      tag.className = 'jp-NNLab-unit-more';
      tag.style.left = `${more.x - size}px`;
      tag.style.top = `${more.y - size / 4}px`;
      tag.style.width = `${2 * size}px`;
      tag.textContent = this._options.trans.__('+%1 more', more.count);
      nodes.push(tag);
    }
    this._units.style.width = `${model.width}px`;
    this._units.style.height = `${model.height}px`;
    this._units.replaceChildren(...nodes);
  }

  /**
   * The key under the diagram: a swatch of each link colour (class 1's and class 0's, which
   * a regression has no use for as names), what the width and the corner squares mean, and
   * which network a compare shows.
   */
  private _showLegend(
    snapshot: Snapshot,
    variant: ResolvedVariant | undefined,
    input: ChartInput
  ): void {
    const trans = this._options.trans;
    const { positive, negative } = weightColors(input.theme);
    const classes = input.data.task === 'classification';
    const text = (value: string) => document.createTextNode(value);
    const nodes: Node[] = [];
    if (variant && snapshot.label && input.snapshots.length > 1) {
      nodes.push(text(trans.__('Network: %1.', snapshot.label) + ' '));
    }
    nodes.push(
      text(trans.__('Links:') + ' '),
      swatch(positive),
      text(
        ' ' +
          (classes
            ? trans.__("positive weight (class 1's colour),")
            : trans.__('positive weight,')) +
          ' '
      ),
      swatch(negative),
      text(
        ' ' +
          (classes ? trans.__("negative (class 0's);") : trans.__('negative;')) +
          ' ' +
          trans.__('width = size. Squares at the corners are biases.')
      )
    );
    if (this._options.onSetParam) {
      nodes.push(text(' ' + trans.__('Hover for the exact value, click to set it.')));
    }
    this._legend.replaceChildren(...nodes);
  }

  // -------------------------------------------------------------------------
  // Backprop for one example
  // -------------------------------------------------------------------------

  private _syncVariants(input: ChartInput): void {
    const labels = input.snapshots.map(s => s.label);
    const key = labels.join('\n');
    if (key === this._variantKey) {
      return;
    }
    this._variantKey = key;
    this._variantSelect.replaceChildren(
      ...labels.map((label, i) => option(String(i), label || `#${i}`))
    );
    this._variant = Math.min(this._variant, labels.length - 1);
    this._variantSelect.value = String(this._variant);
    this._variantSelect.hidden = labels.length < 2;
  }

  private _syncRows(input: ChartInput): void {
    const data = input.data;
    const key = `${data.train.length}:${data.x.length}:${data.train.slice(0, 4).join(',')}`;
    if (key === this._rowKey) {
      return;
    }
    this._rowKey = key;
    const trans = this._options.trans;
    const options = [option('-1', trans.__('off'))];
    // At most 50 rows in the menu: enough to pick examples, short enough to scan.
    for (const i of data.train.slice(0, 50)) {
      const point = data.x[i].map(v => formatValue(v)).join(', ');
      const target = formatValue(data.y[i]);
      options.push(option(String(i), `#${i} (${point}) → ${target}`));
    }
    this._rowSelect.replaceChildren(...options);
    if (this._row >= 0 && !data.train.includes(this._row)) {
      this._row = -1;
    }
    this._rowSelect.value = String(this._row);
  }

  private _computeTrace(
    snapshot: Snapshot,
    variant: ResolvedVariant | undefined,
    features: FeatureName[] | undefined
  ): BackpropTrace | null {
    const input = this._input;
    if (this._row < 0 || !input || !snapshot.weights || !variant) {
      return null;
    }
    const point = input.data.x[this._row];
    if (!point) {
      return null;
    }
    const x = features ? featureRow(point, features) : point;
    const outputs = variant.network.layers[variant.network.layers.length - 1];
    const y = targetRow(input.data.y[this._row], input.data.task, outputs, variant.network.output);
    const activations: ActivationName[] = [...variant.network.activations, variant.network.output];
    try {
      return backpropExample(snapshot.weights, activations, x, y, variant.training.loss, {
        leakySlope: variant.network.leakySlope
      });
    } catch {
      return null;
    }
  }

  private _move(step: number): void {
    const L = this._model ? this._model.columns.length - 1 : 0;
    this._stage = Math.max(0, Math.min(2 * L, this._stage + step));
    this._render();
  }

  private _drawBackprop(model: DiagramModel): void {
    const trace = this._trace;
    const trans = this._options.trans;
    const L = model.columns.length - 1;
    const on = trace !== null;
    this._back.disabled = !on || this._stage <= 0;
    this._forward.disabled = !on || this._stage >= 2 * L;
    this.node.classList.toggle('jp-mod-backprop', on);
    if (!trace) {
      this._caption.textContent = '';
      return;
    }
    const stage = Math.min(this._stage, 2 * L);
    const forward = stage <= L;
    // Forward: layers 0..stage have their values. Backward: layers L..(2L - stage + 1) their errors.
    const lowestBack = 2 * L - stage + 1;
    for (const box of Array.from(this._units.querySelectorAll<HTMLElement>('.jp-NNLab-unit'))) {
      const l = Number(box.dataset.layer);
      const u = Number(box.dataset.unit);
      const value = box.querySelector('.jp-NNLab-unit-value') as HTMLElement;
      let text = '';
      if (forward && l <= stage) {
        text = `a=${formatValue(trace.a[l][u])}`;
      } else if (!forward && l >= lowestBack && l >= 1) {
        const f = trace.factor[l];
        text = `δ=${formatValue(trace.delta[l][u])}`;
        if (f) {
          text += ` ×f′=${formatValue(f[u])}`;
        }
      } else if (!forward && l === 0) {
        text = '';
      }
      value.textContent = text;
      box.classList.toggle(
        'jp-mod-active',
        text !== '' && (forward ? l === stage : l === lowestBack)
      );
    }
    if (stage === 0) {
      this._caption.textContent = trans.__(
        'Step 0: the example enters as a[0] = x. Loss of this example: %1',
        formatValue(trace.loss)
      );
    } else if (forward) {
      this._caption.textContent = trans.__('Forward, layer %1: z = a W + b, a = f(z)', stage);
    } else {
      this._caption.textContent =
        lowestBack === L
          ? trans.__('Backward, output layer: δ = dLoss/dz from the loss')
          : trans.__(
              'Backward, layer %1: δ = (δ of layer %2 · Wᵀ) × f′(z)',
              lowestBack,
              lowestBack + 1
            );
    }
  }

  // -------------------------------------------------------------------------
  // Hover and editing
  // -------------------------------------------------------------------------

  private _refOf(target: EventTarget | null): ParamRef | null {
    const el = target as SVGElement | null;
    if (!el || !el.dataset || el.dataset.from === undefined) {
      return null;
    }
    const from = el.dataset.from === 'bias' ? 'bias' : Number(el.dataset.from);
    return {
      layer: Number(el.dataset.layer),
      from,
      to: Number(el.dataset.to),
      value: Number(el.dataset.value)
    };
  }

  private _describe(ref: ParamRef): string {
    const model = this._model;
    if (!model) {
      return '';
    }
    const name = (layer: number, unit: number) =>
      model.nodes.find(n => n.layer === layer && n.unit === unit)?.name ?? `${layer}.${unit}`;
    const target = name(ref.layer + 1, ref.to);
    let text =
      ref.from === 'bias'
        ? `bias of ${target}: ${formatValue(ref.value)}`
        : `weight ${name(ref.layer, ref.from)} → ${target}: ${formatValue(ref.value)}`;
    const trace = this._trace;
    if (trace) {
      const g =
        ref.from === 'bias' ? trace.db[ref.layer][ref.to] : trace.dW[ref.layer][ref.from][ref.to];
      text += ` (dLoss/d = ${formatValue(g)})`;
    }
    return text;
  }

  private _onHover(event: MouseEvent): void {
    const ref = this._refOf(event.target);
    if (ref) {
      this._showTooltip(this._describe(ref), event);
      return;
    }
    const box = (event.target as HTMLElement).closest?.('.jp-NNLab-unit') as HTMLElement | null;
    if (box && this._model) {
      const l = Number(box.dataset.layer);
      const u = Number(box.dataset.unit);
      const node = this._model.nodes.find(n => n.layer === l && n.unit === u);
      if (node) {
        this._showTooltip(this._unitText(node), event);
      }
    }
  }

  private _unitText(node: DiagramNode): string {
    let text = node.name;
    if (node.bias !== undefined) {
      text += `, bias ${formatValue(node.bias)}`;
    }
    const trace = this._trace;
    if (trace) {
      text += `: a = ${formatValue(trace.a[node.layer][node.unit])}`;
      if (node.layer > 0) {
        text += `, z = ${formatValue(trace.z[node.layer][node.unit])}, δ = ${formatValue(trace.delta[node.layer][node.unit])}`;
        const f = trace.factor[node.layer];
        if (f) {
          text += `, f′(z) = ${formatValue(f[node.unit])}`;
        }
      }
    }
    return text;
  }

  private _showTooltip(text: string, event: MouseEvent): void {
    const { x, y } = this._stagePoint(event);
    this._tooltip.textContent = text;
    this._tooltip.hidden = false;
    this._tooltip.style.left = `${Math.max(0, Math.min(x + 12, (this._model?.width ?? 400) - 220))}px`;
    this._tooltip.style.top = `${y + 14}px`;
  }

  /**
   * Where `event` happened in the stage's own pixels. At presentation scale the stage is
   * drawn larger than its layout box (a CSS transform), so screen pixels are divided by it.
   */
  private _stagePoint(event: MouseEvent): { x: number; y: number } {
    const stage = this._stageNode;
    const box = stage.getBoundingClientRect();
    const scale = stage.offsetWidth > 0 && box.width > 0 ? box.width / stage.offsetWidth : 1;
    return {
      x: (event.clientX - box.left) / scale + stage.scrollLeft,
      y: (event.clientY - box.top) / scale + stage.scrollTop
    };
  }

  private _hideTooltip(): void {
    if (!this._tooltipPinned) {
      this._tooltip.hidden = true;
    }
  }

  private _onClick(event: MouseEvent): void {
    const ref = this._refOf(event.target);
    if (!ref || !this._options.onSetParam) {
      return;
    }
    this._editing = ref;
    const { x, y } = this._stagePoint(event);
    const editor = this._editor;
    editor.value = String(ref.value);
    editor.setAttribute('aria-label', this._describe(ref));
    editor.style.left = `${x}px`;
    editor.style.top = `${y - 12}px`;
    editor.hidden = false;
    editor.classList.remove('jp-mod-error');
    editor.focus();
    editor.select();
  }

  private _onEditorKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this._closeEditor();
      return;
    }
    if (event.key !== 'Enter' || !this._editing) {
      return;
    }
    event.preventDefault();
    const value = Number(this._editor.value.trim());
    if (this._editor.value.trim() === '' || !Number.isFinite(value)) {
      this._editor.classList.add('jp-mod-error');
      this._editor.title = this._options.trans.__('Type a number, e.g. -1.5');
      this._tooltip.textContent = this._options.trans.__(
        '"%1" is not a number: type e.g. -1.5',
        this._editor.value
      );
      this._tooltip.hidden = false;
      this._tooltipPinned = true;
      return;
    }
    const ref = this._editing;
    this._options.onSetParam?.(this._variant, ref.layer, ref.from, ref.to, value);
    this._closeEditor();
  }

  private _closeEditor(): void {
    this._editing = null;
    this._editor.hidden = true;
    this._tooltipPinned = false;
    this._tooltip.hidden = true;
  }

  private readonly _options: NetworkViewOptions;
  private readonly _bar: HTMLElement;
  private readonly _variantSelect: HTMLSelectElement;
  private readonly _rowSelect: HTMLSelectElement;
  private readonly _back: HTMLButtonElement;
  private readonly _forward: HTMLButtonElement;
  private readonly _caption: HTMLElement;
  private readonly _stageNode: HTMLElement;
  private readonly _svg: SVGSVGElement;
  private readonly _units: HTMLElement;
  private readonly _tooltip: HTMLElement;
  private readonly _editor: HTMLInputElement;
  private readonly _legend: HTMLElement;
  private _resize: ResizeObserver | null = null;
  private _input: ChartInput | null = null;
  private _model: DiagramModel | null = null;
  private _trace: BackpropTrace | null = null;
  private _variant = 0;
  private _variantKey = '';
  private _rowKey = '';
  private _row = -1;
  private _stage = 0;
  private _width = 0;
  private _editing: ParamRef | null = null;
  private _tooltipPinned = false;
}

/** A network view inside a chart container, its edits sent to `setParam`. */
export function createNetworkView(
  host: HTMLElement,
  trans: TranslationBundle,
  compact: boolean | undefined,
  setParam: (
    layer: number,
    from: number | 'bias',
    to: number,
    value: number,
    variant?: number
  ) => void
): NetworkView {
  const view = new NetworkView({
    trans,
    compact,
    onSetParam: (variant, layer, from, to, value) => setParam(layer, from, to, value, variant)
  });
  host.appendChild(view.node);
  return view;
}

/** The target row the loss compares the output with, as the trainer builds it. */
export function targetRow(
  y: number,
  task: 'classification' | 'regression',
  outputs: number,
  output: ActivationName
): number[] {
  if (task === 'regression') {
    return [y];
  }
  const low = output === 'tanh' ? -1 : 0;
  if (outputs === 1) {
    return [y === 1 ? 1 : low];
  }
  return Array.from({ length: outputs }, (_, k) => (k === y ? 1 : low));
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

/** A small bar in a link colour, for the key under the diagram. */
function swatch(color: string): HTMLElement {
  const node = document.createElement('span');
  node.className = 'jp-NNLab-network-swatch';
  node.style.background = color;
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'jp-NNLab-button';
  b.textContent = text;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** An n x n map as a canvas of n x n pixels, scaled up by CSS. */
function mapCanvas(
  values: number[],
  n: number,
  table: Uint8ClampedArray,
  range: MapRange
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  canvas.className = 'jp-NNLab-unit-map';
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const image = ctx.createImageData(n, n);
    image.data.set(mapPixels(values, n, table, range));
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}

/** A 1-D unit: its output over x as a curve, scaled to its own range, with the zero line. */
function curveCanvas(values: number[], size: number, ink: string, grid: string): HTMLCanvasElement {
  const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size * ratio);
  canvas.height = Math.round(size * ratio);
  canvas.className = 'jp-NNLab-unit-map';
  const ctx = canvas.getContext('2d');
  if (!ctx || values.length < 2) {
    return canvas;
  }
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi - lo < 1e-12) {
    hi += 1;
    lo -= 1;
  }
  const w = canvas.width;
  const h = canvas.height;
  const py = (v: number) => h - 2 - ((v - lo) / (hi - lo)) * (h - 4);
  ctx.strokeStyle = grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, py(0));
  ctx.lineTo(w, py(0));
  ctx.stroke();
  ctx.strokeStyle = ink;
  ctx.lineWidth = 1.5 * ratio;
  ctx.beginPath();
  values.forEach((v, i) => {
    const x = (i / (values.length - 1)) * w;
    if (i === 0) {
      ctx.moveTo(x, py(v));
    } else {
      ctx.lineTo(x, py(v));
    }
  });
  ctx.stroke();
  return canvas;
}
