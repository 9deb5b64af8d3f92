/**
 * The precompiled schema validator (src/core/schemaValidator.ts) is Ajv's code for the schema
 * as it is now, and judges specs as Ajv compiling the schema at run time would.
 */
import Ajv from 'ajv';
import schema from '../../../schema/experiment.schema.json';
import validate from '../schemaValidator';

const { validatorSource, TARGET, OPTIONS } = require('../../../scripts/validator-code');
const fs = require('fs');

describe('the precompiled schema validator', () => {
  it('matches the schema (after a schema change, run: npm run build:validator)', () => {
    expect(fs.readFileSync(TARGET, 'utf8') === validatorSource()).toBe(true);
  });

  it('gives the errors Ajv gives when it compiles the schema at run time', () => {
    const compiled = new Ajv(OPTIONS).compile(schema);
    const specs: unknown[] = [
      {},
      { data: { name: 'xor' } },
      { data: { name: 'xro' } },
      { network: { layers: [2, 65, 1], activation: 'relu' }, training: { epochs: -1 } },
      { views: ['loss', 'loss'], bogus: 1 },
      { data: { x: [[0, 0]], y: ['a'] }, compare: [{ network: { activation: 'nope' } }] },
      { training: { learningRate: 0 }, grid: 1000 },
      'not a spec',
      null
    ];
    for (const spec of specs) {
      const ours = validate(spec);
      const theirs = compiled(spec);
      expect(ours).toBe(theirs);
      expect(JSON.stringify((validate as unknown as { errors: unknown }).errors)).toBe(
        JSON.stringify(compiled.errors)
      );
    }
  });
});
