/**
 * The data points drawn over the boundary and hidden views: training points filled, test
 * points hollow, coloured by class (or, for regression, by target value).
 *
 * Points are grouped once per figure (by split and class) and every panel reuses the
 * groups, so the work per frame is one pass over the data per panel.
 */
import { extent } from './arrays';
import { classColor } from './theme';
import type { DataSummary } from '../core/types';
import type { ChartTheme, Trace } from './types';

/** The indices of the points of one split and one class (class null for regression). */
export interface PointGroup {
  split: 'train' | 'test';
  cls: number | null;
  indices: number[];
}

/**
 * Group the data's points by split (train, then test) and class. A point in both splits
 * (the four logic-gate points are their own test set) is drawn once, as a training point.
 */
export function groupPoints(data: DataSummary): PointGroup[] {
  const groups: PointGroup[] = [];
  const inTrain = new Uint8Array(data.x.length);
  for (let k = 0; k < data.train.length; k++) {
    inTrain[data.train[k]] = 1;
  }
  const testOnly: number[] = [];
  for (let k = 0; k < data.test.length; k++) {
    if (!inTrain[data.test[k]]) {
      testOnly.push(data.test[k]);
    }
  }
  const splits: ['train' | 'test', ArrayLike<number>][] = [
    ['train', data.train],
    ['test', testOnly]
  ];
  for (const [split, indices] of splits) {
    if (indices.length === 0) {
      continue;
    }
    if (data.task === 'classification') {
      const byClass: number[][] = [];
      for (let c = 0; c < Math.max(1, data.nClasses); c++) {
        byClass.push([]);
      }
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        const c = Math.round(data.y[i]);
        while (byClass.length <= c) {
          byClass.push([]);
        }
        byClass[c].push(i);
      }
      byClass.forEach((members, cls) => {
        if (members.length > 0) {
          groups.push({ split, cls, indices: members });
        }
      });
    } else {
      groups.push({ split, cls: null, indices: Array.from(indices) });
    }
  }
  return groups;
}

export interface PointTraceOptions {
  groups: PointGroup[];
  /** Coordinates of every data point (indexed like data.x), in the panel's axes. */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  data: DataSummary;
  theme: ChartTheme;
  /** Axis ids of the panel. */
  xaxis: string;
  yaxis: string;
  /** Show legend entries (only for the first panel, so classes appear once). */
  showlegend: boolean;
  compact?: boolean;
  /** Regression: colour by target through this colour axis (e.g. 'coloraxis'). */
  coloraxis?: string;
}

/** One scatter trace per point group. */
export function pointTraces(options: PointTraceOptions): Trace[] {
  const { groups, xs, ys, data, theme, compact } = options;
  const size = compact ? 5 : 7;
  // Regression without a shared colour axis: one fixed range for every group, so that the
  // same target has the same colour in the training and the test points.
  const targets = data.task === 'classification' ? null : extent(data.y);
  return groups.map(group => {
    const n = group.indices.length;
    const x = new Array<number>(n);
    const y = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const i = group.indices[k];
      x[k] = xs[i];
      y[k] = ys[i];
    }
    const test = group.split === 'test';
    let color: unknown;
    let colorFields: Record<string, unknown> = {};
    let name: string;
    if (group.cls === null) {
      color = group.indices.map(i => data.y[i]);
      colorFields = options.coloraxis
        ? { coloraxis: options.coloraxis }
        : {
            colorscale: theme.sequential,
            ...(targets ? { cmin: targets[0], cmax: targets[1] } : {})
          };
      name = test ? 'test points' : 'training points';
    } else {
      color = classColor(theme, group.cls);
      name = test ? `class ${group.cls} (test)` : `class ${group.cls}`;
    }
    return {
      type: 'scatter',
      mode: 'markers',
      name,
      legendgroup: group.cls === null ? group.split : `class ${group.cls}`,
      showlegend: options.showlegend,
      x,
      y,
      xaxis: options.xaxis,
      yaxis: options.yaxis,
      marker: {
        size: test ? size - 1 : size,
        symbol: test ? 'circle-open' : 'circle',
        color,
        ...colorFields,
        // Filled points get a thin outline so that they stand out on a region of their own
        // colour: the background colour under a light theme; under a dark theme a light one,
        // since a dark ring vanishes on the dark tints. Hollow points get a thick ring.
        line: test
          ? { width: 2 }
          : theme.dark
            ? { width: 1.5, color: 'rgba(255, 255, 255, 0.9)' }
            : { width: 1, color: theme.background }
      },
      hovertemplate: `${name}<br>(%{x:.3g}, %{y:.3g})<extra></extra>`
    } as Trace;
  });
}
