/**
 * Compares NN Lab's NumPy-compatible normal draws with NumPy's own, bit for bit.
 *
 * Reads what generate.py wrote (NumPy's randn for several seeds, and the C library's log of
 * many inputs) and prints how many of them the core reproduces exactly, next to how many a
 * polar method with JavaScript's Math.log would. Exits with status 1 on any difference.
 *
 * Run: bash scripts/numpy-normal/run.sh
 */
import * as fs from 'fs';
import * as path from 'path';

import { correctlyRoundedLog } from '../../src/core/exactLog';
import { MT19937, NumpyRandomState } from '../../src/core/rng';

const dir = process.argv[2] ?? '/tmp/nnlab-numpy-normal';
const machine = JSON.parse(fs.readFileSync(path.join(dir, 'machine.json'), 'utf-8'));

function float64s(file: string): Float64Array {
  const buffer = fs.readFileSync(path.join(dir, file));
  const copy = new ArrayBuffer(buffer.length);
  new Uint8Array(copy).set(buffer);
  return new Float64Array(copy);
}

/** The polar method with Math.log: what the core did before, for comparison only. */
function mathLogNormals(seed: number, count: number): Float64Array {
  const mt = new MT19937(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * mt.nextDouble() - 1;
      x2 = 2 * mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    out[i] = f * x2;
    if (i + 1 < count) {
      out[i + 1] = f * x1;
    }
  }
  return out;
}

const draws = float64s('draws.f64');
const { seeds, count } = machine as { seeds: number; count: number };
let same = 0;
let sameMathLog = 0;
for (let seed = 0; seed < seeds; seed++) {
  const core = new NumpyRandomState(seed).randn(count);
  const plain = mathLogNormals(seed, count);
  for (let i = 0; i < count; i++) {
    const expected = draws[seed * count + i];
    if (Object.is(core[i], expected)) {
      same++;
    }
    if (Object.is(plain[i], expected)) {
      sameMathLog++;
    }
  }
}
const total = seeds * count;

const logs = float64s('logs.f64');
let logSame = 0;
let logSameMath = 0;
const differs: number[] = [];
for (let i = 0; i < logs.length; i += 2) {
  const [x, expected] = [logs[i], logs[i + 1]];
  if (Object.is(correctlyRoundedLog(x), expected)) {
    logSame++;
  }
  if (Object.is(Math.log(x), expected)) {
    logSameMath++;
  } else if (x < 1 && differs.length < 2000) {
    differs.push(x);
  }
}
fs.writeFileSync(path.join(dir, 'mathlog_differs.json'), JSON.stringify(differs));
const logTotal = logs.length / 2;

console.log(`machine: ${machine.cpu}, FMA ${machine.fma}, ${machine.libc}, NumPy ${machine.numpy}`);
console.log(
  `np.random.randn, seeds 0-${seeds - 1} x ${count}: ${same} of ${total} bit-identical ` +
    `(${total - same} differ); with Math.log: ${sameMathLog} (${total - sameMathLog} differ)`
);
console.log(
  `log(x) against the C library on ${logTotal} inputs: ${logSame} identical ` +
    `(${logTotal - logSame} differ); Math.log: ${logSameMath} (${logTotal - logSameMath} differ)`
);
process.exitCode = same === total && logSame === logTotal ? 0 : 1;
