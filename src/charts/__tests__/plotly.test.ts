/**
 * The loader must not touch Plotly until asked, and must import it only once.
 * Plotly itself is replaced by a stub: the real bundle needs a browser.
 */
const mockFactory = jest.fn(() => ({
  react: jest.fn(() => Promise.resolve()),
  newPlot: jest.fn(),
  purge: jest.fn(),
  toImage: jest.fn(),
  Plots: { resize: jest.fn() }
}));
jest.mock('plotly.js-cartesian-dist-min', () => mockFactory());

import { loadPlotly, PLOTLY_CONFIG, renderFigure } from '../plotly';

describe('loadPlotly', () => {
  it('does not load Plotly when the module is imported', () => {
    expect(mockFactory).not.toHaveBeenCalled();
  });

  it('loads Plotly once and shares it between calls', async () => {
    const [a, b] = await Promise.all([loadPlotly(), loadPlotly()]);
    const c = await loadPlotly();
    expect(mockFactory).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(typeof a.react).toBe('function');
    expect(typeof a.Plots.resize).toBe('function');
  });

  it('renders a figure with Plotly.react and the shared config', async () => {
    const node = {} as HTMLElement;
    const figure = {
      data: [{ type: 'scatter' as const, x: [1], y: [2] }],
      layout: { height: 100 }
    };
    await renderFigure(node, figure);
    const plotly = await loadPlotly();
    expect(plotly.react).toHaveBeenCalledWith(node, figure.data, figure.layout, PLOTLY_CONFIG);
  });

  it('configures a responsive chart without the Plotly logo', () => {
    expect(PLOTLY_CONFIG.responsive).toBe(true);
    expect(PLOTLY_CONFIG.displaylogo).toBe(false);
    expect(PLOTLY_CONFIG.modeBarButtonsToRemove).toContain('lasso2d');
  });
});
