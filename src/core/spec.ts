/**
 * The experiment spec: validation, defaults and compared variants.
 *
 * A spec arrives as JSON written by a person (a notebook cell, a YAML magic, a demo).
 * It is checked in three passes, each with messages a student can act on:
 *
 * 1. the JSON Schema in schema/experiment.schema.json (the one contract shared with the
 *    Python package): types, allowed names, ranges and the caps that keep every experiment
 *    small enough for a browser tab;
 * 2. defaults: fixed ones are read from the schema's "default" keywords, the ones that
 *    depend on the data set (output layer, loss, layer sizes, views, ...) are chosen here;
 * 3. meaning: the layer sizes must fit the data, the loss must fit the output layer, explicit
 *    weights must have the right shapes, and the total work must fit a budget. These are
 *    checked for the base network and again for every compared variant, because a variant
 *    can change the layers.
 */

import type { ErrorObject, ValidateFunction } from 'ajv';
import schemaJson from '../../schema/experiment.schema.json';
import { usesSecondInput } from './features';
import validateSchema from './schemaValidator';
import { DATASET_TABLE } from './schemaFacts';
import {
  ActivationName,
  DataSpec,
  DatasetName,
  ExperimentSpec,
  LossName,
  NetworkSpec,
  OutputName,
  ResolvedVariant,
  SpecError,
  TrainingSpec,
  VariantSpec,
  ViewName
} from './types';
import { BoundsSchema, capErrors, checkBounds, preview } from './bounds';

// ---------------------------------------------------------------------------------------------
// The schema as data
// ---------------------------------------------------------------------------------------------

/** The parts of a JSON Schema node this module reads. */
interface SchemaNode {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
  $ref?: string;
}

/** The experiment schema, exactly as stored in schema/experiment.schema.json. */
export const EXPERIMENT_SCHEMA: Readonly<Record<string, unknown>> = schemaJson as Record<
  string,
  unknown
>;

const ROOT = schemaJson as unknown as SchemaNode;
const DEFINITIONS = ROOT.definitions ?? {};

/** Properties of one section of the spec ('data', 'network' or 'training'). */
function sectionProperties(section: 'data' | 'network' | 'training'): Record<string, SchemaNode> {
  return DEFINITIONS[section]?.properties ?? {};
}

/** The "default" of a schema property, deep-copied so that callers can change it freely. */
function schemaDefault(properties: Record<string, SchemaNode>, key: string): unknown {
  const value = properties[key]?.default;
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------
// Caps that JSON Schema cannot express
// ---------------------------------------------------------------------------------------------

/**
 * Total work allowed for one experiment, counted in multiply-adds of the forward pass:
 * epochs * points * (sum over weight layers of layers[l] * layers[l+1]), summed over the
 * base network and its variants. The backward pass costs about twice as much again, so
 * 5e9 is roughly a minute of single-threaded JavaScript at worst.
 */
export const WORK_BUDGET = 5e9;

/** Forward-pass multiply-adds of one epoch over `points` rows: points * sum(l_i * l_(i+1)). */
export function workPerEpoch(layers: number[], points: number): number {
  let weights = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    weights += layers[l] * layers[l + 1];
  }
  return points * weights;
}

// ---------------------------------------------------------------------------------------------
// What a data set looks like to a network
// ---------------------------------------------------------------------------------------------

/** The four-point logic gates. */
const GATES: ReadonlySet<DatasetName> = new Set<DatasetName>(['xor', 'and', 'or', 'nand']);

/** Activations for which He initialisation is the usual choice. */
const RELU_FAMILY: ReadonlySet<ActivationName> = new Set<ActivationName>([
  'relu',
  'leaky_relu',
  'elu'
]);

/** The shape of a data set's problem, which fixes the network's first and last layer. */
export interface DataInfo {
  task: 'classification' | 'regression';
  /** Number of inputs: the width of the first layer (the number of features when given). */
  inputDim: number;
  /** The data's own coordinates per point (x1, x2): what the maps are drawn over. */
  rawDim: number;
  /** Number of classes; 0 for regression, which has none (the convention of types.ts). */
  nClasses: number;
  /** Width of a target row: 1 for binary classes and scalar regression, k for k one-hot classes. */
  targetDim: number;
  /** Number of points the data set will have. */
  points: number;
  /** True for custom data without targets (allowed when nothing trains): any output width fits. */
  noTargets?: boolean;
}

export function isGate(name: DatasetName): boolean {
  return GATES.has(name);
}

/** True when a row is a single 1 among zeros. */
function isOneHot(row: number[]): boolean {
  let ones = 0;
  for (const v of row) {
    if (v === 1) {
      ones++;
    } else if (v !== 0) {
      return false;
    }
  }
  return ones === 1;
}

/**
 * Work out the task, input width and target width of a data set.
 *
 * Custom targets are read as the data sets module reads them: whole numbers >= 0 (a flat
 * list, or rows of one) are class indices; rows that are all one-hot are classes too;
 * anything else is regression with one output per target column.
 */
export function describeData(data: DataSpec): DataInfo {
  const own = describeOwnData(data);
  const rawDim = own.inputDim;
  const features = data.features;
  return features && features.length > 0
    ? { ...own, rawDim, inputDim: features.length }
    : { ...own, rawDim };
}

