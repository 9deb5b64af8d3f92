/**
 * The panel's restore and settings sequence: saved state comes back after the layout is
 * restored, nothing is saved before that, the first settings never overwrite a restored
 * playground, later setting changes apply at once, and view options rebuild the view.
 */
import { Signal } from '@lumino/signaling';
import { PanelStateKeeper, StateStoreLike } from '../panelState';
import { SettingsStore } from '../settings';
import type { PanelState } from '../widgets/panel';
import { defaultControls, PanelControls, PanelCaps } from '../widgets/panelModel';

class FakePanel {
  state: PanelState = { controls: defaultControls(), open: ['playground'] };
  stateChanged = new Signal<this, void>(this);
  refreshed = 0;
  refresh(): void {
    this.refreshed++;
  }
}

class FakeModel {
  caps: PanelCaps = { maxUnits: 16, maxLayers: 6, maxEpochs: 5000 };
  updates: Partial<PanelControls>[] = [];
  update(patch: Partial<PanelControls>): void {
    this.updates.push(patch);
  }
}

class FakeState implements StateStoreLike {
  constructor(public saved: unknown) {}
  saves: unknown[] = [];
  async fetch(): Promise<unknown> {
    return this.saved;
  }
  async save(_key: string, value: never): Promise<unknown> {
    this.saves.push(value);
    return undefined;
  }
}

function loaded(composite: Record<string, unknown>) {
  const changed = new Signal<unknown, unknown>({});
  return { composite, changed };
}

function setup(options: {
  saved?: unknown;
  settings?: Record<string, unknown>;
  withState?: boolean;
}) {
  const panel = new FakePanel();
  const model = new FakeModel();
  const settings = new SettingsStore();
  const state = options.withState === false ? null : new FakeState(options.saved);
  let restore!: () => void;
  const restored = new Promise<void>(resolve => (restore = resolve));
  const file = loaded(options.settings ?? {});
  const keeper = new PanelStateKeeper({
    panel,
    model,
    settings,
    state,
    key: 'k',
    restored,
    loadSettings: async () => file,
    warn: () => undefined
  });
  return { panel, model, settings, state, restore, keeper, file };
}

describe('PanelStateKeeper', () => {
  it('restores saved state once the layout is restored, and saves nothing before', async () => {
    const saved = { controls: { ...defaultControls(), dataset: 'moons' }, open: ['demos'] };
    const { panel, state, restore, keeper } = setup({ saved });
    panel.stateChanged.emit();
    expect(state!.saves).toHaveLength(0);
    restore();
    await keeper.restoredState;
    expect(panel.state).toEqual(saved);
    expect(keeper.restoredControls).toBe(true);
    panel.stateChanged.emit();
    expect(state!.saves).toHaveLength(1);
  });

  it('the first settings do not overwrite a restored playground', async () => {
    const saved = { controls: { ...defaultControls(), seed: 5 }, open: [] };
    const { restore, keeper, model } = setup({ saved, settings: { defaultSeed: 9 } });
    restore();
    await keeper.restoredState;
    await keeper.loadedSettings;
    expect(model.updates).toEqual([]);
  });

  it('without a saved playground, the first settings apply; later changes always do', async () => {
    const { restore, keeper, model, file, panel } = setup({
      saved: undefined,
      settings: { defaultSeed: 9 }
    });
    restore();
    await keeper.restoredState;
    await keeper.loadedSettings;
    expect(model.updates).toEqual([{ seed: 9 }]);
    (file.composite as Record<string, unknown>).defaultRng = 'numpy';
    file.changed.emit(undefined);
    expect(model.updates[1]).toEqual({ rng: 'numpy' });
    expect(panel.refreshed).toBe(0);
    (file.composite as Record<string, unknown>).gridResolution = 20;
    file.changed.emit(undefined);
    expect(panel.refreshed).toBe(1);
  });

  it('caps follow the settings', async () => {
    const { keeper, model, restore } = setup({ settings: { maxUnits: 32 } });
    restore();
    await keeper.loadedSettings;
    expect(model.caps.maxUnits).toBe(32);
  });

  it('works without a state database', async () => {
    const { keeper, panel } = setup({ withState: false });
    await keeper.restoredState;
    panel.stateChanged.emit();
    expect(keeper.restoredControls).toBe(false);
  });
});
