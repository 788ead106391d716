// Run state: plain, JSON-serialisable (through encodeValue) data that is never
// mutated — each step replaces the objects it changes and shares the rest, so a
// snapshot after any step is just a reference to the current state.
import type { EncodedValue, Value } from '../contract/value.js';
import type { RunStatus } from './result.js';
import type { ContactEvent } from '../contract/contact.js';
import type { CallerScript } from '../phone/caller-script.js';
import type { ContactState } from '../phone/contact.js';
import type { EventQueue } from '../phone/events.js';
import type { CallSide, Recording, StretchEnd, StretchSpec } from '../phone/media.js';
import type { TranscriptEntry } from '../phone/transcript.js';

/** One script activation. */
export interface FrameState {
  /** Lowercase script name (key of the ScriptSet). */
  readonly script: string;
  /** The action to execute next; while a subscript runs, the caller's RUNSUB. */
  readonly label: string;
  /** Local variables, lowercase names. */
  readonly vars: Readonly<Record<string, Value>>;
  /** LOOP/FOR counters of this frame, by action label. */
  readonly loops: Readonly<Record<string, number>>;
  /** The caller's ReturnVariable for this frame's RETURN ('' when none). */
  readonly returnVariable: string;
}

export type EndedBy = 'script' | 'contact';

/** What never changes during a run: kept in one shared object so each step copies fewer fields. */
export interface RunIdentity {
  /** Start order in the scheduler (ties are broken by it). */
  readonly seq: number;
  readonly contactId: string;
  readonly masterId: string;
  /** Display name of the entry script. */
  readonly script: string;
  /** Contact id of the run that spawned this one. */
  readonly parent: string | null;
  /** Contact id of the run at the root of the spawn tree (itself for an entry run): its result collects the tree's effects. */
  readonly root: string;
  readonly startedMs: number;
  readonly hangUpAtMs: number | null;
  /** The scripted caller of a phone run (docs/phone.md). */
  readonly caller?: CallerScript;
}

/**
 * What a run has beyond its script: the phone call (entry runs of Phone and
 * Voicemail scripts), events waiting to be delivered (any run can be
 * signalled), the event whose handler thread runs, and a stretch in progress.
 * Absent for runs that never had any of these.
 */
export interface RunContact {
  readonly call?: ContactState;
  readonly events: EventQueue;
  /** The event whose handler thread is running; absent in the main flow. */
  readonly handling?: ContactEvent;
  readonly pending?: PendingStretch;
}

/**
 * An action in progress on the call (its outcome is applied when it
 * completes, or dropped when an event cuts it short), or a thread waiting for
 * an event (no action; `endMs` null).
 */
export interface PendingStretch {
  readonly action?: PendingAction;
  readonly startMs: number;
  /** When it completes by itself; null: never (a waiting thread, or an action the caller hangs up on). */
  readonly endMs: number | null;
  /** What it does on the call, from the caller's side at its start (re-run to the moment an event cuts it). */
  readonly stretch?: {
    readonly spec: StretchSpec;
    readonly side: CallSide;
    /** Where a RECORD keeps its recording (kept even when cut short). */
    readonly recordFile?: string;
    /** Its result when nothing cuts it short (absent for an endless wait). */
    readonly result?: { readonly side: CallSide; readonly transcript: readonly TranscriptEntry[]; readonly recording?: Recording; readonly ended: StretchEnd };
  };
  /** Why the thread waits (for the run's end reason when nothing comes). */
  readonly reason?: string;
}

export interface PendingAction {
  /** Script key and label of the action. */
  readonly script: string;
  readonly label: string;
  readonly outcome: EncodedOutcome;
  /** Output name -> the variable it is written to. */
  readonly targets: Readonly<Record<string, string>>;
  readonly seconds: number;
}

export interface EncodedOutcome {
  readonly branch: string;
  readonly outputs?: Readonly<Record<string, EncodedValue>>;
  readonly vars?: Readonly<Record<string, EncodedValue>>;
  readonly error?: string;
}

export interface RunState {
  readonly id: RunIdentity;
  readonly frames: readonly FrameState[];
  readonly globals: Readonly<Record<string, Value>>;
  /** contactid, masterid, skillno, ani, dnis, bu, poc, spawnid, _err, __err. */
  readonly system: Readonly<Record<string, Value>>;
  readonly status: 'running' | RunStatus;
  readonly endedBy?: EndedBy;
  readonly reason?: string;
  /** Virtual time at which the run next executes (or ended). */
  readonly dueMs: number;
  readonly steps: number;
  readonly lastError: string;
  readonly warnings: readonly string[];
  readonly contactData: Readonly<Record<string, Value>>;
  /** Variables flagged by ASSIGN ScreenPop, lowercase, first-flag order. */
  readonly screenPop: readonly string[];
  /** Action type keys executed in this run (for onRunEnd hooks), first-use order. */
  readonly actionTypes: readonly string[];
  readonly contact?: RunContact;
}

/**
 * What a run accumulates that may grow without bound: kept outside the
 * immutable state and appended to, because copying it per step would cost
 * O(n) each time.
 */
export interface RunLog {
  path: string[];
  effects: Record<string, EncodedValue[]>;
  /** Executions per `Script.label`, kept only when an interceptor asks for call indexes. */
  calls?: Record<string, number>;
  /** What the caller heard and did (phone runs). */
  transcript?: TranscriptEntry[];
}

/**
 * The version `runtime.snapshot()` writes. 2 added `processes` (the routing
 * state: queues and agents); 3 added the parts of the preview dialers,
 * digital senders and digital replies. `resume` still reads versions 1 and 2:
 * the processes whose parts they lack start afresh at the snapshot's time. A
 * change that an older reader would misread, or silently drop, takes the next
 * number (docs/runtime.md).
 */
export const SNAPSHOT_VERSION = 3;
/** The versions `resume` reads. */
export const SNAPSHOT_VERSIONS = [1, 2, 3] as const;
/** Whether a version-2 snapshot may lack the part of process `name`: it had no part before version 3 (it starts afresh). */
export const partSinceVersion3 = (name: string): boolean => name.startsWith('preview:') || name.startsWith('sender:') || name === 'digital:replies';

/** A JSON-serialisable picture of a runtime between two steps (`runtime.snapshot()`). */
export interface Snapshot {
  version: (typeof SNAPSHOT_VERSIONS)[number];
  zone: string;
  nowMs: number;
  randomState: number;
  nextContact: number;
  /** Contact id of the entry run. */
  entry: string | null;
  /** Contact ids of the calls started with the entry run (RunOptions.calls), in the order given. */
  calls?: string[];
  runs: { state: EncodedRunState; log: RunLog }[];
  /**
   * Version 2 on: the state of each background process that holds some outside
   * the tenant store, by process name (`routing`: queues and agents;
   * `preview:<campaign>`, `sender:<skill>`, `digital:replies` from version 3).
   */
  processes?: Record<string, unknown>;
}

/** RunState with every Value encoded by encodeValue. */
export type EncodedRunState = Omit<RunState, 'frames' | 'globals' | 'system' | 'contactData'> & {
  frames: (Omit<FrameState, 'vars'> & { vars: Record<string, EncodedValue> })[];
  globals: Record<string, EncodedValue>;
  system: Record<string, EncodedValue>;
  contactData: Record<string, EncodedValue>;
};
