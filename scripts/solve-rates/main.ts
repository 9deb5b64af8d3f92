/**
 * Trains every example the project shows (README, docstring, defaults, demo gallery) from
 * seeds 0 .. N-1 and prints how many show their point. Exits with status 1 when one falls
 * below the bar (95 of 100 by default).
 *
 * Run: npm run solve-rates [-- --seeds 100 --bar 0.95 --only <text>]
 */
import { EXAMPLES, Example, solveRate, unmeasuredDemos } from '../../src/demos/examples';
import { PanelModel } from '../../src/widgets/panelModel';

/** The side panel's playground as first opened, "Insert into notebook" without a change. */
const PANEL: Example = {
  id: 'side panel, first state',
  spec: new PanelModel().toSpec() as unknown as Example['spec'],
  claim: 'ReLU solves XOR, identity cannot',
  shows: runs =>
    runs[0].history.trainAccuracy[runs[0].history.trainAccuracy.length - 1] === 1 &&
    runs[1].history.trainAccuracy[runs[1].history.trainAccuracy.length - 1] < 1
};

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const seeds = Number(option('seeds', '100'));
const bar = Number(option('bar', '0.95'));
const only = option('only', '');
let failed = 0;
const missing = unmeasuredDemos();
if (missing.length > 0) {
  console.log(`FAIL demos without a solve-rate check: ${missing.join(', ')}`);
  failed++;
}
for (const example of [...EXAMPLES, PANEL]) {
  if (only && !example.id.includes(only)) {
    continue;
  }
  const start = Date.now();
  const shown = solveRate(example, seeds);
  const ok = shown >= bar * seeds;
  if (!ok) {
    failed++;
  }
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${String(shown).padStart(3)}/${seeds}  ${example.id}: ${example.claim} (${seconds} s)`
  );
}
process.exitCode = failed > 0 ? 1 : 0;
