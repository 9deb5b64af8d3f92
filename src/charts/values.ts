/**
 * The values view: a layer, number by number.
 *
 * For the first rows of the data (at most 8) the figure stacks one table per row: the inputs X,
 * then for every layer l its weighted sums Z_l = A_(l-1) W_l + b_l and its activations
 * A_l = f(Z_l). The entries the activation changed (ReLU's zeroed
 * negatives, a sigmoid's everything) are highlighted in Z and in A, so the student sees what
 * the non-linearity did. Numbers are written as NumPy prints them after
 * `np.set_printoptions(precision=4, suppress=True)`: at most four decimals, trailing zeros
 * dropped ("0.04", "0.", "-0.1234"), so a NumPy cell computing the same layer prints the same
 * numbers. Hovering a cell shows the full value.
 */
import { mixColors } from './colors';
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

/** Tables wider than this show their numbers on hover only. */
const MAX_LABELLED_COLUMNS = 16;

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
  // One table per row of the figure, X first, then Z and A of every layer: each table gets
  // the full width, so the numbers stay readable in a narrow notebook column.
  const tables: { name: string; title: string; cells: number[][]; changed: number[][] }[] = [
    {
      name: 'X',
      title: 'X (inputs)',
      cells: values.x,
      changed: values.x.map(row => row.map(() => 0))
    }
  ];
  values.layers.forEach((layer, l) => {
    // Changed by the activation: A differs from Z (highlighted in both).
    const changed = layer.Z.map((row, i) =>
      row.map((z, j) => (Object.is(layer.A[i][j], z) ? 0 : 1))
    );
    const previous = l === 0 ? 'X' : `A${l}`;
    tables.push(
      {
        name: `Z${l + 1}`,
        title: `Z${l + 1} = ${previous} W${l + 1} + b${l + 1}`,
        cells: layer.Z,
        changed
      },
      {
        name: `A${l + 1}`,
        title: `A${l + 1} = ${layer.activation}(Z${l + 1})${l + 1 === L ? ' (output)' : ''}`,
        cells: layer.A,
        changed
      }
    );
  });
  const grid = panelGrid({
    rows: tables.length,
    cols: 1,
    compact,
    titles: true,
    rowHeight: Math.max(compact ? 40 : 52, (compact ? 20 : 26) * rows)
  });
  const layout = baseLayout(grid, 'values', compact, false);
  const traces: Trace[] = [];
  const annotations = layout.annotations ?? [];
  // Unchanged cells a faint tint of the grid colour, changed ones a tint of the warning colour:
  // both keep the theme's text readable on top.
  const neutral = mixColors(theme.grid, theme.plotBackground, 0.5);
  const changedColor = mixColors(theme.warn, theme.plotBackground, theme.dark ? 0.55 : 0.5);
  const who = snapshots.length > 1 ? `${variantLabel(snap, snapshots.indexOf(snap))}: ` : '';

  for (const panel of grid.panels) {
    const table = tables[panel.row];
    const width = table.cells[0]?.length ?? 0;
    traces.push({
      type: 'heatmap',
      name: table.name,
      x: Array.from({ length: width }, (_, j) => `${j + 1}`),
      y: table.cells.map((_, i) => `row ${i + 1}`),
      z: table.changed,
      zmin: 0,
      zmax: 1,
      colorscale: [
        [0, neutral],
        [1, changedColor]
      ],
      showscale: false,
      xgap: 1,
      ygap: 1,
      text: table.cells.map(row => row.map(numpyNumber)),
      customdata: table.cells,
      ...(width <= MAX_LABELLED_COLUMNS
        ? {
            texttemplate: '%{text}',
            textfont: { color: theme.text, family: 'monospace', size: compact ? 11 : 13 }
          }
        : {}),
      hovertemplate: `${table.name}[%{y}, column %{x}] = %{customdata:.17g}<extra></extra>`,
      xaxis: panel.x,
      yaxis: panel.y
    });
    annotations.push(panelTitle(panel, `${panel.row === 0 ? who : ''}${table.title}`, compact));
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
