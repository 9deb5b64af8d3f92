/**
 * Compares NN Lab's NumPy-compatible normal draws with NumPy's own, bit for bit.
 *
 * Reads what generate.py wrote (NumPy's randn for several seeds, and the C library's log of
 * many inputs) and prints how many of them the core reproduces exactly (glibcLog.ts), next
 * to how many a correctly rounded log (exactLog.ts) and a polar method with JavaScript's
 * Math.log would. Exits with status 1 on any difference of the core's.
 *
 * Run: bash scripts/numpy-normal/run.sh
 */
import * as fs from 'fs';
import * as path from 'path';

import { correctlyRoundedLog } from '../../src/core/exactLog';
import { glibcLog } from '../../src/core/glibcLog';
import { MT19937, NumpyRandomState } from '../../src/core/rng';

const dir = process.argv[2] ?? '/tmp/nnlab-numpy-normal';
const machine = JSON.parse(fs.readFileSync(path.join(dir, 'machine.json'), 'utf-8'));

function float64s(file: string): Float64Array {
  const buffer = fs.readFileSync(path.join(dir, file));
  const copy = new ArrayBuffer(buffer.length);
  new Uint8Array(copy).set(buffer);
  return new Float64Array(copy);
}

/** The polar method with another log (Math.log, the correctly rounded one), for comparison only. */
function polarNormals(seed: number, count: number, log: (x: number) => number): Float64Array {
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
    const f = Math.sqrt((-2 * log(r2)) / r2);
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
let sameRounded = 0;
for (let seed = 0; seed < seeds; seed++) {
  const core = new NumpyRandomState(seed).randn(count);
  const plain = polarNormals(seed, count, Math.log);
  const rounded = polarNormals(seed, count, correctlyRoundedLog);
  for (let i = 0; i < count; i++) {
    const expected = draws[seed * count + i];
    if (Object.is(core[i], expected)) {
      same++;
    }
    if (Object.is(plain[i], expected)) {
      sameMathLog++;
    }
    if (Object.is(rounded[i], expected)) {
      sameRounded++;
    }
  }
}
const total = seeds * count;

const logs = float64s('logs.f64');
const groups = (machine.log_groups as [string, number][] | undefined) ?? [['all', logs.length / 2]];
const differs: number[] = [];
const logLines: string[] = [];
let logSame = 0;
let start = 0;
for (const [name, size] of groups) {
  let core = 0;
  let rounded = 0;
  let math = 0;
  for (let i = start; i < start + size; i++) {
    const [x, expected] = [logs[2 * i], logs[2 * i + 1]];
    if (Object.is(glibcLog(x), expected)) {
      core++;
    }
    if (Object.is(correctlyRoundedLog(x), expected)) {
      rounded++;
    }
    if (Object.is(Math.log(x), expected)) {
      math++;
    } else if (x < 1 && differs.length < 2000) {
      differs.push(x);
    }
  }
  logLines.push(
    `  ${name}: ${size} inputs, glibcLog ${core} identical (${size - core} differ); ` +
      `correctly rounded ${rounded} (${size - rounded} differ); Math.log ${math} (${size - math} differ)`
  );
  logSame += core;
  start += size;
}
fs.writeFileSync(path.join(dir, 'mathlog_differs.json'), JSON.stringify(differs));
const logTotal = logs.length / 2;

console.log(`machine: ${machine.cpu}, FMA ${machine.fma}, ${machine.libc}, NumPy ${machine.numpy}`);
console.log(
  `np.random.randn, seeds 0-${seeds - 1} x ${count}: ${same} of ${total} bit-identical ` +
    `(${total - same} differ); with a correctly rounded log: ${sameRounded} ` +
    `(${total - sameRounded} differ); with Math.log: ${sameMathLog} (${total - sameMathLog} differ)`
);
console.log(`log(x) against the C library on ${logTotal} inputs: ${logSame} identical to glibcLog`);
console.log(logLines.join('\n'));
process.exitCode = same === total && logSame === logTotal ? 0 : 1;
