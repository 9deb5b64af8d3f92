/**
 * Number formatting for annotations: short, fixed-width enough to read, and exact enough
 * that 1e-16 reads as "1e-16" rather than "0".
 */

/** `v` with `digits` significant digits; exponent notation for tiny or huge magnitudes. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  if (v === 0) {
    return '0';
  }
  const magnitude = Math.abs(v);
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    // "1.20e-16" -> "1.2e-16": drop trailing zeros of the mantissa.
    return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  return String(parseFloat(v.toPrecision(digits)));
}

/** A matrix as text, one row per line ("<br>" breaks, as Plotly annotations use). */
export function formatMatrix(rows: ArrayLike<ArrayLike<number>>, digits = 3): string {
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const cells: string[] = [];
    for (let j = 0; j < row.length; j++) {
      cells.push(formatNumber(row[j], digits));
    }
    lines.push(`[${cells.join(', ')}]`);
  }
  return lines.join('<br>');
}

/** A vector as "[a, b, c]". */
export function formatVector(v: ArrayLike<number>, digits = 3): string {
  const cells: string[] = [];
  for (let i = 0; i < v.length; i++) {
    cells.push(formatNumber(v[i], digits));
  }
  return `[${cells.join(', ')}]`;
}

/** A fraction 0..1 as a whole percentage, "37%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** The display name of compared variant `index`: its label, or "variant 2". */
export function variantLabel(snapshot: { label?: string }, index: number): string {
  return snapshot.label || `variant ${index + 1}`;
}

/** `text` broken into lines of at most `perLine` characters, at spaces (long words whole). */
export function wrapWords(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}
