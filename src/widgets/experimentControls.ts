/**
 * The control bar of an experiment: play/pause, step, reset, speed, activation and learning
 * rate.
 *
 * The presentation button switches the charts to presentation scale (for a projector).
 *
 * Every control is a native `<button>`, `<select>` or `<input>` with a visible or ARIA label,
 * so it works with the keyboard and screen readers without extra code. The bar only builds
 * the DOM and reports what the user asked for; the experiment view decides what happens.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ActivationName } from '../core/types';
import type { RunState, Speed } from '../engine/protocol';

/** What the user can ask for. */
export interface ControlHandlers {
  togglePlay(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: Speed): void;
  setActivation(layer: number | 'all', name: ActivationName): void;
  setLearningRate(learningRate: number): void;
  /** Switch presentation scale on or off. */
  togglePresentation(): void;
}

export interface ControlsOptions {
  trans: TranslationBundle;
  handlers: ControlHandlers;
  /** Activation of each hidden layer of the first variant. */
  activations: ActivationName[];
  /** Names offered in the activation select. */
  activationNames: readonly ActivationName[];
  learningRate: number;
  speed: Speed;
  /** Epochs trained by one press of "step". */
  stepEpochs: number;
  /** Label of the variant the activation control changes, when there are several. */
  variantLabel?: string;
}

/** Epochs per second offered by the speed select; 'max' trains as fast as the machine can. */
export const SPEEDS: readonly Speed[] = [1, 10, 30, 100, 300, 1000, 'max'];

/** Parse a learning rate typed by the user: a finite positive number, else null. */
export function parseLearningRate(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    return null;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 ? value : null;
}

let nextId = 0;

/**
 * Tells this copy of the module from another one on the same page: the JupyterLab extension
 * and the anywidget bundle each carry one, and their counters would give the same ids.
 */
const COPY = Math.random().toString(36).slice(2, 8);

/** A unique id for label/aria-describedby links. */
function uid(stem: string): string {
  return `jp-NNLab-${stem}-${COPY}-${++nextId}`;
}

export class ExperimentControls {
  readonly node: HTMLElement;
  readonly playButton: HTMLButtonElement;
  readonly stepButton: HTMLButtonElement;
  readonly resetButton: HTMLButtonElement;
  readonly speedSelect: HTMLSelectElement;
  /** Which hidden layer the activation select changes; null when there is only one. */
  readonly layerSelect: HTMLSelectElement | null;
  readonly activationSelect: HTMLSelectElement;
  readonly learningRateInput: HTMLInputElement;
  /** Inline message under the learning rate when the input is not a positive number. */
  readonly learningRateMessage: HTMLElement;
  /** Presentation scale on or off (aria-pressed tells which). */
  readonly presentationButton: HTMLButtonElement;

  constructor(options: ControlsOptions) {
    const { trans, handlers } = options;
    this._trans = trans;
    this._activations = [...options.activations];
    this.node = document.createElement('div');
    this.node.className = 'jp-NNLab-controls';
    this.node.setAttribute('role', 'toolbar');
    this.node.setAttribute('aria-label', trans.__('Training controls'));

    const buttons = group(this.node, 'jp-NNLab-buttons');
    this.playButton = button(buttons, trans.__('Play'), 'jp-NNLab-play');
    this.playButton.addEventListener('click', () => handlers.togglePlay());
    this.stepButton = button(
      buttons,
      trans.__('Step'),
      'jp-NNLab-step',
      trans._n('Train %1 epoch, then pause', 'Train %1 epochs, then pause', options.stepEpochs)
    );
    this.stepButton.addEventListener('click', () => handlers.step());
    this.resetButton = button(
      buttons,
      trans.__('Reset'),
      'jp-NNLab-reset',
      trans.__('Back to the initial weights')
    );
    this.resetButton.addEventListener('click', () => handlers.reset());

    this.speedSelect = select(this.node, trans.__('Speed'), 'jp-NNLab-speed');
    for (const speed of SPEEDS) {
      const label =
        speed === 'max' ? trans.__('fastest') : trans._n('%1 epoch/s', '%1 epochs/s', speed);
      addOption(this.speedSelect, String(speed), label);
    }
    this.speedSelect.value = String(options.speed);
    this.speedSelect.addEventListener('change', () => {
      const value = this.speedSelect.value;
      handlers.setSpeed(value === 'max' ? 'max' : Number(value));
    });

    const hidden = options.activations.length;
    if (hidden > 1) {
      this.layerSelect = select(this.node, trans.__('Layer'), 'jp-NNLab-layer');
      addOption(this.layerSelect, 'all', trans.__('all hidden layers'));
      for (let l = 0; l < hidden; l++) {
        addOption(this.layerSelect, String(l), trans.__('hidden layer %1', l + 1));
      }
      this.layerSelect.addEventListener('change', () => this._showLayerActivation());
    } else {
      this.layerSelect = null;
    }
    const activationLabel = options.variantLabel
      ? trans.__('Activation (%1)', options.variantLabel)
      : trans.__('Activation');
    this.activationSelect = select(this.node, activationLabel, 'jp-NNLab-activation');
    if (hidden === 0) {
      // A network without hidden layers has no activation to change: no empty control.
      this.activationSelect.disabled = true;
      (this.activationSelect.parentElement as HTMLElement).hidden = true;
    }
    for (const name of options.activationNames) {
      addOption(this.activationSelect, name, name);
    }
    this._showLayerActivation();
    this.activationSelect.addEventListener('change', () => {
      const name = this.activationSelect.value as ActivationName;
      if (!name) {
        return;
      }
      const layer = this._selectedLayer();
      if (layer === 'all') {
        this._activations.fill(name);
      } else {
        this._activations[layer] = name;
      }
      handlers.setActivation(layer, name);
    });

    const lrGroup = group(this.node, 'jp-NNLab-field jp-NNLab-lr');
    const lrLabel = document.createElement('label');
    this.learningRateInput = document.createElement('input');
    this.learningRateInput.type = 'text';
    this.learningRateInput.inputMode = 'decimal';
    this.learningRateInput.size = 7;
    this.learningRateInput.id = uid('lr');
    this.learningRateInput.value = String(options.learningRate);
    lrLabel.htmlFor = this.learningRateInput.id;
    lrLabel.textContent = trans.__('Learning rate');
    this.learningRateMessage = document.createElement('span');
    this.learningRateMessage.className = 'jp-NNLab-field-message';
    this.learningRateMessage.id = uid('lr-message');
    this.learningRateMessage.hidden = true;
    this.learningRateInput.setAttribute('aria-describedby', this.learningRateMessage.id);
    lrGroup.append(lrLabel, this.learningRateInput, this.learningRateMessage);
    // 'change' fires on Enter and when the field loses focus: the value is complete then.
    this.learningRateInput.addEventListener('change', () => {
      const value = parseLearningRate(this.learningRateInput.value);
      if (value === null) {
        this._invalidLearningRate();
      } else {
        this._validLearningRate();
        handlers.setLearningRate(value);
      }
    });

    const view = group(this.node, 'jp-NNLab-buttons jp-NNLab-view-buttons');
    this.presentationButton = button(
      view,
      trans.__('Presentation'),
      'jp-NNLab-presentation',
      trans.__('Larger text, markers and lines, to read on a projector')
    );
    this.presentationButton.setAttribute('aria-pressed', 'false');
    this.presentationButton.addEventListener('click', () => handlers.togglePresentation());
  }