function describeOwnData(data: DataSpec): Omit<DataInfo, 'rawDim'> {
  if (data.name === 'custom') {
    return describeCustomData(data);
  }
  const facts = DATASET_TABLE[data.name];
  const inputDim = facts.inputs ?? 0;
  if (facts.task === 'regression') {
    return { task: 'regression', inputDim, nClasses: 0, targetDim: 1, points: data.n };
  }
  const k = facts.classes === 'data.classes' ? Math.max(2, data.classes) : (facts.classes ?? 2);
  // The logic gates' corners repeat (with noise) only when more points or noise are asked for.
  const points = isGate(data.name) && !(data.n > 4 || data.noise > 0) ? 4 : data.n;
  return { task: 'classification', inputDim, nClasses: k, targetDim: k === 2 ? 1 : k, points };
}

function describeCustomData(data: DataSpec): Omit<DataInfo, 'rawDim'> {
  const x = data.x ?? [];
  const inputDim = x.length > 0 ? x[0].length : 0;
  const points = x.length;
  if (data.y === undefined) {
    return { task: 'regression', inputDim, nClasses: 0, targetDim: 1, points, noTargets: true };
  }
  const rows = data.y.map(v => (typeof v === 'number' ? [v] : v));
  const width = rows.length > 0 ? rows[0].length : 1;
  const isClassIndex = (v: number): boolean => Number.isInteger(v) && v >= 0;
  if (width === 1 && rows.length > 0 && rows.every(r => isClassIndex(r[0]))) {
    const k = Math.max(2, Math.max(...rows.map(r => r[0])) + 1);
    return { task: 'classification', inputDim, nClasses: k, targetDim: k === 2 ? 1 : k, points };
  }
  if (width >= 2 && rows.every(isOneHot)) {
    return { task: 'classification', inputDim, nClasses: width, targetDim: width, points };
  }
  return { task: 'regression', inputDim, nClasses: 0, targetDim: width, points };
}

/** Output widths that fit the data with the given output activation. */
export function allowedOutputUnits(info: DataInfo, output: OutputName): number[] {
  if (info.task === 'regression') {
    return [info.targetDim];
  }
  if (info.nClasses === 2) {
    return output === 'softmax' ? [2] : [1];
  }
  return [info.nClasses];
}

// ---------------------------------------------------------------------------------------------
// Defaults that depend on the data set
// ---------------------------------------------------------------------------------------------

/** The output activation a loss needs, or the natural one for the task. */
export function defaultOutput(info: DataInfo, loss?: LossName): OutputName {
  if (loss === 'cce') {
    return 'softmax';
  }
  if (loss === 'bce') {
    return 'sigmoid';
  }
  if (info.task === 'regression') {
    return 'identity';
  }
  if (loss === 'mse' || loss === 'l2') {
    // Squared error on class targets: probabilities per unit, without softmax's coupling.
    return 'sigmoid';
  }
  return info.nClasses > 2 ? 'softmax' : 'sigmoid';
}

/** The loss that matches an output activation: cross-entropy for probabilities, else mse. */
export function defaultLoss(info: DataInfo, output: OutputName): LossName {
  if (output === 'softmax') {
    return 'cce';
  }
  if (output === 'sigmoid' && info.task === 'classification') {
    return 'bce';
  }
  return 'mse';
}

/**
 * Hidden layer widths used when the spec gives no layers: the data-set table's `hidden`.
 * Sixteen ReLU units solve XOR from 99 seeds of 100 (`npm run solve-rates`); eight from 89,
 * because dead units leave too few alive.
 */
function defaultHidden(name: DatasetName): number[] {
  return DATASET_TABLE[name].hidden.slice();
}

/** He suits the ReLU family (half of the units are off), Xavier the symmetric squashers. */
export function defaultInit(activations: ActivationName[]): 'he' | 'xavier' {
  return activations.length > 0 && activations.every(a => RELU_FAMILY.has(a)) ? 'he' : 'xavier';
}

/** One activation per hidden layer, from a single name or a per-layer list. */
export function expandActivations(
  network: Pick<NetworkSpec, 'layers' | 'activation'>
): ActivationName[] {
  const hidden = Math.max(0, network.layers.length - 2);
  if (Array.isArray(network.activation)) {
    return network.activation.slice();
  }
  return new Array<ActivationName>(hidden).fill(network.activation);
}

/** A network whose hidden layers are all the identity collapses to one affine map. */
export function isLinearNetwork(activations: ActivationName[]): boolean {
  return activations.length > 0 && activations.every(a => a === 'identity');
}

/**
 * Views shown when the spec names none: the decision surface (or fitted curve) when the
 * inputs can be drawn, the loss always, the hidden layer's view of 2-D classes, and the
 * affine collapse whenever one of the networks is linear.
 */
export function defaultViews(info: DataInfo, anyLinearNetwork: boolean): ViewName[] {
  const views: ViewName[] = [];
  if (info.rawDim <= 2) {
    views.push('boundary');
  }
  views.push('loss');
  if (info.task === 'classification' && info.rawDim === 2) {
    views.push('hidden');
  }
  if (info.rawDim > 2) {
    views.push('weights');
  }
  if (anyLinearNetwork) {
    views.push('collapse');
  }
  return views;
}

