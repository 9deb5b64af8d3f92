/**
 * The side panel's memory: its saved state (the playground's controls and which sections are
 * open) and the user's settings, applied in the right order.
 *
 * - The saved state is restored once JupyterLab has restored its layout; until then nothing
 *   is saved, so the restore cannot overwrite what it is about to read.
 * - A settings change is written to the shared settings store, and a changed default (seed,
 *   random generator, charts) is applied to the playground at once, so the user sees its
 *   effect; but the first settings loaded never overwrite a playground restored from the last
 *   session.
 * - Chart rate and grid resolution are options of the view, not of the spec: changing them
 *   rebuilds the view.
 */
import type { ISignal } from '@lumino/signaling';
import type { NNLabSettings, SettingsStore } from './settings';
import type { PanelState } from './widgets/panel';
import type { PanelCaps, PanelControls } from './widgets/panelModel';

/** The state database, as far as the panel uses it. */
export interface StateStoreLike {
  fetch(key: string): Promise<unknown>;
  save(key: string, value: never): Promise<unknown>;
}

/** A loaded settings file: its values and a signal when the user edits them. */
export interface LoadedSettingsLike {
  readonly composite: unknown;
  readonly changed: ISignal<unknown, unknown>;
}

export interface PanelStateOptions {
  panel: {
    state: PanelState;
    readonly stateChanged: ISignal<unknown, void>;
    refresh(): void;
  };
  model: {
    caps: PanelCaps;
    update(patch: Partial<PanelControls>): void;
  };
  settings: SettingsStore;
  /** Where the state is saved; null when JupyterLab has no state database. */
  state: StateStoreLike | null;
  key: string;
  /** Resolves once JupyterLab has restored its layout. */
  restored: Promise<unknown>;
  /** Loads the settings file; null when there is no settings registry. */
  loadSettings: (() => Promise<LoadedSettingsLike>) | null;
  /** Where problems are reported (default: console.warn). */
  warn?: (message: string, reason: unknown) => void;
}

export class PanelStateKeeper {
  constructor(options: PanelStateOptions) {
    this._options = options;
    this._previous = options.settings.current;
    options.settings.changed.connect(this._onSettings, this);
    options.panel.stateChanged.connect(this._onPanelChanged, this);
    this.restoredState = this._restore();
    // Settings after the restore: their first values then know whether to keep the playground.
    this.loadedSettings = this.restoredState.then(() => this._loadSettings());
  }

  /** Resolves when the saved state has been restored (or there was none to restore). */
  readonly restoredState: Promise<void>;
  /** Resolves when the settings file is loaded (or there is none). */
  readonly loadedSettings: Promise<void>;

  /** True once saved controls were put back into the playground. */
  get restoredControls(): boolean {
    return this._restoredControls;
  }

  dispose(): void {
    this._options.settings.changed.disconnect(this._onSettings, this);
    this._options.panel.stateChanged.disconnect(this._onPanelChanged, this);
  }

  private async _restore(): Promise<void> {
    const { state, key, panel } = this._options;
    if (!state) {
      this._restoring = false;
      return;
    }
    try {
      await this._options.restored;
      const saved = await state.fetch(key);
      if (saved && typeof saved === 'object') {
        panel.state = saved as Partial<PanelState> as PanelState;
        this._restoredControls = true;
      }
    } catch (reason) {
      this._warn('NN Lab: cannot restore the panel state', reason);
    }
    this._restoring = false;
  }

  private _onPanelChanged(): void {
    const { state, key, panel } = this._options;
    if (state && !this._restoring) {
      void state.save(key, panel.state as never);
    }
  }

  private async _loadSettings(): Promise<void> {
    const load = this._options.loadSettings;
    if (!load) {
      return;
    }
    try {
      const loaded = await load();
      const apply = () =>
        this._options.settings.update(
          loaded.composite as Partial<Record<keyof NNLabSettings, unknown>>
        );
      this._initialLoad = true;
      apply();
      this._initialLoad = false;
      loaded.changed.connect(apply);
    } catch (reason) {
      this._warn('NN Lab: cannot load the settings', reason);
    }
  }

  private _onSettings(_: unknown, current: NNLabSettings): void {
    const { model, panel } = this._options;
    const previous = this._previous;
    model.caps = current;
    const keepRestored = this._initialLoad && this._restoredControls;
    const defaults: Partial<PanelControls> = {};
    if (current.defaultSeed !== previous.defaultSeed) {
      defaults.seed = current.defaultSeed;
    }
    if (current.defaultRng !== previous.defaultRng) {
      defaults.rng = current.defaultRng;
    }
    if (current.defaultViews.join() !== previous.defaultViews.join()) {
      defaults.views = current.defaultViews;
    }
    const viewChanged =
      current.snapshotRate !== previous.snapshotRate ||
      current.gridResolution !== previous.gridResolution;
    this._previous = current;
    if (!keepRestored) {
      model.update(defaults);
    }
    if (viewChanged) {
      panel.refresh();
    }
  }

  private _warn(message: string, reason: unknown): void {
    (this._options.warn ?? console.warn)(message, reason);
  }

  private readonly _options: PanelStateOptions;
  private _previous: NNLabSettings;
  private _restoring = true;
  private _restoredControls = false;
  private _initialLoad = false;
}
