/** @jest-environment jsdom */
/**
 * Plotly's warm-up draws one tiny figure out of sight and removes it, once, and only when no
 * chart has paid Plotly's set-up or is about to. Plotly is a stub here (it needs a browser).
 */
const attached: boolean[] = [];
const mockPlotly = {
  react: jest.fn((node: HTMLElement) => {
    attached.push(document.body.contains(node));
    return Promise.resolve();
  }),
  purge: jest.fn()
};
jest.mock('plotly.js-cartesian-dist-min', () => mockPlotly);

import { warmUpPlotly } from '../plotly';

describe('warmUpPlotly', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('draws nothing when a chart is on its way', async () => {
    expect(await warmUpPlotly(() => true)).toBe(false);
    expect(mockPlotly.react).not.toHaveBeenCalled();
  });

  it('draws nothing when a chart is already on the page', async () => {
    const chart = document.createElement('div');
    chart.className = 'js-plotly-plot';
    document.body.appendChild(chart);
    expect(await warmUpPlotly()).toBe(false);
    expect(mockPlotly.react).not.toHaveBeenCalled();
  });

  it('draws once, in the document but out of sight, then removes its node', async () => {
    expect(await warmUpPlotly()).toBe(true);
    expect(mockPlotly.react).toHaveBeenCalledTimes(1);
    // Laid out while drawn (Plotly measures text), hidden, and gone afterwards.
    expect(attached).toEqual([true]);
    const node = mockPlotly.react.mock.calls[0][0] as HTMLElement;
    expect(node.style.visibility).toBe('hidden');
    expect(mockPlotly.purge).toHaveBeenCalledWith(node);
    expect(document.body.contains(node)).toBe(false);
    // The trace types NN Lab's charts draw.
    const types = (mockPlotly.react.mock.calls[0] as unknown as [unknown, { type: string }[]])[1]
      .map(trace => trace.type)
      .sort();
    expect(types).toEqual(['bar', 'heatmap', 'image', 'scatter', 'scatter']);
    expect(await warmUpPlotly()).toBe(false);
    expect(mockPlotly.react).toHaveBeenCalledTimes(1);
  });
});