/** A short name for a network's hidden activations, e.g. "relu" or "relu, tanh". */
export function activationLabel(activation: ActivationName | ActivationName[]): string {
  if (!Array.isArray(activation)) {
    return activation;
  }
  if (activation.length === 0) {
    return 'no hidden layer';
  }
  return activation.every(a => a === activation[0]) ? activation[0] : activation.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Suggestions for misspelt names
// ---------------------------------------------------------------------------------------------

/**
 * Edit distance between two words (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring letters each cost 1, so 'rleu' is 1 from 'relu'.
 */
export function editDistance(a: string, b: string): number {
  // d[i][j] = distance between the first i letters of a and the first j letters of b.
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      d[i].push(i === 0 ? j : 0);
    }
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Ignore case, underscores and dashes, so learning_rate matches learningRate. */
function looseKey(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, '');
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 64) {
    // Far longer than any field or name: not a typo, and not worth an edit-distance table.
    return undefined;
  }
  const loose = looseKey(word);
  const same = candidates.find(c => looseKey(c) === loose);
  if (same !== undefined) {
    return same;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(loose, looseKey(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (loose.length === 0) {
    // Nothing typed is not a typo of anything.
    return undefined;
  }
  const tolerance = Math.max(1, Math.floor(loose.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Schema errors in plain words
// ---------------------------------------------------------------------------------------------

/**
 * The schema validator: Ajv's code for the schema, compiled ahead of time
 * (schemaValidator.ts, written by `npm run build:validator`; a test fails when it no longer
 * matches the schema), so the page neither loads Ajv nor compiles the schema.
 */
function schemaValidator(): ValidateFunction {
  return validateSchema as unknown as ValidateFunction;
}

/** JSON pointer "/network/layers/1" -> "network.layers[1]". */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) {
      path += `[${part}]`;
    } else {
      path += path === '' ? part : `.${part}`;
    }
  }
  return path;
}

/** A value as it would be written in a spec, shortened when long. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 60 ? `'${value.slice(0, 57)}...'` : `'${value}'`;
  }
  // Built piece by piece: a huge or deeply nested value costs no more than what is shown.
  return preview(value, 60);
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a finite number',
  string: 'a text string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object of named fields',
  null: 'null'
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map(t => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** "1 input", "2 inputs". */
function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Maximum-type limits on these fields are caps that protect the browser tab. */
const CAPPED_FIELDS = /(^|\.)(n|epochs|grid|batchSize|layers\[\d+\])$/;
const CAP_NOTE = ' (a cap that keeps every experiment small enough for a browser tab)';

/** The field names allowed in the object an additionalProperties error points at. */
function allowedFields(error: ErrorObject): string[] {
  const parent = error.parentSchema as SchemaNode | undefined;
  return Object.keys(parent?.properties ?? {});
}

/** Which section an unknown field really belongs to, e.g. 'epochs' -> 'training'. */
function homeSection(field: string): string | undefined {
  for (const section of ['data', 'network', 'training'] as const) {
    if (field in sectionProperties(section)) {
      return section;
    }
  }
  return undefined;
}

function unknownFieldMessage(error: ErrorObject, path: string): SpecError {
  const field = String((error.params as { additionalProperty: string }).additionalProperty);
  const allowed = allowedFields(error);
  const where = path === '' ? 'the spec' : path;
  const fieldPath = path === '' ? field : `${path}.${field}`;
  let message = `unknown field '${field}' in ${where}`;
  const suggestion = suggestName(field, allowed);
  // A field of another section, written in the wrong place (e.g. epochs in network).
  const elsewhere = suggestName(field, allSectionFields());
  const home = elsewhere === undefined ? undefined : homeSection(elsewhere);
  const here = path
    .split('.')
    .pop()
    ?.replace(/\[\d+\]$/, '');
  if (suggestion !== undefined) {
    message += `; did you mean '${suggestion}'?`;
  } else if (elsewhere !== undefined && home !== undefined && home !== here) {
    message += `; '${elsewhere}' belongs in ${home}, e.g. {"${home}": {"${elsewhere}": ...}}`;
  } else {
    message += `; allowed: ${allowed.join(', ')}`;
  }
  return { path: fieldPath, message };
}

/** Every field name of the data, network and training sections. */
function allSectionFields(): string[] {
  return (['data', 'network', 'training'] as const).flatMap(s => Object.keys(sectionProperties(s)));
}

function enumMessage(path: string, value: unknown, allowed: unknown[]): string {
  const names = allowed.map(String);
  let message = `${path} is ${show(value)}; allowed: ${names.join(', ')}`;
  if (value === 'softmax' && !names.includes('softmax')) {
    return (
      `${path} is 'softmax', which is only for the output layer: set network.output to ` +
      `'softmax' and pick a hidden activation from ${names.join(', ')}`
    );
  }
  if (typeof value === 'string') {
    const suggestion = suggestName(value, names);
    if (suggestion !== undefined) {
      message += `; did you mean '${suggestion}'?`;
    }
  }
  return message;
}

/** One ajv error as a sentence naming the field, the bad value and what is allowed. */
function describeError(error: ErrorObject): SpecError {
  const path = pointerToPath(error.instancePath);
  const name = path === '' ? 'the spec' : path;
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownFieldMessage(error, path);
    case 'type':
      return { path, message: `${name} must be ${typeWords(params.type)}, got ${show(value)}` };
    case 'enum':
      return { path, message: enumMessage(name, value, params.allowedValues as unknown[]) };
    case 'minimum':
      return { path, message: `${name} is ${show(value)} but must be at least ${params.limit}` };
    case 'exclusiveMinimum':
      return {
        path,
        message: `${name} is ${show(value)} but must be greater than ${params.limit}`
      };
    case 'exclusiveMaximum':
      return { path, message: `${name} is ${show(value)} but must be less than ${params.limit}` };
    case 'maximum': {
      const note = CAPPED_FIELDS.test(path) ? CAP_NOTE : '';
      return {
        path,
        message: `${name} is ${show(value)} but must be at most ${params.limit}${note}`
      };
    }
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(value) ? value.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      const note = error.keyword === 'maxItems' ? CAP_NOTE : '';
      if (path.endsWith('network.layers')) {
        return {
          path,
          message:
            `${name} has ${count} entries (${plural(Math.max(0, count - 1), 'weight layer')}) ` +
            `but must have ${bound} ${params.limit} (input and output included)${note}`
        };
      }
      return {
        path,
        message: `${name} has ${count} entries but must have ${bound} ${params.limit}${note}`
      };
    }
    case 'uniqueItems': {
      const list = Array.isArray(value) ? value : [];
      return { path, message: `${name} lists ${show(list[Number(params.j)])} twice` };
    }
    case 'maxLength':
      return { path, message: `${name} is too long: at most ${params.limit} characters` };
    case 'required':
      return { path, message: `${name} needs the field '${params.missingProperty}'` };
    default:
      return { path, message: `${name} ${error.message ?? 'is not valid'}` };
  }
}

