/** @jest-environment jsdom */
import type { PlotlyLike } from '../plotly';
import {
  drawFigure,
  figureImages,
  IMAGE_PIECE_HEIGHT,
  PIECE_CLASS,
  plotsOf,
  purgeFigure
} from '../pieces';
import { LEGEND_PIECE_ENTRIES, splitFigure } from '../split';
import { baseLayout, makeLegendRoom, panelGrid } from '../subplots';
import type { Figure, Trace } from '../types';

/**
 * A Plotly that records its calls and, as Plotly does, leaves the margins it drew with on
 * the node (`_fullLayout._size`): the right one widened to what `widen` says a plot needs
 * (a colour bar's automargin).
 */
function recordingPlotly(
  widen: (plot: string) => number = () => 0,
  legend: { height: number; width?: number } = { height: 0 }
) {
  const calls: string[] = [];
  const plotly = {
    async react(node: HTMLElement, _data: unknown, layout: Record<string, unknown>) {
      const margin = layout.margin as { l: number; r: number };
      const name = node.classList.contains(PIECE_CLASS)
        ? `piece ${Array.from(node.parentElement!.children).indexOf(node)}`
        : 'node';
      calls.push(`react ${name} r=${margin?.r}${layout.showlegend ? ` h=${layout.height}` : ''}`);
      // As Plotly does, rewrite a colour of the layout it is given.
      const legendFont = (layout.legend as { font?: { color?: string } } | undefined)?.font;
      if (legendFont?.color) {
        legendFont.color = legendFont.color.replace(/,/g, ', ');
      }
      (node as unknown as { _fullLayout: unknown })._fullLayout = {
        _size: {
          l: margin?.l ?? 0,
          r: Math.max(margin?.r ?? 0, widen(name)),
          w: legend.width ?? 500
        },
        // The height Plotly found its legend takes.
        ...(layout.showlegend && legend.height > 0 ? { legend: { _height: legend.height } } : {})
      };
      // As Plotly: the drawn traces, and its events once the plot is drawn.
      const plot = node as unknown as Record<string, unknown>;
      plot.data = (_data as object[]).map(trace => ({ ...trace }));
      const handlers = (plot.handlers ??= {}) as Record<string, (event: unknown) => unknown>;
      plot.on = (event: string, handler: (event: unknown) => unknown) => {
        handlers[event] = handler;
      };
      node.classList.add('js-plotly-plot');
    },
    async restyle(node: HTMLElement, update: { visible: unknown[] }, indices: number[]) {
      const data = (node as unknown as { data: Record<string, unknown>[] }).data;
      indices.forEach((i, k) => (data[i].visible = update.visible[k]));
      calls.push(`restyle ${indices.join(',')}`);
    },
    purge(node: HTMLElement) {
      calls.push(`purge ${node.classList.contains(PIECE_CLASS) ? 'piece' : 'node'}`);
      // As Plotly: the plot and its event handlers gone.
      const plot = node as unknown as Record<string, unknown>;
      delete plot._fullLayout;
      delete plot.on;
      delete plot.handlers;
    },
    async toImage(figure: { layout: { height: number } }) {
      calls.push(`image ${figure.layout.height}`);
      return `data:image/png;base64,${figure.layout.height}`;
    }
  };
  return { plotly: plotly as unknown as PlotlyLike, calls };
}

/** The traces' visibility in each plot of a chart node, by name. */
function visibility(node: HTMLElement): string[][] {
  return plotsOf(node).map(plot =>
    ((plot as unknown as { data: { name: string; visible?: unknown }[] }).data ?? []).map(
      t => `${t.name}:${t.visible ?? true}`
    )
  );
}

/** Fire a Plotly legend event on the plot of `node` for its trace `curveNumber`. */
function legendEvent(plot: HTMLElement, event: string, curveNumber: number): unknown {
  const p = plot as unknown as {
    data: unknown[];
    handlers: Record<string, (e: unknown) => unknown>;
  };
  return p.handlers[event]({ curveNumber, data: p.data });
}