  /** Show whether presentation scale is on. */
  setPresentation(on: boolean): void {
    this.presentationButton.setAttribute('aria-pressed', String(on));
  }

  /**
   * Hide the training controls (an experiment that shows only functions trains nothing);
   * the presentation button stays.
   */
  hideTraining(): void {
    for (const child of this.node.children) {
      (child as HTMLElement).hidden = !child.classList.contains('jp-NNLab-view-buttons');
    }
  }

  /** Show the run state on the play button; disable what makes no sense. */
  setState(state: RunState): void {
    const running = state === 'running';
    this.playButton.textContent = running ? this._trans.__('Pause') : this._trans.__('Play');
    this.playButton.title = running
      ? this._trans.__('Pause training')
      : state === 'done'
        ? this._trans.__('Train again from the start')
        : this._trans.__('Start training');
    this.playButton.disabled = state === 'error';
    this.stepButton.disabled = state === 'error';
  }

  /** Mirror an activation change made from code (e.g. the side panel). */
  showActivation(layer: number | 'all', name: ActivationName): void {
    if (layer === 'all') {
      this._activations.fill(name);
    } else {
      this._activations[layer] = name;
    }
    this._showLayerActivation();
  }

  /** Disable every control, e.g. when the spec is invalid. */
  disable(): void {
    for (const control of this.node.querySelectorAll('button, select, input')) {
      (control as HTMLButtonElement).disabled = true;
    }
  }

  private _selectedLayer(): number | 'all' {
    if (!this.layerSelect || this.layerSelect.value === 'all') {
      return this.layerSelect ? 'all' : 0;
    }
    return Number(this.layerSelect.value);
  }

  /** Set the activation select to the chosen layer's function (blank when layers differ). */
  private _showLayerActivation(): void {
    const layer = this._selectedLayer();
    const names = layer === 'all' ? this._activations : [this._activations[layer]];
    const same = names.length > 0 && names.every(name => name === names[0]);
    let blank = this.activationSelect.querySelector('option[value=""]') as HTMLOptionElement | null;
    if (same) {
      blank?.remove();
      this.activationSelect.value = names[0];
    } else {
      if (!blank) {
        blank = document.createElement('option');
        blank.value = '';
        blank.textContent = this._trans.__('(mixed)');
        this.activationSelect.prepend(blank);
      }
      this.activationSelect.value = '';
    }
  }

  private _invalidLearningRate(): void {
    this.learningRateInput.setAttribute('aria-invalid', 'true');
    this.learningRateMessage.textContent = this._trans.__('Enter a positive number, such as 0.05.');
    this.learningRateMessage.hidden = false;
  }

  private _validLearningRate(): void {
    this.learningRateInput.removeAttribute('aria-invalid');
    this.learningRateMessage.textContent = '';
    this.learningRateMessage.hidden = true;
  }

  private _trans: TranslationBundle;
  private _activations: ActivationName[];
}

function group(parent: HTMLElement, className: string): HTMLElement {
  const node = document.createElement('div');
  node.className = className;
  parent.appendChild(node);
  return node;
}

function button(
  parent: HTMLElement,
  text: string,
  className: string,
  title?: string
): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = `jp-NNLab-button ${className}`;
  node.textContent = text;
  if (title) {
    node.title = title;
  }
  parent.appendChild(node);
  return node;
}

/** A labelled select inside its own field group. */
function select(parent: HTMLElement, labelText: string, className: string): HTMLSelectElement {
  const field = group(parent, `jp-NNLab-field ${className}`);
  const label = document.createElement('label');
  const node = document.createElement('select');
  node.id = uid(className.replace('jp-NNLab-', ''));
  label.htmlFor = node.id;
  label.textContent = labelText;
  field.append(label, node);
  return node;
}

function addOption(parent: HTMLSelectElement, value: string, text: string): void {
  const option = document.createElement('option');
  option.value = value;
  option.textContent = text;
  parent.appendChild(option);
}