/** The alternative an enum or type error expected, in words. */
function alternativeWords(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum') {
    return `one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  return typeWords(params.type);
}

/**
 * An anyOf (e.g. "one activation name or a list of them") fails once per alternative.
 * Errors that only say "this alternative has another type" are noise when some other
 * alternative had the right type: keep that one's errors. When no alternative had the right
 * type, say what the alternatives were in one sentence.
 */
function simplifyAnyOf(errors: ErrorObject[]): { kept: ErrorObject[]; combined: SpecError[] } {
  const drop = new Set<ErrorObject>();
  const combined: SpecError[] = [];
  errors.forEach((anyOf, index) => {
    if (anyOf.keyword !== 'anyOf') {
      return;
    }
    drop.add(anyOf);
    // ajv reports an anyOf after the errors of its alternatives, all at or below its path.
    const base = anyOf.instancePath;
    const branch: ErrorObject[] = [];
    for (let i = index - 1; i >= 0; i--) {
      const e = errors[i];
      if (e.instancePath !== base && !e.instancePath.startsWith(base + '/')) {
        break;
      }
      branch.push(e);
    }
    const wrongType = branch.filter(e => e.instancePath === base && isTypeMismatch(e));
    wrongType.forEach(e => drop.add(e));
    if (wrongType.length === branch.length) {
      const path = pointerToPath(base);
      const alternatives = wrongType.reverse().map(alternativeWords).join(', or ');
      combined.push({ path, message: `${path} must be ${alternatives}; got ${show(anyOf.data)}` });
    }
  });
  return { kept: errors.filter(e => !drop.has(e)), combined };
}

/** A type error, or an enum error whose allowed values cannot have the value's type. */
function isTypeMismatch(error: ErrorObject): boolean {
  if (error.keyword === 'type') {
    return true;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return !allowed.some(v => typeof v === typeof error.data);
  }
  return false;
}

/**
 * Schema errors described in words: the first this many the validator found. A spec within
 * every size cap can still hold 300,000 numbers out of range, and the validator finds each
 * one; putting each into words took about 20 times as long as finding it (five seconds), for
 * a message that shows a dozen.
 */
const DESCRIBED_ERRORS = 1000;

/**
 * The schema errors of an input, as plain-word SpecErrors without duplicates; when there were
 * more than DESCRIBED_ERRORS, already cut to the few shown, with the number found in all.
 */
function schemaErrors(input: unknown): SpecError[] {
  const validate = schemaValidator();
  if (validate(input)) {
    return [];
  }
  const found = validate.errors ?? [];
  const partial = found.length > DESCRIBED_ERRORS;
  const { kept, combined } = simplifyAnyOf(partial ? found.slice(0, DESCRIBED_ERRORS) : found);
  const out: SpecError[] = [];
  const seen = new Set<string>();
  for (const described of [...kept.map(describeError), ...combined]) {
    const key = `${described.path}|${described.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(described);
    }
  }
  return partial ? capErrors(out, found.length) : out;
}

