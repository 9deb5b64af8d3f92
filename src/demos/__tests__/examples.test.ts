/**
 * The examples a student reads are the ones `npm run solve-rates` measures, and the cheapest
 * of them (the XOR defaults and the README) solve XOR from at least 95 seeds of 100 here too.
 * The full measurement of every example over 100 seeds is the "examples" suite of
 * scripts/test-all.sh.
 */
import * as fs from 'fs';
import * as path from 'path';

import { EXAMPLES, solveRate, unmeasuredDemos } from '../examples';

const root = path.join(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf-8');

describe('examples that teach what they say', () => {
  it('the README and the Lab docstring show the measured XOR network', () => {
    expect(read('README.md')).toContain(
      'Lab(data="xor", layers=[2, 16, 1], activation="relu", epochs=500)'
    );
    expect(read('jupyterlab_nnlab/lab.py')).toContain(
      'Lab(data="xor", layers=[2, 16, 1], activation="relu").compare("identity")'
    );
    const readme = EXAMPLES.find(e => e.id === 'README')!;
    expect(readme.spec).toEqual({
      data: { name: 'xor' },
      network: { layers: [2, 16, 1], activation: 'relu' },
      training: { epochs: 500 }
    });
  });

  it('every demo that depends on the seed is measured', () => {
    expect(unmeasuredDemos()).toEqual([]);
  });

  it.each(['Lab(data="xor") with every default', 'README'])(
    '%s solves XOR from at least 95 of 100 seeds',
    id => {
      const example = EXAMPLES.find(e => e.id === id)!;
      expect(solveRate(example, 100)).toBeGreaterThanOrEqual(95);
    }
  );
});
