/**
 * validateSpec against many hostile specs, on demand (the jest property test runs a few
 * thousand per CI run; this runs as many as asked):
 *
 *   npm run fuzz:spec               # 100,000 specs
 *   npm run fuzz:spec -- 500000 7   # 500,000 specs from seed 7
 *
 * It prints how many inputs threw (must be 0), how many results broke the error contract
 * (a path on every error, one line each, a capped list), and the slowest single validation
 * with the median for comparison. It measures; it does not fail on a slow figure.
 */
import fc from 'fast-check';
import { MAX_ERRORS } from '../src/core/bounds';
import { validateSpec } from '../src/core/spec';
import { hostileSpec } from '../src/core/__tests__/specArbitraries';

const total = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const batch = 1000;
let thrown = 0;
let broken = 0;
let valid = 0;
const times: number[] = [];
let slowest = { ms: 0, preview: '' };

// Compile the schema validator once before timing anything.
validateSpec({});
for (let done = 0; done < total; done += batch) {
  const inputs = fc.sample(hostileSpec, {
    numRuns: Math.min(batch, total - done),
    seed: seed + done
  });
  for (const input of inputs) {
    const start = process.hrtime.bigint();
    try {
      const result = validateSpec(input);
      if (result.ok) {
        valid++;
      } else if (
        result.errors.length === 0 ||
        result.errors.length > MAX_ERRORS + 1 ||
        result.errors.some(e => typeof e.path !== 'string' || e.message.includes('\n'))
      ) {
        broken++;
      }
    } catch (error) {
      thrown++;
      if (thrown <= 3) {
        console.log('threw:', error);
      }
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(ms);
    if (ms > slowest.ms) {
      let text: string;
      try {
        text = String(JSON.stringify(input)).slice(0, 120);
      } catch {
        text = '(not serialisable)';
      }
      slowest = { ms, preview: text };
    }
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`specs: ${total} (seed ${seed}); valid: ${valid}; invalid: ${total - valid}`);
console.log(`threw: ${thrown}; results breaking the error contract: ${broken}`);
console.log(
  `validation time ms: median ${at(0.5).toFixed(3)}, p99 ${at(0.99).toFixed(2)}, ` +
    `max ${slowest.ms.toFixed(1)} (${(slowest.ms / at(0.5)).toFixed(0)} x median)`
);
console.log(`slowest input starts: ${slowest.preview}`);