// ---------------------------------------------------------------------------------------------
// Filling in defaults
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** A section of the input ('data', 'network', ...) or {} when it was left out. */
function section(input: Json, key: string): Json {
  const value = input[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** Copy `given`, then fill every missing key that has a schema default. */
function withSchemaDefaults(
  given: Json,
  properties: Record<string, SchemaNode>,
  skip: readonly string[] = []
): Json {
  const out: Json = JSON.parse(JSON.stringify(given));
  for (const key of Object.keys(properties)) {
    if (out[key] === undefined && !skip.includes(key)) {
      const value = schemaDefault(properties, key);
      if (value !== undefined) {
        out[key] = value;
      }
    }
  }
  return out;
}

/**
 * The data section with its defaults. A plain logic gate keeps its four points and, like
 * custom data, trains on all of them: four points are too few to hold some back.
 */
function fillData(input: Json): DataSpec {
  const given = section(input, 'data');
  const data = withSchemaDefaults(given, sectionProperties('data'), [
    'trainFraction'
  ]) as unknown as DataSpec;
  if (data.name === 'custom' && Array.isArray(data.x)) {
    data.n = data.x.length;
  } else if (isGate(data.name) && given.n === undefined && data.noise === 0) {
    // A plain logic gate is its four corners; more points only make sense with noise.
    data.n = 4;
  }
  if (data.trainFraction === undefined) {
    const fixed = isGate(data.name) || data.name === 'custom';
    data.trainFraction = fixed
      ? 1
      : Number(schemaDefault(sectionProperties('data'), 'trainFraction'));
  }
  return data;
}

/**
 * The network and training sections with their defaults. The output layer and the loss
 * are chosen together (whichever is given decides the other), then the layer sizes from
 * the data, then the initialisation from the activations.
 */
function fillNetworkAndTraining(
  input: Json,
  data: DataSpec,
  info: DataInfo
): { network: NetworkSpec; training: TrainingSpec } {
  const givenNetwork = section(input, 'network');
  const givenTraining = section(input, 'training');
  const network = withSchemaDefaults(givenNetwork, sectionProperties('network'), [
    'layers',
    'output',
    'init'
  ]) as unknown as NetworkSpec;
  const training = withSchemaDefaults(givenTraining, sectionProperties('training'), [
    'loss',
    'batchSize'
  ]) as unknown as TrainingSpec;

  if (network.output === undefined) {
    network.output = defaultOutput(info, training.loss);
  }
  if (training.loss === undefined) {
    training.loss = defaultLoss(info, network.output);
  }
  if (network.layers === undefined) {
    const hidden = Array.isArray(network.activation)
      ? new Array<number>(network.activation.length).fill(defaultHidden(data.name)[0])
      : defaultHidden(data.name);
    network.layers = [info.inputDim, ...hidden, allowedOutputUnits(info, network.output)[0]];
  }
  if (network.init === undefined) {
    network.init = defaultInit(expandActivations(network));
  }
  if (training.batchSize === undefined) {
    training.batchSize =
      isGate(data.name) || data.name === 'custom'
        ? 0
        : Number(schemaDefault(sectionProperties('training'), 'batchSize'));
  }
  return { network, training };
}

// ---------------------------------------------------------------------------------------------
// Checks of meaning
// ---------------------------------------------------------------------------------------------

interface Findings {
  errors: SpecError[];
  warnings: string[];
}

/** True when the base network and every variant have 0 epochs: no targets are needed. */
function nothingTrains(json: Json): boolean {
  const epochs = (training: unknown): number | undefined =>
    training && typeof training === 'object'
      ? ((training as Json).epochs as number | undefined)
      : undefined;
  const base = epochs(json.training);
  if (base !== 0) {
    return false;
  }
  const compare = Array.isArray(json.compare) ? (json.compare as Json[]) : [];
  return compare.every(v => (epochs(v.training) ?? base) === 0);
}

/**
 * Custom data must come with x and y of matching lengths (y may be left out when nothing
 * trains); other sets must not have them.
 */
function checkData(data: DataSpec, given: Json, found: Findings, untrained = false): void {
  const { errors, warnings } = found;
  if (data.name !== 'custom') {
    for (const key of ['x', 'y'] as const) {
      if (data[key] !== undefined) {
        errors.push({
          path: `data.${key}`,
          message: `data.${key} is only read when data.name is 'custom' (data.name is '${data.name}')`
        });
      }
    }
    if (given.classes !== undefined && data.name !== 'spiral' && data.name !== 'gaussians') {
      warnings.push(
        `data.classes is ignored by '${data.name}': only spiral and gaussians have a number of classes`
      );
    }
    return;
  }
  if (data.x !== undefined && data.y === undefined && untrained) {
    // Nothing trains (epochs 0): the inputs alone are enough to show the forward pass.
    return;
  }
  if (data.x === undefined || data.y === undefined) {
    const missing = data.x === undefined ? 'x' : 'y';
    errors.push({
      path: `data.${missing}`,
      message: `custom data needs both data.x (one row of inputs per point) and data.y (one target per point); data.${missing} is missing`
    });
    return;
  }
  const width = data.x[0].length;
  const ragged = data.x.findIndex(row => row.length !== width);
  if (ragged >= 0) {
    errors.push({
      path: `data.x[${ragged}]`,
      message: `data.x[${ragged}] has ${data.x[ragged].length} values but data.x[0] has ${width}: every row needs the same number of inputs`
    });
  }
  if (data.y.length !== data.x.length) {
    errors.push({
      path: 'data.y',
      message: `data.y has ${data.y.length} targets but data.x has ${data.x.length} rows: give one target per row`
    });
  }
  const flat = data.y.filter(v => typeof v === 'number').length;
  if (flat !== 0 && flat !== data.y.length) {
    errors.push({
      path: 'data.y',
      message:
        'data.y mixes numbers and lists: give either one class index per point or one list of targets per point'
    });
  } else if (flat === 0) {
    const rows = data.y as number[][];
    const yWidth = rows[0].length;
    const bad = rows.findIndex(r => r.length !== yWidth);
    if (bad >= 0) {
      errors.push({
        path: `data.y[${bad}]`,
        message: `data.y[${bad}] has ${rows[bad].length} values but data.y[0] has ${yWidth}: every target row needs the same length`
      });
    }
  }
  if (errors.length === 0) {
    checkClassCount(data, errors);
  }
  if (given.n !== undefined && given.n !== data.x.length) {
    warnings.push(
      `data.n is ignored for custom data: the number of points is the number of rows of data.x (${data.x.length})`
    );
  }
}

/**
 * Features are computed from x1 and x2: they need data with one or two inputs, and a
 * feature that reads x2 needs two.
 */
function checkFeatures(data: DataSpec, info: DataInfo, found: Findings): void {
  const features = data.features;
  if (!features) {
    return;
  }
  if (info.rawDim > 2) {
    found.errors.push({
      path: 'data.features',
      message: `data.features are computed from x1 and x2, but the data has ${info.rawDim} inputs per point: leave data.features out`
    });
    return;
  }
  const bad = features.findIndex(f => info.rawDim < 2 && usesSecondInput(f));
  if (bad >= 0) {
    found.errors.push({
      path: `data.features[${bad}]`,
      message: `data.features[${bad}] is '${features[bad]}' but the data set '${data.name}' has only x1: use x1, x1^2 or sin(x1)`
    });
  }
}

/** The widest a layer may be: the schema's maximum for network.layers entries. */
export const MAX_UNITS = Number(
  (DEFINITIONS.network?.properties?.layers as { items?: { maximum?: number } } | undefined)?.items
    ?.maximum ?? 64
);

/**
 * Whole-number targets are class indices, and each class needs an output unit: the largest
 * index must fit the layer cap. Checked here, where the message can name data.y, rather than
 * later as an output layer or a work budget the user never wrote.
 */
function checkClassCount(data: DataSpec, errors: SpecError[]): void {
  const info = describeCustomData(data);
  if (info.task !== 'classification' || info.nClasses <= MAX_UNITS) {
    return;
  }
  const largest = info.nClasses - 1;
  errors.push({
    path: 'data.y',
    message:
      `data.y is read as class indices (every target is a whole number >= 0), and the largest is ` +
      `${largest}: that needs ${info.nClasses} output units but at most ${MAX_UNITS} classes are ` +
      `allowed (indices 0 to ${MAX_UNITS - 1}); for regression, give targets that are not all whole numbers`
  });
}

/**
 * Layers filled in from the data (or merged from a variant) obey the same caps as written
 * ones: at most MAX_UNITS units per layer.
 */
function checkFilledLayers(layers: number[], at: string, errors: SpecError[]): void {
  const wide = layers.findIndex(units => units > MAX_UNITS);
  if (wide >= 0) {
    errors.push({
      path: `${at}network.layers[${wide}]`,
      message:
        `${at}network.layers[${wide}] would be ${layers[wide]} units (filled in from the data), ` +
        `but a layer has at most ${MAX_UNITS}${CAP_NOTE}`
    });
  }
}

/** Enough points must be left for training after the test split. */
function checkSplit(data: DataSpec, info: DataInfo, found: Findings): void {
  if (Math.floor(info.points * data.trainFraction) < 1) {
    found.errors.push({
      path: 'data.trainFraction',
      message: `data.trainFraction ${data.trainFraction} of ${info.points} points leaves no point to train on`
    });
  }
}

/**
 * The network must fit the data and its loss must fit its output layer.
 * `prefix` is '' for the base spec and e.g. 'compare[1].' for a variant.
 */
function checkNetwork(
  network: NetworkSpec,
  training: TrainingSpec,
  data: DataSpec,
  info: DataInfo,
  prefix: string,
  found: Findings
): void {
  const { errors, warnings } = found;
  const at = (field: string) => `${prefix}${field}`;
  const layers = network.layers;
  const last = layers.length - 1;
  checkFilledLayers(layers, prefix, errors);

  // First layer = input width.
  if (layers[0] !== info.inputDim) {
    const has = data.features
      ? `${plural(info.inputDim, 'feature')} (data.features)`
      : plural(info.inputDim, 'input');
    errors.push({
      path: at('network.layers[0]'),
      message:
        `${at('network.layers[0]')} is ${layers[0]} but the data set '${data.name}' has ` +
        `${has}: the first layer must have ${plural(info.inputDim, 'unit')}`
    });
  }

  // Last layer = output width.
  const allowed = allowedOutputUnits(info, network.output);
  if (!info.noTargets && !allowed.includes(layers[last])) {
    const what =
      info.task === 'regression'
        ? `'${data.name}' has ${info.targetDim} target${info.targetDim === 1 ? '' : 's'} per point`
        : `'${data.name}' has ${info.nClasses} classes and the output is ${network.output}`;
    errors.push({
      path: at(`network.layers[${last}]`),
      message: `${at(`network.layers[${last}]`)} (the output layer) is ${layers[last]} but ${what}: it must be ${allowed.join(' or ')}`
    });
  }

  // Loss and output layer.
  const loss = training.loss;
  if (loss === 'cce' && network.output !== 'softmax') {
    errors.push({
      path: at('training.loss'),
      message:
        `${at('training.loss')} 'cce' (categorical cross-entropy) needs network.output ` +
        `'softmax', but the output is '${network.output}'`
    });
  } else if (network.output === 'softmax' && loss !== 'cce') {
    errors.push({
      path: at('network.output'),
      message: `${at('network.output')} 'softmax' goes with training.loss 'cce', but the loss is '${loss}'`
    });
  }
  if (loss === 'bce' && network.output !== 'sigmoid') {
    errors.push({
      path: at('training.loss'),
      message:
        `${at('training.loss')} 'bce' (binary cross-entropy) needs network.output 'sigmoid' ` +
        `so that outputs are probabilities, but the output is '${network.output}'`
    });
  }
  if ((loss === 'bce' || loss === 'cce') && info.task === 'regression') {
    errors.push({
      path: at('training.loss'),
      message: `${at('training.loss')} '${loss}' is for classes, but '${data.name}' is a regression problem: use 'mse' or 'l2'`
    });
  }
  if (info.task === 'regression' && network.output === 'sigmoid') {
    warnings.push(
      `${at('network.output')} 'sigmoid' only reaches values between 0 and 1; ` +
        'regression targets outside that range cannot be fitted'
    );
  }

  // One activation per hidden layer.
  const hidden = layers.length - 2;
  if (Array.isArray(network.activation) && network.activation.length !== hidden) {
    errors.push({
      path: at('network.activation'),
      message:
        `${at('network.activation')} lists ${plural(network.activation.length, 'activation')} ` +
        `but network.layers ${JSON.stringify(layers)} has ${plural(hidden, 'hidden layer')}: ` +
        'give one per hidden layer, or a single name for all'
    });
  }

  checkParameterShapes(network, prefix, errors);
}

/** weights[l] is layers[l] x layers[l+1] and biases[l] has layers[l+1] entries. */
function checkParameterShapes(network: NetworkSpec, prefix: string, errors: SpecError[]): void {
  const layers = network.layers;
  const { weights, biases } = network;
  if (weights !== undefined) {
    const path = `${prefix}network.weights`;
    if (hasOnePerWeightLayer(weights.length, 'matrices', path, layers, errors)) {
      weights.forEach((W, l) => {
        const rows = layers[l];
        const cols = layers[l + 1];
        const badRow = W.findIndex(row => row.length !== cols);
        if (W.length !== rows || badRow >= 0) {
          const got =
            badRow >= 0
              ? `row ${badRow} has ${W[badRow].length} entries`
              : `it has ${W.length} rows`;
          errors.push({
            path: `${path}[${l}]`,
            message: `${path}[${l}] must be a ${rows} x ${cols} matrix (layers[${l}] x layers[${l + 1}]), but ${got}`
          });
        }
      });
    }
  }
  if (biases !== undefined) {
    const path = `${prefix}network.biases`;
    if (hasOnePerWeightLayer(biases.length, 'vectors', path, layers, errors)) {
      biases.forEach((b, l) => {
        if (b.length !== layers[l + 1]) {
          errors.push({
            path: `${path}[${l}]`,
            message: `${path}[${l}] has ${b.length} entries but layers[${l + 1}] is ${layers[l + 1]}`
          });
        }
      });
    }
  }
}

/**
 * Explicit weights and biases hold one entry per weight layer (layers.length - 1). When the
 * count is wrong, report it at `path` and return false: the per-layer shapes then mean nothing.
 */
function hasOnePerWeightLayer(
  count: number,
  noun: string,
  path: string,
  layers: number[],
  errors: SpecError[]
): boolean {
  const weightLayers = layers.length - 1;
  if (count === weightLayers) {
    return true;
  }
  errors.push({
    path,
    message: `${path} has ${count} ${noun} but network.layers ${JSON.stringify(layers)} has ${weightLayers} weight layers`
  });
  return false;
}

// ---------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------

/** A short label saying what a variant changes, e.g. "identity" or "learningRate 0.3". */
function variantLabel(variant: VariantSpec, index: number): string {
  const network = variant.network ?? {};
  if (network.activation !== undefined) {
    return activationLabel(network.activation);
  }
  if (network.layers !== undefined) {
    return network.layers.join('-');
  }
  const changes: string[] = [];
  for (const [key, value] of Object.entries({ ...network, ...(variant.training ?? {}) })) {
    if (typeof value !== 'object') {
      changes.push(`${key} ${String(value)}`);
    }
  }
  return changes.length > 0 ? changes.join(', ') : `variant ${index + 1}`;
}

/**
 * A variant's network: the base with the variant's fields on top. Lists are replaced, not
 * merged. Explicit base weights belong to the base's layer sizes, so a variant that changes
 * the layers does not inherit them.
 */
function mergeNetwork(base: NetworkSpec, override: Partial<NetworkSpec>): NetworkSpec {
  const merged: NetworkSpec = JSON.parse(JSON.stringify({ ...base, ...override }));
  const newLayers =
    override.layers !== undefined &&
    JSON.stringify(override.layers) !== JSON.stringify(base.layers);
  if (newLayers) {
    if (override.weights === undefined) {
      delete merged.weights;
    }
    if (override.biases === undefined) {
      delete merged.biases;
    }
  }
  return merged;
}

interface Resolution extends Findings {
  variants: ResolvedVariant[];
}

function resolveAndCheck(spec: ExperimentSpec, info: DataInfo): Resolution {
  const found: Resolution = { errors: [], warnings: [], variants: [] };
  const make = (label: string, network: NetworkSpec, training: TrainingSpec): ResolvedVariant => ({
    label,
    data: spec.data,
    network: { ...network, activations: expandActivations(network) },
    training,
    grid: spec.grid
  });

  const baseLabel =
    spec.compare.length > 0 ? activationLabel(expandActivations(spec.network)) : spec.title;
  found.variants.push(make(baseLabel, spec.network, spec.training));

  const taken = new Set([baseLabel]);
  spec.compare.forEach((variant, i) => {
    const network = mergeNetwork(spec.network, variant.network ?? {});
    const training: TrainingSpec = { ...spec.training, ...(variant.training ?? {}) };
    checkNetwork(network, training, spec.data, info, `compare[${i}].`, found);
    let label = variant.label ?? variantLabel(variant, i);
    if (variant.label === undefined && taken.has(label)) {
      // Two variants that change the same thing alike (e.g. both "relu", one with another
      // optimiser) would read as one in legends and titles: the later one gets its number
      // (the base is 1), or the next number that no other label has.
      let n = i + 2;
      while (taken.has(`${label} (${n})`)) {
        n++;
      }
      label = `${label} (${n})`;
    }
    taken.add(label);
    found.variants.push(make(label, network, training));
  });

  // The total-work budget covers all networks together: they train side by side.
  let total = 0;
  for (const v of found.variants) {
    total += v.training.epochs * workPerEpoch(v.network.layers, info.points);
  }
  if (total > WORK_BUDGET) {
    const networks = found.variants.length;
    found.errors.push({
      path: 'training.epochs',
      message:
        `this experiment needs about ${total.toExponential(1)} multiply-adds ` +
        `(epochs x points x weights${networks > 1 ? `, summed over ${networks} networks` : ''}), ` +
        `more than the budget of ${WORK_BUDGET.toExponential(0)}: lower training.epochs, data.n or the layer sizes`
    });
  }
  return found;
}

/** Thrown by resolveVariants when a spec does not hold together. */
export class SpecValidationError extends Error {
  constructor(readonly errors: SpecError[]) {
    super(formatSpecErrors(errors));
    this.name = 'SpecValidationError';
  }
}

/**
 * The networks to train: the base first, then each compare entry merged over it, each with
 * its activations expanded to one per hidden layer. Throws SpecValidationError if a variant
 * does not fit the data (validateSpec reports the same problems without throwing).
 */
export function resolveVariants(spec: ExperimentSpec): ResolvedVariant[] {
  const info = describeData(spec.data);
  const found: Findings = { errors: [], warnings: [] };
  checkNetwork(spec.network, spec.training, spec.data, info, '', found);
  const resolution = resolveAndCheck(spec, info);
  const errors = [...found.errors, ...resolution.errors];
  if (errors.length > 0) {
    throw new SpecValidationError(errors);
  }
  return resolution.variants;
}

// ---------------------------------------------------------------------------------------------
// The entry point
// ---------------------------------------------------------------------------------------------

export type SpecResult =
  { ok: true; spec: ExperimentSpec; warnings?: string[] } | { ok: false; errors: SpecError[] };

/** E.g. "xor: 2-4-1 network, relu" or "xor: 2-1 network, no hidden layer". */
function defaultTitle(data: DataSpec, network: NetworkSpec): string {
  return `${data.name}: ${network.layers.join('-')} network, ${activationLabel(expandActivations(network))}`;
}

/** Errors as one message per line, e.g. for a notebook output or an exception. */
export function formatSpecErrors(errors: SpecError[]): string {
  return errors.map(e => `- ${e.message}`).join('\n');
}

/**
 * Check a spec written by a person and fill in every default.
 * Never throws: problems come back as SpecErrors naming the field and what is allowed.
 */
export function validateSpec(input: unknown): SpecResult {
  let result: SpecResult;
  try {
    result = checkSpec(input);
  } catch (error) {
    // A last line of defence: whatever the input does (a getter that throws, a cycle the
    // bounds missed), the caller gets an error result, never an exception.
    return {
      ok: false,
      errors: [{ path: '', message: `this spec could not be checked: ${thrownText(error)}` }]
    };
  }
  return result.ok ? result : { ok: false, errors: capErrors(result.errors) };
}

/**
 * What was thrown, as at most 200 characters of text: an error's message, or a thrown
 * string. Anything else, or something that throws again when read (a message that is a
 * getter, a revoked proxy), gets a sentence of its own.
 */
function thrownText(error: unknown): string {
  try {
    const text = error instanceof Error ? error.message : error;
    if (typeof text === 'string') {
      return text.slice(0, 200);
    }
  } catch {
    // Reading what was thrown threw: fall through to the sentence below.
  }
  return 'reading one of its fields failed';
}

function checkSpec(given: unknown): SpecResult {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `an experiment spec must be an object of named fields, got ${show(given)}`
        }
      ]
    };
  }
  // Size and depth first and cheaply: nothing below sees an input it cannot finish quickly,
  // and everything below reads the plain copy the walk took, not what was given.
  const bounds = checkBounds(given, schemaJson as unknown as BoundsSchema);
  if (bounds.errors.length > 0) {
    return { ok: false, errors: bounds.errors };
  }
  const input = bounds.copy as Record<string, unknown>;
  const errors = schemaErrors(input);
  if (errors.length > 0) {
    return { ok: false, errors };
  }

  const json = input as Json;
  const found: Findings = { errors: [], warnings: [] };
  const data = fillData(json);
  const givenData = section(json, 'data');
  checkData(data, givenData, found, nothingTrains(json));
  if (found.errors.length > 0) {
    // Without consistent data there is no input or output width to check the network against.
    return { ok: false, errors: found.errors };
  }
  const info = describeData(data);
  checkSplit(data, info, found);
  checkFeatures(data, info, found);
  if (found.errors.length > 0) {
    return { ok: false, errors: found.errors };
  }

  const { network, training } = fillNetworkAndTraining(json, data, info);
  checkNetwork(network, training, data, info, '', found);

  const rootProperties = ROOT.properties ?? {};
  const compare = (json.compare as VariantSpec[] | undefined) ?? [];
  const spec: ExperimentSpec = {
    title: (json.title as string | undefined) ?? defaultTitle(data, network),
    data,
    network,
    training,
    views: [],
    compare: JSON.parse(JSON.stringify(compare)),
    grid: (json.grid as number | undefined) ?? Number(schemaDefault(rootProperties, 'grid')),
    autoplay:
      (json.autoplay as boolean | undefined) ?? Boolean(schemaDefault(rootProperties, 'autoplay'))
  };
  if (typeof json.description === 'string') {
    spec.description = json.description;
  }

  const resolution = resolveAndCheck(spec, info);
  found.errors.push(...resolution.errors);
  found.warnings.push(...resolution.warnings);
  if (found.errors.length > 0) {
    return { ok: false, errors: found.errors };
  }
  spec.compare.forEach((variant, i) => {
    variant.label = resolution.variants[i + 1].label;
  });

  const anyLinear = resolution.variants.some(v => isLinearNetwork(v.network.activations));
  spec.views = (json.views as ViewName[] | undefined) ?? defaultViews(info, anyLinear);
  if (info.rawDim > 2 && spec.views.includes('boundary')) {
    found.warnings.push(
      `views: 'boundary' needs 1 or 2 inputs but the data has ${info.rawDim}; it will be left out`
    );
  }
  return found.warnings.length > 0
    ? { ok: true, spec, warnings: found.warnings }
    : { ok: true, spec };
}
