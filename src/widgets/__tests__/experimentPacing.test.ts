/** @jest-environment jsdom */
import './jsdomSetup';
import { Widget } from '@lumino/widgets';
import type { DataSummary, Snapshot } from '../../core/types';
import { ExperimentView, ExperimentViewOptions } from '../experiment';
import { FakeSession, fakePlotly, FakePlotly, nextFrame, waitFor } from './experimentFakes';
import { xorData } from '../../charts/__tests__/fixtures';

const SPEC = {
  title: 'XOR',
  data: { name: 'xor' },
  network: { layers: [2, 3, 1], activation: 'relu' },
  training: { epochs: 200, learningRate: 0.05 },
  views: ['loss', 'boundary'],
  autoplay: false
};

/** The four XOR points (the chart tests' fixture). */
const DATA: DataSummary = xorData();

/** A snapshot at `epoch` whose decision surface is `surface` everywhere. */
function snapshot(epoch: number, surface: number): Snapshot {
  return {
    variant: 0,
    label: 'relu',
    epoch,
    totalEpochs: 200,
    done: false,
    task: 'classification',
    nClasses: 2,
    history: {
      epoch: [0, epoch],
      trainLoss: [0.7, 1 / (1 + epoch)],
      testLoss: [],
      trainAccuracy: [0.5, 0.75],
      testAccuracy: [],
      gradNorms: []
    },
    grid: { n: 2, x: [0, 1], y: [0, 1], values: [surface, surface, surface, surface] }
  };
}

/** Busy-wait, standing in for the time Plotly spends on the main thread. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // burn
  }
}

/** An IntersectionObserver whose reports the test makes by hand. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | null = null;
  readonly observed: Element[] = [];
  constructor(
    private _callback: (entries: { target: Element; isIntersecting: boolean }[]) => void
  ) {
    FakeIntersectionObserver.last = this;
  }
  observe(node: Element): void {
    this.observed.push(node);
  }
  disconnect(): void {
    this.observed.length = 0;
  }
  report(view: string, isIntersecting: boolean): void {
    this.reportAll([view], isIntersecting);
  }
  /** One batch of entries, as a browser reports charts that cross the edge together. */
  reportAll(views: string[], isIntersecting: boolean): void {
    const entries = views.map(view => {
      const target = this.observed.find(node => (node as HTMLElement).dataset.view === view);
      if (!target) {
        throw new Error(`chart ${view} is not observed`);
      }
      return { target, isIntersecting };
    });
    this._callback(entries);
  }
}

const views: ExperimentView[] = [];

function setup(options: Partial<ExperimentViewOptions> = {}, drawMs = 0) {
  const session = new FakeSession();
  const plotly: FakePlotly = fakePlotly();
  const react = plotly.react.bind(plotly);
  plotly.react = (async (node: HTMLElement, data: object[], layout?: object) => {
    spin(drawMs);
    return react(node, data, layout);
  }) as FakePlotly['react'];
  const view = new ExperimentView({
    spec: SPEC,
    createSession: () => session,
    loadPlotly: async () => plotly,
    buildFigure: (name, input) => ({
      data: [{ type: 'scatter', name, y: input.snapshots[0].grid?.values, live: input.live }],
      layout: {}
    }),
    ...options
  });
  Widget.attach(view, document.body);
  views.push(view);
  const drawnViews = () => plotly.reacted.map(call => call.node.dataset.view);
  const acks = () => session.calls.filter(call => call[0] === 'ack').map(call => call[1]);
  return { view, session, plotly, drawnViews, acks };
}

afterEach(() => {
  for (const view of views.splice(0)) {
    if (!view.isDisposed) {
      view.dispose();
    }
  }
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  FakeIntersectionObserver.last = null;
});

