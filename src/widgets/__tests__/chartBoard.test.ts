/** @jest-environment jsdom */
import './jsdomSetup';
import { Widget } from '@lumino/widgets';
import type { Snapshot, ViewName } from '../../core/types';
import type { ChartInput, Figure } from '../../charts/types';
import { effectiveScale, MIN_SCALED_WIDTH, spansRow } from '../chartBoard';
import { ExperimentView } from '../experiment';
import { FakeSession, fakePlotly, waitFor } from './experimentFakes';
import { xorData } from '../../charts/__tests__/fixtures';

function snapshot(epoch: number): Snapshot {
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
      trainLoss: [0.7, 0.5],
      testLoss: [],
      trainAccuracy: [0.5, 0.75],
      testAccuracy: [],
      gradNorms: []
    }
  };
}

/** An experiment of `views` drawn by `build`, attached, with one resting snapshot sent. */
async function boardAtRest(
  views: ViewName[],
  build: (view: ViewName, input: ChartInput) => Figure,
  presentationScale?: number
): Promise<{ view: ExperimentView; plotly: ReturnType<typeof fakePlotly> }> {
  const session = new FakeSession();
  const plotly = fakePlotly();
  const view = new ExperimentView({
    spec: { data: { name: 'xor' }, network: { layers: [2, 3, 1] }, views, autoplay: false },
    createSession: () => session,
    loadPlotly: async () => plotly,
    buildFigure: build,
    ...(presentationScale !== undefined ? { presentationScale } : {})
  });
  Widget.attach(view, document.body);
  session.emit({
    type: 'snapshots',
    id: 1,
    snapshots: [snapshot(5)],
    data: xorData(),
    state: 'paused'
  });
  return { view, plotly };
}

describe('chart board sizes', () => {
  it('gives each chart the height its figure asks for, so nothing is cut off', async () => {
    const { view, plotly } = await boardAtRest(['loss', 'weights'], name => ({
      data: [],
      layout: { height: name === 'weights' ? 712 : 300 }
    }));
    await waitFor(() => plotly.reacted.length === 2);
    const node = (name: string) => view.node.querySelector(`[data-view="${name}"]`) as HTMLElement;
    expect(node('weights').style.height).toBe('712px');
    expect(node('loss').style.height).toBe('300px');
    // A panel per layer: the weights take the whole row, the loss shares one.
    expect(node('weights').classList.contains('jp-NNLab-mod-wide')).toBe(true);
    expect(node('loss').classList.contains('jp-NNLab-mod-wide')).toBe(false);
    view.dispose();
  });

  it('runs what a build leaves for later before it draws the figure', async () => {
    let deferred = 0;
    const { view, plotly } = await boardAtRest(['boundary'], (_, input) => {
      const image = { source: '' };
      const fill = () => (image.source = 'data:image/png;base64,AAAA');
      if (input.later) {
        deferred++;
        input.later(fill);
      } else {
        fill();
      }
      return { data: [], layout: { height: 300, images: [image] } };
    });
    // What the picture was when Plotly was given the figure (the fake keeps the layout by
    // reference, which the piece may fill afterwards).
    const given: string[] = [];
    const react = plotly.react.bind(plotly);
    plotly.react = (async (node: HTMLElement, data: object[], layout?: object) => {
      given.push((layout as { images: { source: string }[] }).images[0].source);
      return react(node, data, layout);
    }) as typeof plotly.react;
    await waitFor(() => plotly.reacted.length === 1);
    expect(deferred).toBe(1);
    expect(given).toEqual(['data:image/png;base64,AAAA']);
    view.dispose();
  });

  it('lets per-variant views span the row only when variants are compared', () => {
    expect(spansRow('boundary', 1)).toBe(false);
    expect(spansRow('boundary', 2)).toBe(true);
    expect(spansRow('loss', 3)).toBe(false);
    expect(spansRow('neurons', 1)).toBe(true);
  });
});

describe('presentation scale', () => {
  it('scales as asked where the board is wide, less where it is narrow, never below 1', () => {
    expect(effectiveScale(1.5, 1170)).toBe(1.5);
    expect(effectiveScale(1.5, 700)).toBe(1.5);
    // A chart is never laid out narrower than MIN_SCALED_WIDTH.
    expect(effectiveScale(1.5, 500)).toBe(1.25);
    expect(500 / effectiveScale(1.5, 500)).toBeGreaterThanOrEqual(MIN_SCALED_WIDTH);
    expect(effectiveScale(1.5, 300)).toBe(1);
    expect(effectiveScale(1, 1600)).toBe(1);
    // Not yet laid out: the scale asked for (it is corrected once the board has a width).
    expect(effectiveScale(2, 0)).toBe(2);
  });

  it('toggles per view from its button, redraws and reserves the height the scaled charts take', async () => {
    const { view, plotly } = await boardAtRest(
      ['loss'],
      () => ({ data: [], layout: { height: 300 } }),
      1.5
    );
    await waitFor(() => plotly.reacted.length === 1);
    const board = view.node.querySelector('.jp-NNLab-charts') as HTMLElement;
    const chart = view.node.querySelector('[data-view="loss"]') as HTMLElement;
    const button = view.node.querySelector('.jp-NNLab-presentation') as HTMLButtonElement;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(board.classList.contains('jp-NNLab-mod-presentation')).toBe(false);
    // jsdom has no layout: give the board and the chart their sizes by hand.
    Object.defineProperty(board, 'clientWidth', { configurable: true, value: 900 });
    Object.defineProperty(chart, 'offsetHeight', { configurable: true, value: 300 });

    button.click();
    expect(view.presentation).toBe(true);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(board.classList.contains('jp-NNLab-mod-presentation')).toBe(true);
    expect(board.style.getPropertyValue('--jp-nnlab-scale')).toBe('1.5');
    // Drawn half as tall again: the half is kept free below the chart.
    expect(chart.style.marginBottom).toBe('150px');
    // The charts are drawn again, for their new (scaled) width.
    await waitFor(() => plotly.reacted.length === 2);

    button.click();
    expect(board.classList.contains('jp-NNLab-mod-presentation')).toBe(false);
    expect(board.style.getPropertyValue('--jp-nnlab-scale')).toBe('');
    expect(chart.style.marginBottom).toBe('');
    view.dispose();
  });

  it('starts at presentation scale when the options say so', () => {
    const view = new ExperimentView({
      spec: { data: { name: 'xor' }, views: ['loss'], autoplay: false },
      createSession: () => new FakeSession(),
      presentation: true
    });
    expect(view.presentation).toBe(true);
    expect(view.node.querySelector('.jp-NNLab-presentation')?.getAttribute('aria-pressed')).toBe(
      'true'
    );
    view.dispose();
  });
});
