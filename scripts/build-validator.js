/**
 * Write src/core/schemaValidator.ts: the experiment schema's validator, precompiled by Ajv.
 * Run after every change of schema/experiment.schema.json (`npm run build:validator`; the
 * build runs it too, and a test fails while the file is out of date).
 */
'use strict';
const fs = require('fs');
const { validatorSource, TARGET } = require('./validator-code');

const source = validatorSource();
const old = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : '';
if (old !== source) {
  fs.writeFileSync(TARGET, source);
  console.log(`wrote ${TARGET}`);
}