describe('ExperimentView redraw pacing', () => {
  it('holds the acknowledgement while training runs, for four times the drawing time', async () => {
    const { session, plotly, acks } = setup({}, 40);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    await waitFor(() => plotly.reacted.length === 2);
    const drawn = performance.now();
    // Two charts of ~40 ms each: a rest of about 320 ms before the next snapshot may come.
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(acks()).toEqual([]);
    await waitFor(() => acks().length === 1);
    expect(performance.now() - drawn).toBeGreaterThanOrEqual(250);
    expect(acks()).toEqual([1]);
  });

  it('acknowledges at once when training does not run, and when it stops during the rest', async () => {
    const { session, plotly, acks } = setup({}, 40);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => acks().length === 1);
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(20, 0.4)], state: 'running' });
    await waitFor(() => plotly.reacted.length === 4);
    await nextFrame();
    expect(acks()).toEqual([1]);
    // Pausing releases the held acknowledgement, so that the resting network comes now.
    session.emit({ type: 'state', state: 'paused', epoch: 20 });
    expect(acks()).toEqual([1, 2]);
  });

  it('with the whole thread as budget, acknowledges right after drawing', async () => {
    const { session, acks } = setup({ drawBudget: 1 }, 20);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    await waitFor(() => acks().length === 1);
  });

  it('draws only the charts whose inputs changed', async () => {
    const { session, plotly, drawnViews, acks } = setup();
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => acks().length === 1);
    expect(drawnViews()).toEqual(['loss', 'boundary']);
    // Same network, one more epoch of history: the decision surface is not drawn again.
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(11, 0.5)], state: 'paused' });
    await waitFor(() => acks().length === 2);
    expect(drawnViews()).toEqual(['loss', 'boundary', 'loss']);
    // A new surface is drawn.
    session.emit({ type: 'snapshots', id: 3, snapshots: [snapshot(11, 0.25)], state: 'paused' });
    await waitFor(() => acks().length === 3);
    expect(drawnViews()).toEqual(['loss', 'boundary', 'loss', 'boundary']);
    expect(plotly.reacted[3].data).toEqual([
      { type: 'scatter', name: 'boundary', y: [0.25, 0.25, 0.25, 0.25], live: false }
    ]);
  });

  it('draws cheap figures while running and the resting network in full', async () => {
    const { session, plotly, acks, drawnViews } = setup({ drawBudget: 1 });
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    await waitFor(() => acks().length === 1);
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(10, 0.5)], state: 'paused' });
    await waitFor(() => acks().length === 2);
    const live = plotly.reacted.map(call => (call.data[0] as { live?: boolean }).live);
    // The same snapshot is drawn again once training rests, now in full quality, by the
    // view that draws differently while running (the boundary); the loss stays as it is.
    expect(live).toEqual([true, true, false]);
    expect(drawnViews()).toEqual(['loss', 'boundary', 'boundary']);
  });

  it('skips charts out of sight and brings them up to date when they scroll back in', async () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver =
      FakeIntersectionObserver;
    const { session, plotly, drawnViews, acks } = setup();
    const observer = FakeIntersectionObserver.last;
    expect(observer?.observed).toHaveLength(2);
    // A browser's first report covers every chart observed.
    observer?.reportAll(['loss', 'boundary'], true);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => acks().length === 1);
    observer?.report('boundary', false);
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(20, 0.25)], state: 'paused' });
    await waitFor(() => acks().length === 2);
    await nextFrame();
    expect(drawnViews()).toEqual(['loss', 'boundary', 'loss']);
    observer?.report('boundary', true);
    await waitFor(() => plotly.reacted.length === 4);
    expect(drawnViews()[3]).toBe('boundary');
    expect(plotly.reacted[3].data).toEqual([
      { type: 'scatter', name: 'boundary', y: [0.25, 0.25, 0.25, 0.25], live: false }
    ]);
  });

  it('draws a chart for the first time only once it comes in sight', async () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver =
      FakeIntersectionObserver;
    const { session, plotly, drawnViews, acks } = setup();
    const observer = FakeIntersectionObserver.last!;
    // Snapshots before the observer's first report: no chart is known to be in sight yet.
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'paused'
    });
    await waitFor(() => acks().length === 1);
    await nextFrame();
    expect(drawnViews()).toEqual([]);
    // The loss is in sight, the boundary further down the notebook.
    observer.report('loss', true);
    observer.report('boundary', false);
    await waitFor(() => plotly.reacted.length === 1);
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(20, 0.25)], state: 'paused' });
    await waitFor(() => acks().length === 2);
    await nextFrame();
    expect(drawnViews()).toEqual(['loss', 'loss']);
    // Scrolled to: drawn from the newest snapshots.
    observer.report('boundary', true);
    await waitFor(() => plotly.reacted.length === 3);
    expect(drawnViews()[2]).toBe('boundary');
    expect(plotly.reacted[2].data).toEqual([
      { type: 'scatter', name: 'boundary', y: [0.25, 0.25, 0.25, 0.25], live: false }
    ]);
  });

  it('tells the session which views are on screen, so that snapshots carry only those', () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver =
      FakeIntersectionObserver;
    const { session } = setup();
    const observer = FakeIntersectionObserver.last;
    const told = () => session.calls.filter(call => call[0] === 'setViews').map(call => call[1]);
    observer?.reportAll(['loss', 'boundary'], true);
    observer?.report('boundary', false);
    // Reports that change nothing are not passed on.
    observer?.report('boundary', false);
    observer?.report('boundary', true);
    expect(told()).toEqual([['loss', 'boundary'], ['loss'], ['loss', 'boundary']]);
  });

  it('brings every chart up to date when a whole experiment scrolls back in at once', async () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver =
      FakeIntersectionObserver;
    const { session, plotly, drawnViews, acks } = setup();
    const observer = FakeIntersectionObserver.last!;
    observer.reportAll(['loss', 'boundary'], true);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(10, 0.5)],
      data: DATA,
      state: 'running'
    });
    await waitFor(() => acks().length === 1);
    // The cell scrolls out of sight while it trains, then comes back: one report for both charts.
    observer.reportAll(['loss', 'boundary'], false);
    session.emit({ type: 'snapshots', id: 2, snapshots: [snapshot(300, 0.25)], state: 'done' });
    await waitFor(() => acks().length === 2);
    await nextFrame();
    expect(drawnViews()).toEqual(['loss', 'boundary']);
    observer.reportAll(['loss', 'boundary'], true);
    await waitFor(() => plotly.reacted.length === 4);
    expect(drawnViews().slice(2).sort()).toEqual(['boundary', 'loss']);
  });
});
