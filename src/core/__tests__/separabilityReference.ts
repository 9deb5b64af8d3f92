/**
 * SciPy's separability verdicts on the reference sets (written by
 * scripts/make_separability_reference.py, checked by a pytest), shared by the separation
 * test suites. Not a test file itself: jest only runs `*.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ReferenceCase {
  name: string;
  points: number[][];
  labels: number[];
  nClasses: number;
  separable: boolean[];
}

export const REFERENCE: ReferenceCase[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'separability_scipy.json'), 'utf8')
).cases;
