// Background processes: work the scheduler interleaves with script runs on the
// one virtual timeline (the dialer simulation today; agent routing, digital
// senders, the preview dialer next). The tenant room implements them, the
// runtime drives them; neither knows the other, both know this file.
import type { Clock } from './clock.js';
import type { EffectKind } from './effects.js';
import type { HttpClient } from './http.js';
import type { Limits } from './limits.js';
import type { ContactServices } from './contact.js';
import type { TenantStore } from './tenant-store.js';
import type { Value } from './value.js';

/**
 * What a process may use from the runtime that drives it, handed over once by
 * `attach` before the first run. Runtime features that processes need (the
 * contacts of running scripts, to raise events on them) are added here as
 * optional members, so existing processes need no change.
 */
export interface ProcessServices {
  readonly clock: Clock;
  readonly tenant: TenantStore;
  /** The runtime's seeded random source, in [0, 1). */
  readonly random: () => number;
  readonly limits: Limits;
  /** The run's HTTP layer (stubs in tests; the network only when allowed): a digital sender posts to its middleware. */
  readonly http?: HttpClient;
  /**
   * Records a change in a result's effects, as an action's `ctx.effect` does:
   * the run of `contactId` when given (ended or not), else the entry run's.
   */
  readonly effect?: (kind: EffectKind, data: Value, contactId?: string) => void;
  /** A warning in the entry run's result. */
  readonly warn?: (message: string) => void;
  /**
   * Starts `script` as a new run at `atMs` (a reply on a digital channel
   * starts the channel's script), listed with the entry run's spawned runs.
   * With `call`, a phone script's run is a call (a preview campaign's
   * outbound contact) with `ani`/`dnis`, and events can be raised on it.
   */
  readonly startScript?: (
    script: string,
    options: { vars?: Record<string, Value>; skillNo?: number; atMs: number; call?: { ani?: string; dnis?: string } },
  ) => { contactId: string } | { error: string };
  /** Whether the run of a contact id is still running. */
  readonly isRunning?: (contactId: string) => boolean;
  /** The contacts of running scripts: raise events on them (an agent answers), read and move them, hear of every release. */
  readonly contacts?: ContactServices;
}

/**
 * Work the scheduler interleaves with script runs on the virtual timeline.
 * `nextDueMs` may be in the past (0 before the first run): run it at the
 * current time. null means idle until something changes (asked again after
 * every step): a process is never due just to poll, or a run waiting for an
 * event that never comes could not end. Ties: runs due at the same time go first.
 */
export interface BackgroundProcess {
  readonly name: string;
  /**
   * True when the runtime keeps driving this process after every run ended
   * (until `until`, or until it is idle): work that outlives the scripts,
   * like a digital skill sending its list. Default false.
   */
  readonly keepsRunning?: boolean;
  nextDueMs(): number | null;
  runDue(nowMs: number): void;
  /** Called once when a runtime takes the process, before anything runs. */
  attach?(services: ProcessServices): void;
  /**
   * Awaited at the start of every `run`, before the first step, with the
   * virtual time: work that reads files (a digital skill's calling list)
   * streams here instead of blocking a scheduler step. Called again by a run
   * that continues, so it does its work once. A ScriptLoadError it throws
   * fails the run with its located diagnostics. Warnings given here go to the
   * entry run.
   */
  prepare?(nowMs: number): Promise<void>;
  /**
   * The state the process holds outside the tenant store, as plain JSON, for
   * `runtime.snapshot()` (kept under `processes.<name>`; the store is not in
   * snapshots, so state kept there needs nothing). A process with saveState
   * has restoreState too, and a name no other such process of the runtime has.
   */
  saveState?(): unknown;
  /**
   * Takes back what saveState returned, from a snapshot being resumed: called
   * after attach, before anything runs. A damaged state throws StateError
   * (contract/state-check.ts) with the path inside it; the runtime refuses
   * the snapshot naming where.
   */
  restoreState?(state: unknown): void;
}
