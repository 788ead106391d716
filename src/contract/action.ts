// What an action's `execute` sees and returns. The runtime implements
// ActionContext; actions never touch run state, the clock or the network except
// through it, which keeps runs deterministic and replayable.
import type { Clock } from './clock.js';
import type { EffectKind } from './effects.js';
import type { Limits } from './limits.js';
import type { RoutingService } from './routing.js';
import type { MediaType } from './script-graph.js';
import type { HttpClient } from './http.js';
import type { TenantStore } from './tenant-store.js';
import type { Value } from './value.js';
import type { ContactContext, ContactEvent, ContactServices } from './contact.js';

/** Requests that change which script runs; only flow actions use them. */
export type Control =
  | { op: 'end' }
  | { op: 'return'; value: Value }
  | { op: 'call'; script: string; params: Value[]; returnVariable?: string }
  | { op: 'replace'; script: string; params: Value[] }
  /** Ends the run as failed with `reason` (an action the emulator cannot run and nothing stands in for). */
  | { op: 'fail'; reason: string }
  /** The thread stops here and waits for an event (STOP, and HANGUP/END while ONRELEASE is about to run); in ONRELEASE the run ends. */
  | { op: 'suspend' };

export interface Outcome {
  /** The branch taken (a declared branch name, or a CASE value). Empty for END/RETURN. */
  branch: string;
  /** Output name -> value; written to the variable the script names for that output (or its default). */
  outputs?: Record<string, Value>;
  /** Variable name -> value, written as is (ASSIGN, SNIPPET, counters). Names may carry `global:`. */
  vars?: Record<string, Value>;
  /** Set on an error outcome: the message for `_err` / `__err`. */
  error?: string;
  /** Set on an error outcome caused by a run limit: when its branch is not connected the run fails instead of stopping stuck. */
  limit?: true;
  control?: Control;
}

export interface RunInfo {
  contactId: string;
  masterId: string;
  /** Name of the script of the current frame, and the action's label. */
  script: string;
  label: string;
  mediaType: MediaType;
  ani: string;
  dnis: string;
  skillNo: number | null;
  businessUnit: number | null;
  /** Call depth of the current frame (entry script = 0). */
  depth: number;
}

export interface ActionContext<B extends string = string, O extends string = string, M extends string = string> {
  readonly run: RunInfo;
  readonly clock: Clock;
  /** Seeded random source in [0, 1). */
  readonly random: () => number;
  readonly tenant: TenantStore;
  readonly http: HttpClient;
  readonly limits: Limits;
  /** The ACD: queues, agents, callbacks (REQAGENT, GETQUEUE, transfers). */
  readonly routing: RoutingService;

  /** The run's phone contact (caller, digit buffer, prompts); undefined for runs without one. */
  readonly contact?: ContactContext;
  /** Events for any running contact by id (SIGNAL). */
  readonly contacts: ContactServices;
  /** The event whose handler thread is running (ONANSWER reads the agent from it); null in the main flow. */
  readonly event: ContactEvent | null;

  /** Reads a variable visible from the current frame (locals, then globals, then system variables). */
  getVar(name: string): Value | undefined;
  /** The action's virtual duration: the run resumes this many seconds later. */
  elapse(seconds: number): void;
  /** Records a change to the tenant or the outside world (also a trace event). */
  effect(kind: EffectKind, data: Value): void;
  /** A run warning (kept in the result's `warnings`). */
  warn(message: string): void;
  /** Formats one of the action's message templates. */
  message(id: M, data?: Record<string, unknown>): string;
  /** Per-run data kept with the contact (serialisable), e.g. the agent workflow configuration an action chose. */
  getContactData(key: string): Value | undefined;
  setContactData(key: string, value: Value): void;

  /** Takes `name` with the given outputs. */
  branch(name: B, outputs?: Partial<Record<O, Value>>): Outcome;
  /** The error outcome: takes the action's error branch (or `branch`) and sets `_err`; `limit` marks a run limit reached. */
  error(message: string, opts?: { branch?: B; outputs?: Partial<Record<O, Value>>; limit?: true }): Outcome;
}

