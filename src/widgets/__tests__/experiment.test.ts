/** @jest-environment jsdom */
import './jsdomSetup';
import { Widget } from '@lumino/widgets';
import type { DataSummary, Snapshot } from '../../core/types';
import { defaultSpeed, ExperimentView, ExperimentViewOptions, PICTURE_EVENT } from '../experiment';
import { parseLearningRate } from '../experimentControls';
import { specErrorLine } from '../specErrorLine';
import { FakeSession, fakePlotly, FakePlotly, nextFrame, waitFor } from './experimentFakes';
import { xorData } from '../../charts/__tests__/fixtures';

const XOR = {
  title: 'XOR needs a non-linearity',
  data: { name: 'xor' },
  network: { layers: [2, 3, 3, 1], activation: 'relu' },
  training: { epochs: 200, learningRate: 0.05 },
  views: ['loss', 'boundary'],
  autoplay: false
};

/** The four XOR points (the chart tests' fixture). */
const DATA: DataSummary = xorData();

function snapshot(epoch: number, loss: number, label = 'relu'): Snapshot {
  return {
    variant: 0,
    label,
    epoch,
    totalEpochs: 200,
    done: false,
    task: 'classification',
    nClasses: 2,
    history: {
      epoch: [0, epoch],
      trainLoss: [0.7, loss],
      testLoss: [],
      trainAccuracy: [0.5, 0.75],
      testAccuracy: [],
      gradNorms: []
    }
  };
}

interface Setup {
  view: ExperimentView;
  session: FakeSession;
  plotly: FakePlotly;
  pictures: string[];
}

const views: ExperimentView[] = [];

/** A view on a fake session, attached to the document. */
function setup(options: Partial<ExperimentViewOptions> = {}, image?: () => string): Setup {
  const session = new FakeSession();
  const plotly = fakePlotly(image);
  const pictures: string[] = [];
  const view = new ExperimentView({
    spec: XOR,
    createSession: () => session,
    loadPlotly: async () => plotly,
    buildFigure: (name, input) => ({
      data: [{ type: 'scatter', name, y: input.snapshots[0].history.trainLoss }],
      layout: {}
    }),
    onPicture: png => pictures.push(png),
    ...options
  });
  Widget.attach(view, document.body);
  views.push(view);
  return { view, session, plotly, pictures };
}

function button(view: ExperimentView, name: RegExp): HTMLButtonElement {
  const found = Array.from(view.node.querySelectorAll('button')).find(b =>
    name.test(b.textContent ?? '')
  );
  if (!found) {
    throw new Error(`no button ${name}`);
  }
  return found;
}

afterEach(() => {
  for (const view of views.splice(0)) {
    if (!view.isDisposed) {
      view.dispose();
    }
  }
  document.body.removeAttribute('data-jp-theme-name');
});

