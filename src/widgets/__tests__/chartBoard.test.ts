/** @jest-environment jsdom */
import './jsdomSetup';
import { Widget } from '@lumino/widgets';
import type { Snapshot } from '../../core/types';
import { spansRow } from '../chartBoard';
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

describe('chart board sizes', () => {
  it('gives each chart the height its figure asks for, so nothing is cut off', async () => {
    const session = new FakeSession();
    const plotly = fakePlotly();
    const view = new ExperimentView({
      spec: {
        data: { name: 'xor' },
        network: { layers: [2, 3, 1] },
        views: ['loss', 'weights'],
        autoplay: false
      },
      createSession: () => session,
      loadPlotly: async () => plotly,
      buildFigure: name => ({
        data: [],
        layout: { height: name === 'weights' ? 712 : 300 }
      })
    });
    Widget.attach(view, document.body);
    session.emit({
      type: 'snapshots',
      id: 1,
      snapshots: [snapshot(5)],
      data: xorData(),
      state: 'paused'
    });
    await waitFor(() => plotly.reacted.length === 2);
    const node = (name: string) => view.node.querySelector(`[data-view="${name}"]`) as HTMLElement;
    expect(node('weights').style.height).toBe('712px');
    expect(node('loss').style.height).toBe('300px');
    // A panel per layer: the weights take the whole row, the loss shares one.
    expect(node('weights').classList.contains('jp-NNLab-mod-wide')).toBe(true);
    expect(node('loss').classList.contains('jp-NNLab-mod-wide')).toBe(false);
    view.dispose();
  });

  it('lets per-variant views span the row only when variants are compared', () => {
    expect(spansRow('boundary', 1)).toBe(false);
    expect(spansRow('boundary', 2)).toBe(true);
    expect(spansRow('loss', 3)).toBe(false);
    expect(spansRow('neurons', 1)).toBe(true);
  });
});
