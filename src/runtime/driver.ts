// A run being driven, and the one thing the engine asks of whoever schedules
// runs (starting a spawned run). The scheduler implements RunSystem and hands
// it down; the engine never imports the scheduler.
import type { Value } from '../contract/value.js';
import type { SpawnRequest } from '../contract/flow.js';
import type { PreparedAction } from './scripts.js';
import type { RunLog, RunState } from './state.js';
import type { ContactServices, ReleasedBy } from '../contract/contact.js';

/** A run being driven: its current immutable state and its append-only log. */
export interface RunDriver {
  state: RunState;
  log: RunLog;
  /** The log of the run at the root of its spawn tree (absent for a root run): it also collects this run's effects. */
  rootLog?: RunLog;
  /**
   * The action budget shared by a run and every run it spawns (one object per
   * spawn tree): actions taken so far by all of them. The scheduler sets it.
   */
  budget?: RunBudget;
  /** The frame variables object the run's own last write made, which it may write in place (run-changes.ts, writableVars). */
  ownedVars?: Record<string, Value>;
}

export interface RunBudget {
  actions: number;
}

export interface RunSystem {
  /** Starts a run spawned by `parent`'s `action`; `limit` marks a refusal caused by maxSpawnedRuns. */
  spawn(parent: RunDriver, action: PreparedAction, request: SpawnRequest): { spawnId: string } | { error: string; limit?: true };
  /** The contacts of the running scripts, by contact id (events, SIGNAL, releases). */
  readonly contacts: RunContacts;
}

/** The contacts of the running scripts, and the news of a release for whoever listens (routing). */
export interface RunContacts extends ContactServices {
  released(d: RunDriver, atMs: number, by: ReleasedBy): void;
}