/** A figure of `n` rows of one panel each, 400 px apart, cut 10 px above each row but the first. */
function rows(n: number, rowHeight = 400): Figure {
  const layout: Record<string, unknown> = {
    height: rowHeight * n,
    margin: { l: 40, r: 20, t: 0, b: 0 }
  };
  const cuts: number[] = [];
  for (let i = 0; i < n; i++) {
    const suffix = i === 0 ? '' : String(i + 1);
    const top = 1 - i / n;
    layout[`xaxis${suffix}`] = { anchor: `y${suffix}` };
    layout[`yaxis${suffix}`] = { domain: [top - 0.9 / n, top] };
    if (i > 0) {
      cuts.push(top + 10 / (rowHeight * n));
    }
  }
  // Two curves a row, named a and b (a legend entry each across the rows).
  const data = Array.from({ length: 2 * n }, (_, k) => ({
    type: 'scatter' as const,
    name: k % 2 === 0 ? 'a' : 'b',
    xaxis: k < 2 ? 'x' : `x${(k >> 1) + 1}`,
    yaxis: k < 2 ? 'y' : `y${(k >> 1) + 1}`
  }));
  return { data, layout, cuts };
}

describe('drawing a figure in pieces', () => {
  it('draws a figure in one piece into the node itself', async () => {
    const { plotly, calls } = recordingPlotly();
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(1));
    expect(calls).toEqual(['react node r=20']);
    expect(plotsOf(node)).toEqual([node]);
  });

  it('draws each piece into a node of its own, waiting between them', async () => {
    const { plotly, calls } = recordingPlotly();
    const node = document.createElement('div');
    const between = jest.fn(async () => {
      calls.push('wait');
    });
    await drawFigure(plotly, node, rows(3), { between });
    expect(calls).toEqual([
      'react piece 0 r=20',
      'wait',
      'react piece 1 r=20',
      'wait',
      'react piece 2 r=20'
    ]);
    const pieces = plotsOf(node);
    expect(pieces).toHaveLength(3);
    expect(pieces.map(p => p.style.height)).toEqual(['390px', '400px', '410px']);
  });

  it('stops between pieces when the drawing is no longer wanted', async () => {
    const { plotly, calls } = recordingPlotly();
    const node = document.createElement('div');
    let wanted = true;
    await drawFigure(plotly, node, rows(3), {
      between: async () => {
        wanted = false;
      },
      wanted: () => wanted
    });
    expect(calls).toEqual(['react piece 0 r=20']);
  });

  it('reuses the pieces, purges those left over, and becomes one plot again', async () => {
    const { plotly, calls } = recordingPlotly();
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(1));
    calls.length = 0;
    // One plot to pieces: the node's plot is purged first.
    await drawFigure(plotly, node, rows(3));
    expect(calls[0]).toBe('purge node');
    const first = plotsOf(node)[0];
    calls.length = 0;
    await drawFigure(plotly, node, rows(2));
    expect(calls).toEqual(['purge piece', 'react piece 0 r=20', 'react piece 1 r=20']);
    expect(plotsOf(node)[0]).toBe(first);
    expect(node.querySelectorAll(`.${PIECE_CLASS}`)).toHaveLength(2);
    calls.length = 0;
    await drawFigure(plotly, node, rows(1));
    expect(calls).toEqual(['purge piece', 'purge piece', 'react node r=20']);
    expect(node.querySelectorAll(`.${PIECE_CLASS}`)).toHaveLength(0);
    calls.length = 0;
    await drawFigure(plotly, node, rows(2));
    purgeFigure(plotly, node);
    expect(calls.filter(c => c.startsWith('purge'))).toEqual([
      'purge node',
      'purge piece',
      'purge piece'
    ]);
  });

  it('draws every piece with the margins Plotly widened one of them to', async () => {
    // The second piece holds a colour bar that needs 7 px more on the right.
    const { plotly, calls } = recordingPlotly(plot => (plot === 'piece 1' ? 27 : 0));
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(3));
    // The first piece, drawn before the bar's piece, is drawn again with its margin.
    expect(calls).toEqual([
      'react piece 0 r=20',
      'react piece 1 r=20',
      'react piece 2 r=27',
      'react piece 0 r=27'
    ]);
    calls.length = 0;
    // The next draw starts from the widened margins: nothing to draw again.
    await drawFigure(plotly, node, rows(3));
    expect(calls).toEqual(['react piece 0 r=27', 'react piece 1 r=27', 'react piece 2 r=27']);
  });

  it('gives Plotly the same config on every draw (a new one makes it draw the plot anew)', async () => {
    const { plotly } = recordingPlotly();
    const configs: unknown[] = [];
    const react = plotly.react.bind(plotly);
    (plotly as { react: unknown }).react = (
      node: HTMLElement,
      data: never,
      layout: never,
      config: unknown
    ) => {
      configs.push(config);
      return react(node, data, layout, config as never);
    };
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(3));
    await drawFigure(plotly, node, rows(3));
    expect(configs).toHaveLength(6);
    expect(new Set(configs).size).toBe(1);
    // Its camera saves the whole chart instead of one piece.
    const buttons = (configs[0] as { modeBarButtonsToAdd: { name: string }[] }).modeBarButtonsToAdd;
    expect(buttons.map(b => b.name)).toEqual(['Download the chart as a PNG']);
    expect((configs[0] as { modeBarButtonsToRemove: string[] }).modeBarButtonsToRemove).toContain(
      'toImage'
    );
  });

  it('hides and shows a legend entry in every piece, and keeps it so on later draws', async () => {
    const { plotly } = recordingPlotly();
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(3));
    const [first] = plotsOf(node);
    // A click on entry "a" in the first piece: Plotly's own handling is turned off...
    expect(legendEvent(first, 'plotly_legendclick', 0)).toBe(false);
    // ...and every piece hides its "a" curve.
    expect(visibility(node)).toEqual([
      ['a:legendonly', 'b:true'],
      ['a:legendonly', 'b:true'],
      ['a:legendonly', 'b:true']
    ]);
    await drawFigure(plotly, node, rows(3));
    expect(visibility(node)[2]).toEqual(['a:legendonly', 'b:true']);
    // Clicked again: shown again.
    legendEvent(first, 'plotly_legendclick', 0);
    expect(visibility(node)[1]).toEqual(['a:true', 'b:true']);
    // A double click shows "b" alone; a second one shows every entry.
    legendEvent(first, 'plotly_legenddoubleclick', 1);
    expect(visibility(node)[2]).toEqual(['a:legendonly', 'b:true']);
    legendEvent(first, 'plotly_legenddoubleclick', 1);
    expect(visibility(node)[2]).toEqual(['a:true', 'b:true']);
  });

  it('shows an entry alone without hiding what has no legend entry', async () => {
    const { plotly } = recordingPlotly();
    const node = document.createElement('div');
    // Each row also has a surface and a line that are not in the legend.
    const fig = rows(3);
    const extra = fig.data.flatMap(t => [
      { type: 'heatmap' as const, name: 'surface', xaxis: t.xaxis, yaxis: t.yaxis },
      {
        type: 'scatter' as const,
        name: 'P = 0.5',
        showlegend: false,
        xaxis: t.xaxis,
        yaxis: t.yaxis
      }
    ]);
    await drawFigure(plotly, node, {
      ...fig,
      data: [...fig.data, ...extra.filter((_, k) => k % 4 < 2)]
    });
    const [first] = plotsOf(node);
    legendEvent(first, 'plotly_legenddoubleclick', 1);
    expect(visibility(node)[1]).toEqual(['a:legendonly', 'b:true', 'surface:true', 'P = 0.5:true']);
    legendEvent(first, 'plotly_legenddoubleclick', 1);
    expect(visibility(node)[1]).toEqual(['a:true', 'b:true', 'surface:true', 'P = 0.5:true']);
  });

  it('gives the picture of a chart the margins its pieces were widened to on screen', async () => {
    const { plotly } = recordingPlotly(plot => (plot === 'piece 1' ? 27 : 0));
    const node = document.createElement('div');
    await drawFigure(plotly, node, rows(3));
    const margins: number[] = [];
    const image = plotly.toImage.bind(plotly);
    (plotly as { toImage: unknown }).toImage = (figure: { layout: { margin: { r: number } } }) => {
      margins.push(figure.layout.margin.r);
      return image(figure as never, {} as never);
    };
    await figureImages(plotly, rows(3), 500, { node });
    expect(margins).toEqual([27, 27, 27]);
    margins.length = 0;
    await figureImages(plotly, rows(3), 500);
    expect(margins).toEqual([20, 20, 20]);
  });

  it('takes images of smaller pieces than it draws on screen', async () => {
    const { plotly, calls } = recordingPlotly();
    const node = document.createElement('div');
    // Rows of 200 px: two to a piece on screen, one to a piece in the picture.
    await drawFigure(plotly, node, rows(4, 200));
    expect(plotsOf(node).length).toBe(2);
    expect(IMAGE_PIECE_HEIGHT).toBeLessThanOrEqual(200);
    const images = await figureImages(plotly, rows(4, 200), 500);
    expect(images.length).toBe(4);
    expect(images.reduce((sum, i) => sum + i.height, 0)).toBe(800);
    expect(calls.filter(c => c.startsWith('image')).length).toBe(4);
  });

  it('takes the image of each piece for a picture, top first', async () => {
    const { plotly, calls } = recordingPlotly();
    const images = await figureImages(plotly, rows(3), 500);
    expect(images.map(i => i.height)).toEqual([390, 400, 410]);
    expect(calls).toEqual(['image 390', 'image 400', 'image 410']);
  });

  describe('a legend in a piece of its own', () => {
    /** One panel under a legend of many entries. */
    const legendFigure = (): Figure => {
      const layout = baseLayout(panelGrid({ rows: 1, cols: 1 }), 'test', false);
      const data: Trace[] = Array.from({ length: LEGEND_PIECE_ENTRIES + 2 }, (_, i) => ({
        type: 'scatter',
        name: `curve ${i}`,
        x: [0, 1],
        y: [i, i]
      }));
      makeLegendRoom(layout, data, 600, 12);
      layout.legend = { ...(layout.legend as object), font: { color: 'rgba(0,0,0,.87)' } };
      return { data, layout };
    };

    it('is drawn again as tall as Plotly found the legend to be, and so from then on', async () => {
      // The chart 600 px wide on screen: a plotting area of 520 px between its margins.
      const { plotly, calls } = recordingPlotly(() => 0, { height: 80, width: 520 });
      const node = document.createElement('div');
      const figure = legendFigure();
      const estimated = figure.layout.height as number;
      // As the board does: the node as tall as the figure, until it is drawn.
      node.style.height = `${estimated}px`;
      await drawFigure(plotly, node, figure);
      const legendDraws = () => calls.filter(c => c.startsWith('react piece 0'));
      // The estimate, then the legend's own height and a little air.
      expect(legendDraws()).toHaveLength(2);
      expect(legendDraws()[1]).toMatch(/ h=84$/);
      const [legend, body] = plotsOf(node);
      expect(legend.style.height).toBe('84px');
      // The chart as tall as its pieces.
      const band = splitHeights(figure)[0];
      expect(body.style.height).toBe(`${estimated - band}px`);
      expect(node.style.height).toBe(`${estimated - band + 84}px`);
      // The next figure: its left margin wider (a log axis's labels), the legend the same.
      calls.length = 0;
      const next = legendFigure();
      next.layout.margin = { ...(next.layout.margin as object), l: 90 };
      await drawFigure(plotly, node, next);
      expect(legendDraws()).toEqual([expect.stringMatching(/ h=84$/)]);
      // The picture of the chart: the legend as tall as on screen.
      const images = await figureImages(plotly, legendFigure(), 600, { node });
      expect(images[0].height).toBe(84);
      // Under it, the panels as the figure had them (its height less the estimated band).
      const panels = images.slice(1).reduce((sum, i) => sum + i.height, 0);
      expect(panels).toBe(estimated - splitHeights(figure)[0]);
      // A chart not drawn on screen: only the estimate of its legend's height, which may
      // fall short. Its legend stays above its panels, in one image with them.
      const unseen = await figureImages(plotly, legendFigure(), 600);
      expect(unseen.map(i => i.height)).toEqual([estimated]);
      // So does a picture wider than the chart on screen (its legend's rows wrap elsewhere).
      const wider = await figureImages(plotly, legendFigure(), 800, { node });
      expect(wider.map(i => i.height)).toEqual([estimated]);
    });

    it('only grows for the same legend at about the same width', async () => {
      const legend = { height: 80, width: 500 };
      const { plotly, calls } = recordingPlotly(() => 0, legend);
      const node = document.createElement('div');
      const legendDraws = () => calls.filter(c => c.startsWith('react piece 0'));
      await drawFigure(plotly, node, legendFigure());
      // A scroll bar came: 20 px narrower, one row fewer. The piece stays as it was.
      Object.assign(legend, { height: 60, width: 480 });
      // The next figure: its left margin wider (a log axis's labels), the legend the same.
      calls.length = 0;
      const next = legendFigure();
      next.layout.margin = { ...(next.layout.margin as object), l: 90 };
      await drawFigure(plotly, node, next);
      expect(legendDraws()).toEqual([expect.stringMatching(/ h=84$/)]);
      // A much wider chart: the legend's own height again.
      Object.assign(legend, { width: 700 });
      calls.length = 0;
      await drawFigure(plotly, node, legendFigure());
      expect(legendDraws()).toEqual([
        expect.stringMatching(/ h=84$/),
        expect.stringMatching(/ h=64$/)
      ]);
    });

    it('is not given to Plotly again unchanged at the same width', async () => {
      const figure = legendFigure();
      const { plotly, calls } = recordingPlotly(() => 0, { height: splitHeights(figure)[0] - 4 });
      const node = document.createElement('div');
      const legendDraws = () => calls.filter(c => c.startsWith('react piece 0')).length;
      const bodyDraws = () => calls.filter(c => c.startsWith('react piece 1')).length;
      await drawFigure(plotly, node, legendFigure(), { width: 600 });
      expect([legendDraws(), bodyDraws()]).toEqual([1, 1]);
      await drawFigure(plotly, node, legendFigure(), { width: 600 });
      expect([legendDraws(), bodyDraws()]).toEqual([1, 2]);
      // Another width, or an entry hidden, or the plot purged: drawn again.
      await drawFigure(plotly, node, legendFigure(), { width: 640 });
      expect(legendDraws()).toBe(2);
      legendEvent(plotsOf(node)[0], 'plotly_legendclick', 0);
      await drawFigure(plotly, node, legendFigure(), { width: 640 });
      expect(legendDraws()).toBe(3);
      purgeFigure(plotly, node);
      await drawFigure(plotly, node, legendFigure(), { width: 640 });
      expect(legendDraws()).toBe(4);
      // Its legend is followed again: a click reaches the panels.
      legendEvent(plotsOf(node)[0], 'plotly_legendclick', 1);
      expect(visibility(node)[1]).toContain('curve 1:legendonly');
      // Without a width, always given to Plotly (which then finds what changed).
      await drawFigure(plotly, node, legendFigure());
      expect(legendDraws()).toBe(5);
    });

    it('forgets the entries hidden in its pieces when the chart is one plot again', async () => {
      const { plotly } = recordingPlotly(() => 0, { height: 20 });
      const node = document.createElement('div');
      await drawFigure(plotly, node, legendFigure());
      legendEvent(plotsOf(node)[0], 'plotly_legendclick', 0);
      expect(visibility(node)[1]).toContain('curve 0:legendonly');
      // Fewer entries: one plot, whose own legend Plotly handles, every curve shown.
      const short = legendFigure();
      short.data = short.data.slice(0, LEGEND_PIECE_ENTRIES - 1);
      await drawFigure(plotly, node, short);
      expect(plotsOf(node)).toEqual([node]);
      await drawFigure(plotly, node, legendFigure());
      expect(
        visibility(node)
          .flat()
          .some(v => v.endsWith(':legendonly'))
      ).toBe(false);
    });

    it('is drawn once when the estimate was right', async () => {
      const figure = legendFigure();
      const band = splitHeights(figure)[0];
      const { plotly, calls } = recordingPlotly(() => 0, { height: band - 4 });
      const node = document.createElement('div');
      await drawFigure(plotly, node, figure);
      expect(calls.filter(c => c.startsWith('react piece 0'))).toHaveLength(1);
    });
  });
});

/** The heights of a figure's pieces. */
function splitHeights(figure: Figure): number[] {
  return splitFigure(figure).map(p => p.layout.height as number);
}
