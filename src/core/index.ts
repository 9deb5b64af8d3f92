/**
 * NN Lab's core: pure TypeScript maths with no DOM, importable from a page, a Worker or a
 * plain Node script. This file re-exports every module of src/core.
 */
export * from './types';
export * from './matrix';
export * from './activations';
export * from './losses';
export * from './rng';
export * from './init';
export * from './network';
export * from './optimizers';
export * from './datasets';
export * from './analysis';
export * from './spec';
export * from './schemaFacts';
export * from './snapshot';
export * from './trainer';
export * from './features';
export * from './backprop';
