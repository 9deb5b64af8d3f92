/**
 * The user's NN Lab settings (Settings Editor, schema/settings/plugin.json) as one module-level object.
 *
 * The panel plugin loads the settings and writes them here; anything else in the extension,
 * the notebook renderer included, reads `nnlabSettings.current` and listens to `changed`, so a
 * change applies at once without a reload and without the renderer depending on the settings
 * registry (a MIME extension cannot ask for it).
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { RngKind, ViewName } from './core/types';

export interface NNLabSettings {
  /** Seed of new playground experiments. */
  defaultSeed: number;
  /** Random number generator of new playground experiments. */
  defaultRng: RngKind;
  /** Most units in a hidden layer of the playground. */
  maxUnits: number;
  /** Most hidden layers in the playground. */
  maxLayers: number;
  /** Most epochs of a playground experiment. */
  maxEpochs: number;
  /** Most chart updates per second while training. */
  snapshotRate: number;
  /** Side of the decision-surface grid (n x n points). */
  gridResolution: number;
  /** Charts of a new playground experiment. */
  defaultViews: ViewName[];
  /** Experiments start at presentation scale (each one's toggle can switch it). */
  presentation: boolean;
  /** The presentation scale: how much larger text, markers and lines are drawn. */
  presentationScale: number;
}

/** The values when the user has changed nothing (the same as the schema's defaults). */
export const DEFAULT_SETTINGS: Readonly<NNLabSettings> = {
  defaultSeed: 0,
  defaultRng: 'default',
  maxUnits: 16,
  maxLayers: 6,
  maxEpochs: 5000,
  snapshotRate: 10,
  gridResolution: 40,
  defaultViews: ['boundary', 'loss', 'hidden'],
  presentation: false,
  presentationScale: 1.5
};

/** Holds the current settings and tells listeners when they change. */
export class SettingsStore {
  /** A copy of the current settings. */
  get current(): NNLabSettings {
    return { ...this._current, defaultViews: [...this._current.defaultViews] };
  }

  get changed(): ISignal<this, NNLabSettings> {
    return this._changed;
  }

  /**
   * Take new values (from the settings registry's composite). Unknown keys and values of the
   * wrong type are ignored, so a hand-edited settings file cannot break the extension.
   */
  update(values: Partial<Record<keyof NNLabSettings, unknown>>): void {
    const next: NNLabSettings = { ...this._current };
    const positive = (v: unknown): v is number =>
      typeof v === 'number' && Number.isFinite(v) && v > 0;
    if (
      typeof values.defaultSeed === 'number' &&
      Number.isInteger(values.defaultSeed) &&
      values.defaultSeed >= 0
    ) {
      next.defaultSeed = values.defaultSeed;
    }
    if (values.defaultRng === 'default' || values.defaultRng === 'numpy') {
      next.defaultRng = values.defaultRng;
    }
    for (const key of [
      'maxUnits',
      'maxLayers',
      'maxEpochs',
      'snapshotRate',
      'gridResolution'
    ] as const) {
      const v = values[key];
      if (positive(v)) {
        next[key] = Math.round(v);
      }
    }
    if (typeof values.presentation === 'boolean') {
      next.presentation = values.presentation;
    }
    if (positive(values.presentationScale)) {
      next.presentationScale = Math.min(3, Math.max(1, values.presentationScale));
    }
    if (
      Array.isArray(values.defaultViews) &&
      values.defaultViews.every(v => typeof v === 'string')
    ) {
      next.defaultViews = [...(values.defaultViews as ViewName[])];
    }
    if (JSON.stringify(next) !== JSON.stringify(this._current)) {
      this._current = next;
      this._changed.emit(this.current);
    }
  }

  private _current: NNLabSettings = {
    ...DEFAULT_SETTINGS,
    defaultViews: [...DEFAULT_SETTINGS.defaultViews]
  };
  private _changed = new Signal<this, NNLabSettings>(this);
}

/** The one store of the running extension. */
export const nnlabSettings = new SettingsStore();
