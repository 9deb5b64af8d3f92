/** @jest-environment jsdom */
/**
 * The panel's leaky ReLU slope and ELU alpha: shown only while a layer uses them, bounded
 * exactly as the schema bounds network.leakySlope and network.eluAlpha, and written into the
 * inserted code (`leaky_slope=`, `elu_alpha=`) and spec.
 */
import './jsdomSetup';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { schemaRange } from '../../core/schemaFacts';
import { validateSpec } from '../../core/spec';
import { NNLabPanel, PanelView } from '../panel';
import { PanelModel, usedActivationParameters } from '../panelModel';

function setup(): { panel: NNLabPanel; model: PanelModel } {
  const model = new PanelModel();
  const panel = new NNLabPanel({
    model,
    commands: new CommandRegistry(),
    demos: [],
    rebuildDelay: 0,
    createView: () => new Widget() as unknown as PanelView
  });
  Widget.attach(panel, document.body);
  return { panel, model };
}

function input(panel: NNLabPanel, name: string): HTMLInputElement {
  return panel.node.querySelector(`input[name="${name}"]`) as HTMLInputElement;
}

function shown(control: HTMLElement): boolean {
  return !(control.closest('.jp-NNLab-panel-field') as HTMLElement).hidden;
}

function type(control: HTMLInputElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('change'));
}

describe('the activation parameters in the panel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('bound their inputs as the schema bounds the spec fields', () => {
    const { panel } = setup();
    for (const [name, path] of [
      ['leaky-slope', 'network.leakySlope'],
      ['elu-alpha', 'network.eluAlpha']
    ]) {
      const range = schemaRange(path);
      expect([name, Number(input(panel, name).min), Number(input(panel, name).max)]).toEqual([
        name,
        range.min,
        range.max
      ]);
    }
  });

  it('clamp restored or typed values to the schema bounds', () => {
    const model = new PanelModel();
    model.update({ leakySlope: 7, eluAlpha: -3 });
    expect(model.controls.leakySlope).toBe(schemaRange('network.leakySlope').max);
    expect(model.controls.eluAlpha).toBe(schemaRange('network.eluAlpha').min);
    model.update({ leakySlope: Number.NaN });
    expect(model.controls.leakySlope).toBe(new PanelModel().controls.leakySlope);
  });

  it('are shown only while a layer uses them', () => {
    const { panel, model } = setup();
    expect(shown(input(panel, 'leaky-slope'))).toBe(false);
    expect(shown(input(panel, 'elu-alpha'))).toBe(false);
    model.addLayer();
    model.setActivation(1, 'leaky_relu');
    expect(shown(input(panel, 'leaky-slope'))).toBe(true);
    expect(shown(input(panel, 'elu-alpha'))).toBe(false);
    model.setAllActivations('elu');
    expect(shown(input(panel, 'leaky-slope'))).toBe(false);
    expect(shown(input(panel, 'elu-alpha'))).toBe(true);
    expect(usedActivationParameters({ activations: ['relu'], output: 'elu' })).toEqual([
      'eluAlpha'
    ]);
  });

  it('are written into the inserted code and spec when used, and only then', () => {
    const { panel, model } = setup();
    model.setAllActivations('leaky_relu');
    type(input(panel, 'leaky-slope'), '0.2');
    expect(model.controls.leakySlope).toBe(0.2);
    let code = model.toPython(validateSpec);
    expect(code).toContain('leaky_slope=0.2');
    expect(code).not.toContain('elu_alpha');
    let result = validateSpec(model.toSpec());
    expect(result.ok).toBe(true);
    expect(result.ok && result.spec.network.leakySlope).toBe(0.2);

    model.setAllActivations('elu');
    type(input(panel, 'elu-alpha'), '2.5');
    code = model.toPython(validateSpec);
    expect(code).toContain('elu_alpha=2.5');
    expect(code).not.toContain('leaky_slope');
    result = validateSpec(model.toSpec());
    expect(result.ok && result.spec.network.eluAlpha).toBe(2.5);
    // The code without the validator writes it too.
    expect(model.toPython()).toContain('elu_alpha=2.5');

    model.setAllActivations('relu');
    expect(model.toSpec().network).not.toHaveProperty('eluAlpha');
    expect(model.toPython(validateSpec)).not.toContain('elu_alpha');
  });

  it('leave the default out of the code, as every other default', () => {
    const model = new PanelModel();
    model.setAllActivations('leaky_relu');
    expect(model.toSpec().network?.leakySlope).toBe(0.01);
    expect(model.toPython(validateSpec)).not.toContain('leaky_slope');
    expect(model.toPython()).not.toContain('leaky_slope');
  });
});
