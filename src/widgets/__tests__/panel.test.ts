/** @jest-environment jsdom */
/**
 * The side panel in a DOM: its controls edit the model, a change rebuilds the experiment view,
 * buttons run the commands, sections open and close, and its state round-trips.
 */
import './jsdomSetup';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { EXPERIMENT_SCHEMA } from '../../core/spec';
import { CommandIDs } from '../../tokens';
import { NNLabPanel, PanelView } from '../panel';
import { DEFAULT_CAPS, PanelModel } from '../panelModel';

class FakeView extends Widget {
  constructor(readonly options: any) {
    super();
  }
  state = 'paused';
  plays = 0;
  play(): void {
    this.plays++;
    this.state = 'running';
  }
}

function setup(options: { hidden?: boolean } = {}) {
  const commands = new CommandRegistry();
  const calls: Array<{ id: string; args: unknown }> = [];
  for (const id of Object.values(CommandIDs)) {
    commands.addCommand(id, { execute: args => void calls.push({ id, args }) });
  }
  const views: FakeView[] = [];
  const model = new PanelModel();
  const panel = new NNLabPanel({
    model,
    commands,
    demos: [
      { id: 'a', title: 'Demo A', summary: 'first' },
      { id: 'b', title: 'Demo B', summary: 'second' }
    ],
    rebuildDelay: 0,
    viewOptions: () => ({ snapshotRate: 7 }),
    createView: options => {
      const view = new FakeView(options);
      views.push(view);
      return view as PanelView;
    }
  });
  if (options.hidden) {
    // As in JupyterLab's collapsed sidebar: attached, not shown.
    panel.hide();
  }
  Widget.attach(panel, document.body);
  return { panel, model, calls, views };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 5));
const $ = (panel: NNLabPanel, selector: string) =>
  panel.node.querySelector(selector) as HTMLElement;

