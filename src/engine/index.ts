/**
 * src/engine: runs training sessions off the main thread and streams snapshots.
 *
 * Import from here, not from worker.ts (the worker's entry point, bundled separately) or
 * spawn.ts (loaded on demand by the session).
 */
export { createSession, Session } from './session';
export type { SessionOptions } from './session';
export { Runner, timerClock } from './runner';
export type { Clock, RunnerOptions, TrainerFactory, TrainerLike, TrainerSet } from './runner';
export { DEFAULT_SETTINGS } from './protocol';
export type { Command, EngineEvent, RunnerSettings, RunState, Speed } from './protocol';
export { snapshotOptionsFor } from './snapshotOptions';
export { createTrainers } from './trainers';
