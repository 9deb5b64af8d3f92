/** @jest-environment jsdom */
/**
 * The activations a hidden layer may use live once, in the schema (`hiddenActivation`); the
 * experiment's activation menu and the panel's offer exactly those, and the list is the
 * catalogue minus the activations that mix a row (softmax).
 */
import './jsdomSetup';
import { Widget } from '@lumino/widgets';
import { ACTIVATIONS, ACTIVATION_NAMES } from '../../core/activations';
import { HIDDEN_ACTIVATIONS } from '../../core/schemaFacts';
import { ExperimentView } from '../experiment';
import { PANEL_ACTIVATIONS } from '../panelModel';
import { FakeSession, fakePlotly } from './experimentFakes';

describe('the hidden-layer activations', () => {
  it('are the catalogue without the row-mixing ones, as the schema lists them', () => {
    expect([...HIDDEN_ACTIVATIONS]).toEqual(
      ACTIVATION_NAMES.filter(name => ACTIVATIONS[name].elementwise)
    );
    expect(HIDDEN_ACTIVATIONS).not.toContain('softmax');
  });

  it('are the ones the panel offers', () => {
    expect(PANEL_ACTIVATIONS).toBe(HIDDEN_ACTIVATIONS);
  });

  it("are the ones the experiment's own activation menu offers", () => {
    const view = new ExperimentView({
      spec: {
        data: { name: 'xor' },
        network: { layers: [2, 3, 1], activation: 'relu' },
        views: ['loss'],
        autoplay: false
      },
      createSession: () => new FakeSession(),
      loadPlotly: async () => fakePlotly(),
      buildFigure: () => ({ data: [], layout: {} })
    });
    Widget.attach(view, document.body);
    try {
      const select = view.node.querySelector('.jp-NNLab-activation select') as HTMLSelectElement;
      const offered = Array.from(select.options)
        .map(o => o.value)
        .filter(v => v !== '');
      expect(offered).toEqual([...HIDDEN_ACTIVATIONS]);
    } finally {
      view.dispose();
    }
  });
});