describe('NNLabPanel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a compact view of the current spec that waits for play', () => {
    const { views, model } = setup();
    expect(views.length).toBe(1);
    expect(views[0].options.compact).toBe(true);
    expect(views[0].options.snapshotRate).toBe(7);
    expect(views[0].options.spec).toEqual({ ...model.toSpec(), autoplay: false });
  });

  it('edits the model from its controls and rebuilds the view, playing on if it was', async () => {
    const { panel, model, views } = setup();
    views[0].play();
    const dataset = $(panel, 'select[name="dataset"]') as HTMLSelectElement;
    dataset.value = 'circle';
    dataset.dispatchEvent(new Event('change'));
    expect(model.controls.dataset).toBe('circle');
    await tick();
    expect(views.length).toBe(2);
    expect(views[0].isDisposed).toBe(true);
    expect(views[1].options.spec.data.name).toBe('circle');
    expect(views[1].plays).toBe(1);
  });

  it('plays on after a change when play was pressed and the worker has not answered yet', async () => {
    const { panel, views } = setup();
    // Play pressed: the view's state says "paused" until the worker answers.
    Object.assign(views[0], { running: true });
    const dataset = $(panel, 'select[name="dataset"]') as HTMLSelectElement;
    dataset.value = 'circle';
    dataset.dispatchEvent(new Event('change'));
    await tick();
    expect(views[0].state).toBe('paused');
    expect(views[1].plays).toBe(1);
  });

  it('adds and removes layers and units with its buttons', () => {
    const { panel, model } = setup();
    ($(panel, '.jp-NNLab-panel-add-layer') as HTMLButtonElement).click();
    expect(model.controls.hidden).toEqual([16, 16]);
    expect(panel.node.querySelectorAll('.jp-NNLab-panel-layer').length).toBe(2);
    const second = panel.node.querySelectorAll('.jp-NNLab-panel-layer')[1] as HTMLElement;
    (second.querySelector('.jp-NNLab-panel-fewer-units') as HTMLButtonElement).click();
    expect(model.controls.hidden).toEqual([16, 15]);
    const select = second.querySelector('select') as HTMLSelectElement;
    select.value = 'tanh';
    select.dispatchEvent(new Event('change'));
    expect(model.controls.activations).toEqual(['relu', 'tanh']);
    (
      panel.node.querySelector(
        '.jp-NNLab-panel-layer .jp-NNLab-panel-remove-this-layer'
      ) as HTMLButtonElement
    ).click();
    expect(model.controls.hidden).toEqual([15]);
    expect(model.controls.activations).toEqual(['tanh']);
  });

  it('offers only the outputs and losses that fit the data set', () => {
    const { panel, model } = setup();
    model.update({ dataset: 'sine' });
    const outputs = Array.from(
      ($(panel, 'select[name="output"]') as HTMLSelectElement).options
    ).map(o => o.value);
    expect(outputs).not.toContain('sigmoid');
    expect(($(panel, 'select[name="loss"]') as HTMLSelectElement).value).toBe('mse');
  });

  it('runs the insert, open and gallery commands from its buttons', async () => {
    const { panel, calls } = setup();
    ($(panel, '.jp-NNLab-panel-insert') as HTMLButtonElement).click();
    ($(panel, '.jp-NNLab-panel-open-main') as HTMLButtonElement).click();
    ($(panel, 'li[data-demo="b"] button') as HTMLButtonElement).click();
    ($(panel, '.jp-NNLab-panel-insert-all') as HTMLButtonElement).click();
    ($(panel, '.jp-NNLab-panel-new-lesson') as HTMLButtonElement).click();
    await tick();
    expect(calls.map(c => c.id)).toEqual([
      CommandIDs.insertExperiment,
      CommandIDs.openInMainArea,
      CommandIDs.insertDemo,
      CommandIDs.insertAllDemos,
      CommandIDs.newLesson
    ]);
    expect(calls[2].args).toEqual({ id: 'b' });
  });

  it('closes the playground (dropping its view) and saves which sections are open', () => {
    const { panel, views } = setup();
    let saves = 0;
    panel.stateChanged.connect(() => saves++);
    ($(panel, 'button[data-section="playground"]') as HTMLButtonElement).click();
    expect(panel.isSectionOpen('playground')).toBe(false);
    expect(views[0].isDisposed).toBe(true);
    expect(panel.view).toBeNull();
    expect(panel.state.open).toEqual(['demos']);
    expect(saves).toBe(1);
    panel.setSectionOpen('playground', true);
    expect(views.length).toBe(2);
  });

  it('restores a saved state into the controls', async () => {
    const a = setup();
    a.model.update({ dataset: 'moons', seed: 9 });
    a.panel.setSectionOpen('demos', false);
    const saved = JSON.parse(JSON.stringify(a.panel.state));
    const b = setup();
    b.panel.state = saved;
    expect(b.model.controls.seed).toBe(9);
    expect(($(b.panel, 'select[name="dataset"]') as HTMLSelectElement).value).toBe('moons');
    expect(($(b.panel, 'input[name="seed"]') as HTMLInputElement).value).toBe('9');
    expect(b.panel.isSectionOpen('demos')).toBe(false);
  });

  it('builds no view (and so starts no worker) until it is first shown', async () => {
    const { panel, model, views } = setup({ hidden: true });
    expect(views.length).toBe(0);
    model.update({ seed: 5 });
    await tick();
    panel.refresh();
    expect(views.length).toBe(0);
    panel.show();
    expect(views.length).toBe(1);
    expect(views[0].options.spec).toEqual({ ...model.toSpec(), autoplay: false });
    // Hidden again and shown again: the view stays, no rebuild.
    panel.hide();
    panel.show();
    expect(views.length).toBe(1);
    expect(views[0].isDisposed).toBe(false);
  });

  it('takes the bounds of its number inputs from the schema', () => {
    const schema = EXPERIMENT_SCHEMA as {
      definitions: Record<string, { properties: Record<string, Record<string, number>> }>;
    };
    const field = (section: string, key: string) => schema.definitions[section].properties[key];
    const { panel } = setup();
    for (const [name, section, key] of [
      ['noise', 'data', 'noise'],
      ['points', 'data', 'n'],
      ['batch-size', 'training', 'batchSize'],
      ['epochs', 'training', 'epochs']
    ]) {
      const input = $(panel, `input[name="${name}"]`) as HTMLInputElement;
      // Epochs are also capped by the settings (maxEpochs), which may only narrow the schema.
      const max = field(section, key).maximum;
      expect([name, Number(input.min), Number(input.max)]).toEqual([
        name,
        field(section, key).minimum,
        name === 'epochs' ? Math.min(max, DEFAULT_CAPS.maxEpochs) : max
      ]);
    }
  });
});
