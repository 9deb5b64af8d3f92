/** @jest-environment jsdom */
import './jsdomSetup';
import type { DataSummary, Snapshot, ViewName } from '../../core/types';
import type { PlotlyLike } from '../../charts/plotly';
import type { Figure } from '../../charts/types';
import { PictureCapture } from '../picture';
import { nextTask } from '../nextTask';

const data = { task: 'classification', inputDim: 2 } as unknown as DataSummary;
const snapshot = { variant: 0, epoch: 3, history: { epoch: [0, 1, 2, 3] } } as unknown as Snapshot;

describe('the notebook picture', () => {
  it('builds each chart and draws its image in tasks of their own, then composes them', async () => {
    const events: string[] = [];
    const views: ViewName[] = ['loss', 'neurons', 'weights'];
    const charts = new Map<ViewName, HTMLElement>(
      views.map(view => [view, document.createElement('div')])
    );
    const plotly = {
      toImage: async (figure: { layout: { title: string } }) => {
        events.push(`image ${figure.layout.title}`);
        return 'data:image/png;base64,AAAA';
      }
    } as unknown as PlotlyLike;
    const pictures: string[] = [];
    const capture = new PictureCapture({
      onPicture: png => pictures.push(png),
      loadPlotly: async () => plotly,
      charts: () => charts,
      latest: () => ({ snapshots: [snapshot], data }),
      input: () => ({}),
      buildFigure: (view, input): Figure => {
        events.push(`build ${view}`);
        const layout: { title: string; height: number } = { title: view, height: 100 };
        if (view === 'neurons') {
          // A piece of the figure left for later, as the points pictures are.
          input.later?.(() => {
            events.push('later neurons');
            layout.title = 'neurons, finished';
          });
        }
        return { data: [], layout };
      },
      ready: () => true,
      title: 'XOR',
      compose: async parts => {
        events.push(`compose ${parts.length}`);
        return 'PICTURE';
      },
      nextTask: async () => {
        events.push('yield');
        await nextTask();
      }
    });
    await capture.take();
    expect(events).toEqual([
      'yield',
      'build loss',
      'yield',
      'image loss',
      'yield',
      'build neurons',
      'yield',
      'later neurons',
      'yield',
      'image neurons, finished',
      'yield',
      'build weights',
      'yield',
      'image weights',
      'yield',
      'compose 3'
    ]);
    expect(pictures).toEqual(['PICTURE']);
  });

  it('waits for a task of its own, not a microtask', async () => {
    let done = false;
    const waiting = nextTask().then(() => (done = true));
    for (let i = 0; i < 10; i++) {
      await Promise.resolve();
    }
    expect(done).toBe(false);
    await waiting;
    expect(done).toBe(true);
  });
});