describe('ExperimentView', () => {
  it('shows the title as text, one chart per view and labelled controls', () => {
    const { view } = setup({ spec: { ...XOR, title: '<img src=x onerror="alert(1)">' } });
    expect(view.node.querySelector('.jp-NNLab-title')?.textContent).toBe(
      '<img src=x onerror="alert(1)">'
    );
    expect(view.node.querySelector('img')).toBeNull();
    const charts = view.node.querySelectorAll('.jp-NNLab-chart');
    expect(Array.from(charts, c => (c as HTMLElement).dataset.view)).toEqual(['loss', 'boundary']);
    // Every select and input has a label pointing at it.
    for (const control of view.node.querySelectorAll('select, input')) {
      const label = view.node.querySelector(`label[for="${control.id}"]`);
      expect(label?.textContent).toBeTruthy();
    }
    // Two hidden layers: a layer select (with "all") and an activation select.
    const layer = view.node.querySelector('.jp-NNLab-layer select') as HTMLSelectElement;
    expect(Array.from(layer.options, o => o.value)).toEqual(['all', '0', '1']);
    expect(view.node.querySelector('.jp-NNLab-readout')?.getAttribute('aria-live')).toBe('polite');
    expect(view.node.dataset.state).toBe('paused');
  });

  it('shows no training controls or readout when it only shows functions', () => {
    const { view } = setup({ spec: { ...XOR, views: ['functions'] } });
    const shown = (root: HTMLElement) =>
      Array.from(root.querySelectorAll('button, select, input')).filter(
        control => !(control as HTMLElement).closest('[hidden]')
      );
    // Only the presentation button is left: nothing trains, so nothing to play or tune.
    expect(shown(view.node).map(c => c.className)).toEqual([
      'jp-NNLab-button jp-NNLab-presentation'
    ]);
    expect((view.node.querySelector('.jp-NNLab-readout') as HTMLElement).hidden).toBe(true);
    const { view: trained } = setup({ spec: { ...XOR, views: ['functions', 'loss'] } });
    expect(shown(trained.node).length).toBeGreaterThan(4);
  });

  it('counts a press of play as running before the worker answers', () => {
    const { view, session } = setup();
    expect(view.running).toBe(false);
    button(view, /^play$/i).click();
    // Still "paused" on the node and in the state, but running as far as a rebuild goes.
    expect(view.state).toBe('paused');
    expect(view.running).toBe(true);
    session.emit({ type: 'state', state: 'running', epoch: 0 });
    expect(view.running).toBe(true);
    view.pause();
    expect(view.running).toBe(false);
    session.emit({ type: 'state', state: 'paused', epoch: 3 });
    expect(view.running).toBe(false);
    view.play();
    session.emit({ type: 'error', message: 'the loss became NaN' });
    expect(view.running).toBe(false);
  });

  it('drives the session from play, pause, step and reset', () => {
    const { view, session } = setup();
    button(view, /^play$/i).click();
    expect(session.names()).toEqual(['play']);
    session.emit({ type: 'state', state: 'running', epoch: 0 });
    expect(view.node.dataset.state).toBe('running');
    button(view, /^pause$/i).click();
    expect(session.names()).toEqual(['play', 'pause']);
    button(view, /^step$/i).click();
    expect(session.calls[2]).toEqual(['step', 1]);
    button(view, /^reset$/i).click();
    expect(session.names()[3]).toBe('reset');
  });

  it('sends activation, speed and learning-rate changes', () => {
    const { view, session } = setup();
    const layer = view.node.querySelector('.jp-NNLab-layer select') as HTMLSelectElement;
    const activation = view.node.querySelector('.jp-NNLab-activation select') as HTMLSelectElement;
    layer.value = '1';
    layer.dispatchEvent(new Event('change'));
    activation.value = 'identity';
    activation.dispatchEvent(new Event('change'));
    expect(session.calls).toContainEqual(['setActivation', 1, 'identity', undefined]);
    // With layers now different, "all" shows no single function.
    layer.value = 'all';
    layer.dispatchEvent(new Event('change'));
    expect(activation.value).toBe('');
    const speed = view.node.querySelector('.jp-NNLab-speed select') as HTMLSelectElement;
    speed.value = 'max';
    speed.dispatchEvent(new Event('change'));
    expect(session.calls).toContainEqual(['setSpeed', 'max']);
  });

  it('rejects a learning rate that is not a positive number, with an inline message', () => {
    const { view, session } = setup();
    const input = view.node.querySelector('.jp-NNLab-lr input') as HTMLInputElement;
    const message = view.node.querySelector('.jp-NNLab-field-message') as HTMLElement;
    for (const bad of ['-1', '0', 'abc', '', '1e999']) {
      input.value = bad;
      input.dispatchEvent(new Event('change'));
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(message.hidden).toBe(false);
      expect(message.textContent).toMatch(/positive number/);
    }
    expect(session.names()).not.toContain('setLearningRate');
    input.value = ' 0.01 ';
    input.dispatchEvent(new Event('change'));
    expect(session.calls).toContainEqual(['setLearningRate', 0.01]);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(message.hidden).toBe(true);
    expect(input.getAttribute('aria-describedby')).toBe(message.id);
  });

  it('draws only the newest snapshots once per frame, then acknowledges them', async () => {
    const { view, session, plotly } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(20, 0.25)], state: 'running' });
    expect(view.node.dataset.epoch).toBe('20');
    await waitFor(() => session.names().includes('ack'));
    // One frame, two charts, drawn from the newest snapshots only.
    expect(plotly.reacted).toHaveLength(2);
    expect(plotly.reacted[0].data).toEqual([{ type: 'scatter', name: 'loss', y: [0.7, 0.25] }]);
    expect(session.calls.filter(c => c[0] === 'ack')).toEqual([['ack', 2]]);
    expect(view.node.querySelector('.jp-NNLab-readout')?.textContent).toContain('Epoch 20 / 200');
    expect(view.node.querySelectorAll('[data-variant]')).toHaveLength(1);
  });

  it('shows the final numbers in the readout as soon as the state says done', () => {
    const { view, session } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(200, 0.1)],
      data: DATA,
      state: 'done'
    });
    // No frame has passed: the charts still wait, but state, epoch and readout agree.
    expect(view.node.dataset.state).toBe('done');
    expect(view.node.dataset.epoch).toBe('200');
    expect(view.node.querySelector('.jp-NNLab-readout')?.textContent).toContain('Epoch 200 / 200');
  });

  it('pictures every chart once training rests, never merely on open', async () => {
    let image = 'AAAA';
    const composed: string[][] = [];
    const { session, pictures, plotly } = setup(
      {
        composePicture: async parts => {
          composed.push(parts.map(p => p.images.map(i => i.png).join('|')));
          return parts.map(p => p.images.map(i => i.png).join('|')).join('+');
        }
      },
      () => image
    );
    // Opened, drawn, at rest, but nothing trained: no picture (the notebook stays unmodified).
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await new Promise(resolve => setTimeout(resolve, 800));
    expect(pictures).toEqual([]);
    expect(plotly.images).toBe(0);
    // Trained, then paused: one picture made of both charts.
    session.emit({ type: 'state', state: 'running', epoch: 10 });
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(11, 0.4)], state: 'running' });
    session.emit({ type: 'snapshots', id: 3, snapshots: [snapshot(12, 0.4)], state: 'paused' });
    await waitFor(() => pictures.length === 1);
    expect(pictures).toEqual(['AAAA+AAAA']);
    expect(composed).toEqual([['AAAA', 'AAAA']]);
    // Trained further to the same picture: not reported again.
    session.emit({ type: 'state', state: 'running', epoch: 12 });
    session.emit({ type: 'snapshots', id: 4, snapshots: [snapshot(13, 0.35)], state: 'paused' });
    await waitFor(() => composed.length === 2);
    expect(pictures).toEqual(['AAAA+AAAA']);
    image = 'BBBB';
    session.emit({ type: 'snapshots', id: 5, snapshots: [snapshot(20, 0.3)], state: 'done' });
    await waitFor(() => pictures.length === 2);
    expect(pictures).toEqual(['AAAA+AAAA', 'BBBB+BBBB']);
  });

  it('pictures an untrained experiment when asked to (the nnlab-take-picture event)', async () => {
    const { view, session, pictures } = setup({
      composePicture: async parts => parts.map(p => p.images.map(i => i.png).join('|')).join('+')
    });
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(0, 0.7)],
      data: DATA,
      state: 'paused'
    });
    view.node.dispatchEvent(new Event(PICTURE_EVENT));
    await waitFor(() => pictures.length === 1);
    expect(pictures).toEqual(['AAAA+AAAA']);
  });

  it('keeps a saved picture when a reopened notebook trains by itself, not after the user trains', async () => {
    const { view, session, pictures } = setup({
      hasPicture: true,
      composePicture: async parts => parts.map(p => p.images.map(i => i.png).join('|')).join('+')
    });
    session.emit({ type: 'state', state: 'running', epoch: 0 });
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(200, 0.1)],
      data: DATA,
      state: 'done'
    });
    await new Promise(resolve => setTimeout(resolve, 800));
    expect(pictures).toEqual([]);
    // The user presses play: the picture is now theirs to update.
    button(view, /^play$/i).click();
    session.emit({ type: 'state', state: 'running', epoch: 0 });
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(50, 0.2)], state: 'paused' });
    await waitFor(() => pictures.length === 1);
  });

  it('shows divergence in an alert and keeps the charts', async () => {
    const { view, session, plotly } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    await waitFor(() => plotly.reacted.length === 2);
    session.emit({ type: 'error', message: 'the loss became NaN', epoch: 11, variant: 0 });
    const alert = view.node.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toContain('Training diverged at epoch 11');
    expect(alert.textContent).toContain('the loss became NaN');
    expect(view.node.dataset.state).toBe('error');
    expect(plotly.purged).toHaveLength(0);
    // Reset clears the message.
    button(view, /^reset$/i).click();
    expect(alert.hidden).toBe(true);
  });

  it('lists the field errors of an invalid spec and starts no session', () => {
    const create = jest.fn();
    const view = new ExperimentView({
      spec: { data: { name: 'xor' }, training: { learningRate: -1 } },
      createSession: create
    });
    views.push(view);
    const alert = view.node.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.hidden).toBe(false);
    const items = Array.from(alert.querySelectorAll('li'), li => li.textContent);
    expect(items.some(text => /^training\.learningRate /.test(text ?? ''))).toBe(true);
    expect(create).not.toHaveBeenCalled();
    expect(view.node.dataset.state).toBe('error');
    expect(view.node.querySelector('button')).toBeNull();
  });

  it('names the path of each spec error once', () => {
    const itemsOf = (spec: unknown) => {
      const view = new ExperimentView({ spec, createSession: jest.fn() });
      views.push(view);
      return Array.from(view.node.querySelectorAll('li'), li => li.textContent ?? '');
    };
    let title: unknown = 'deep';
    for (let i = 0; i < 20; i++) {
      title = [title];
    }
    const [nested] = itemsOf({ title });
    expect(nested).toMatch(/^title(\[0\])+ is nested/);
    expect(nested.split('title[0]')).toHaveLength(2);
    const items = itemsOf({ data: { name: 'nope' }, bogus: 1 });
    expect(items.some(text => text.startsWith("data.name is 'nope'"))).toBe(true);
    expect(items.filter(text => text.startsWith('data.name: '))).toEqual([]);
    expect(items.some(text => text.startsWith("unknown field 'bogus'"))).toBe(true);
    // A message that does not name its path gets it in front.
    expect(specErrorLine({ path: 'training.epochs', message: 'must be positive' })).toBe(
      'training.epochs: must be positive'
    );
    expect(specErrorLine({ path: '', message: 'not an object' })).toBe('not an object');
  });

  it('redraws with a new theme when JupyterLab switches themes', async () => {
    const { session, plotly } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => plotly.reacted.length === 2);
    document.body.setAttribute('data-jp-theme-name', 'JupyterLab Dark');
    await waitFor(() => plotly.reacted.length === 4);
    expect(session.calls.filter(c => c[0] === 'ack')).toHaveLength(1);
  });

  it('terminates the session, purges the charts and stops watching the theme on dispose', async () => {
    const { view, session, plotly } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => plotly.reacted.length === 2);
    view.dispose();
    expect(session.disposed).toBe(true);
    expect(plotly.purged.map(node => node.dataset.view)).toEqual(['loss', 'boundary']);
    document.body.setAttribute('data-jp-theme-name', 'JupyterLab Light');
    await nextFrame();
    await nextFrame();
    expect(plotly.reacted).toHaveLength(2);
  });

  it('trains for real in the page when no worker exists, and the buttons drive it', async () => {
    const plotly = fakePlotly();
    const view = new ExperimentView({ spec: XOR, loadPlotly: async () => plotly });
    Widget.attach(view, document.body);
    views.push(view);
    // The untrained network is drawn with the real chart builders.
    await waitFor(() => plotly.reacted.length === 2);
    button(view, /^step$/i).click();
    await waitFor(() => view.node.dataset.epoch === '1' && view.node.dataset.state === 'paused');
    view.step(9);
    await waitFor(() => view.node.dataset.epoch === '10' && view.node.dataset.state === 'paused');
    button(view, /^reset$/i).click();
    await waitFor(() => view.node.dataset.epoch === '0');
    button(view, /^play$/i).click();
    await waitFor(() => view.node.dataset.state === 'done', 20000);
    expect(view.node.dataset.epoch).toBe('200');
  });
});

describe('parseLearningRate', () => {
  it('accepts positive decimals and exponents only', () => {
    expect(parseLearningRate('0.05')).toBe(0.05);
    expect(parseLearningRate('1e-3')).toBe(0.001);
    expect(parseLearningRate('.5')).toBe(0.5);
    expect(parseLearningRate('0')).toBeNull();
    expect(parseLearningRate('-0.1')).toBeNull();
    expect(parseLearningRate('0.1abc')).toBeNull();
    expect(parseLearningRate('Infinity')).toBeNull();
  });
});

describe('defaultSpeed', () => {
  it('plays a run in about five seconds, and long runs at the fastest fixed speed', () => {
    expect(defaultSpeed(300)).toBe(100);
    expect(defaultSpeed(50)).toBe(10);
    expect(defaultSpeed(20000)).toBe(1000);
  });
});
