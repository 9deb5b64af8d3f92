/**
 * The values view: a layer, number by number.
 *
 * For the first rows of the data (at most 8), every layer l gets one row of three tables:
 * its input A_(l-1) (the data X for the first layer), its weighted sums Z_l = A_(l-1) W_l + b_l
 * and its activations A_l = f(Z_l). The entries the activation changed (ReLU's zeroed
 * negatives, a sigmoid's everything) are highlighted in Z and in A, so the student sees what
 * the non-linearity did. Numbers are written as NumPy prints them after
 * `np.set_printoptions(precision=4, suppress=True)`: at most four decimals, trailing zeros
 * dropped ("0.04", "0.", "-0.1234"), so a NumPy cell computing the same layer prints the same
 * numbers. Hovering a cell shows the full value.
 */
import { variantLabel } from './format';
import { messageFigure } from './message';
import { baseLayout, panelAxes, panelGrid, panelTitle, stripUndefined } from './subplots';
import { applyTheme } from './theme';
import type { ChartInput, Figure, Trace } from './types';

/**
 * One number as NumPy prints it in an array with precision 4 and suppress=True: rounded to
 * four decimals, trailing zeros dropped but the point kept ("1.", "0.04", "-0.").
 */
export function numpyNumber(v: number): string {
  if (Number.isNaN(v)) {
    return 'nan';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? 'inf' : '-inf';
  }
  let text = v.toFixed(4).replace(/0+$/, '');
  if ((v < 0 || Object.is(v, -0)) && !text.startsWith('-')) {
    text = `-${text}`; // toFixed drops the sign of values that round to zero
  }
  return text;
}

export function valuesFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const snap = snapshots.find(s => s.values);
  const values = snap?.values;
  if (!snap || !values) {
    return messageFigure(
      snapshots.length === 0 ? 'Waiting for the first epoch...' : 'No values in this snapshot.',
      theme,
      compact
    );
  }
  const L = values.layers.length;
  const rows = values.x.length;
  const grid = panelGrid({
    rows: L,
    cols: 3,
    compact,
    titles: true,
    rowHeight: Math.max(compact ? 70 : 90, (compact ? 18 : 26) * rows)
  });
  const layout = baseLayout(grid, 'values', compact, false);
  const traces: Trace[] = [];
  const annotations = layout.annotations ?? [];
  const neutral = theme.plotBackground;
  const changedColor = theme.warn;
  const who = snapshots.length > 1 ? `${variantLabel(snap, snapshots.indexOf(snap))}: ` : '';

  for (const panel of grid.panels) {
    const l = panel.row;
    const layer = values.layers[l];
    const inputs = l === 0 ? values.x : values.layers[l - 1].A;
    const table = panel.col === 0 ? inputs : panel.col === 1 ? layer.Z : layer.A;
    // Changed by the activation: A differs from Z (highlighted in Z and A, not in the input).
    const changed = table.map((row, i) =>
      row.map((_, j) => (panel.col > 0 && !Object.is(layer.A[i][j], layer.Z[i][j]) ? 1 : 0))
    );
    const name =
      panel.col === 0 ? (l === 0 ? 'X' : `A${l}`) : panel.col === 1 ? `Z${l + 1}` : `A${l + 1}`;
    const title =
      panel.col === 0
        ? l === 0
          ? 'X (inputs)'
          : `A${l} (layer ${l} output)`
        : panel.col === 1
          ? `Z${l + 1} = ${l === 0 ? 'X' : `A${l}`} W${l + 1} + b${l + 1}`
          : `A${l + 1} = ${layer.activation}(Z${l + 1})`;
    traces.push({
      type: 'heatmap',
      name,
      x: table[0] ? table[0].map((_, j) => `${j + 1}`) : [],
      y: table.map((_, i) => `row ${i + 1}`),
      z: changed,
      zmin: 0,
      zmax: 1,
      colorscale: [
        [0, neutral],
        [1, changedColor]
      ],
      showscale: false,
      xgap: 1,
      ygap: 1,
      text: table.map(row => row.map(numpyNumber)),
      customdata: table,
      texttemplate: '%{text}',
      textfont: { color: theme.text, family: 'monospace' },
      hovertemplate: `${name}[%{y}, %{x}] = %{customdata:.17g}<extra></extra>`,
      xaxis: panel.x,
      yaxis: panel.y
    });
    annotations.push(panelTitle(panel, `${panel.col === 0 ? who : ''}${title}`, compact));
  }
  layout.annotations = annotations;
  Object.assign(
    layout,
    panelAxes(
      grid,
      () => ({ type: 'category', showgrid: false, zeroline: false, side: 'bottom' }),
      () => ({ type: 'category', autorange: 'reversed', showgrid: false, zeroline: false })
    )
  );
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}
