// The run result and trace event shapes of docs/runtime.md: what `runtime.run`
// returns, what `run --json` prints and what trace subscribers receive.
import type { EncodedValue } from '../contract/value.js';
import type { ContactKind, ContactStatus, ReleasedBy } from '../contract/contact.js';
import type { TranscriptLine } from '../phone/transcript.js';

export type RunStatus = 'completed' | 'stuck' | 'stopped' | 'failed';

export interface Effects {
  prospects: EncodedValue[];
  crm: EncodedValue[];
  agentEvents: EncodedValue[];
  savedToDb: EncodedValue[];
  http: EncodedValue[];
  [kind: string]: EncodedValue[];
}

/** The reason of a run that reached its until time. */
export const UNTIL_REASON = 'Stopped at the until time';

export interface RunResult {
  status: RunStatus;
  script: string;
  startedAt: string;
  endedAt: string;
  steps: number;
  /** Every executed action as `Script.label`, in order. */
  path: string[];
  /** Entry script variables at the end (lowercase names), JSON-encoded. */
  variables: Record<string, EncodedValue>;
  globals: Record<string, EncodedValue>;
  lastError: string;
  /** Why a stopped run stopped: the until time, an abort, or what it waited for when nothing more could happen. Only on stopped runs. */
  reason?: string;
  warnings: string[];
  effects: Effects;
  /** Runs started by SPAWN from this run (directly or not), in start order; present only when there were any. Their effects are also in `effects`. */
  spawned?: SpawnedRunSummary[];
  trace?: TraceEvent[];
  /** The run's contact at the end: its call (Phone and Voicemail scripts), or the digital contact a message opened. */
  contact?: ContactSummary;
  /** Phone runs: what the caller heard and did, in order (docs/phone.md). */
  transcript?: TranscriptLine[];
  /** The other calls started with this run (RunOptions.calls), in the order given: each its own run, on the same tenant and clock. */
  calls?: RunResult[];
}

export interface ContactSummary {
  contactId: string;
  kind: ContactKind;
  /** The caller's number; a digital contact's customer id on the channel. */
  ani: string;
  /** The number called; a digital contact's channel. */
  dnis: string;
  /** A call's status (ivr, queued, agent, hold, released) or a digital contact's (Open, Pending, Escalated, Resolved, Closed). */
  status: ContactStatus;
  releasedBy: ReleasedBy | null;
  agent: { id: string; firstName: string; lastName: string } | null;
}

export interface SpawnedRunSummary {
  contactId: string;
  script: string;
  status: RunStatus;
  steps: number;
  path: string[];
  variables: Record<string, EncodedValue>;
  lastError: string;
  /** Why it stopped, as RunResult.reason: only on stopped runs. */
  reason?: string;
  warnings: string[];
  /** The run's contact at the end (a reply-started run: its digital contact). */
  contact?: ContactSummary;
}

interface EventBase {
  /** Virtual time (ISO-8601, BU zone). */
  time: string;
  /** Contact id of the run (spawned runs have their own). */
  contactId: string;
}

export type TraceEvent =
  | (EventBase & { type: 'run.start'; script: string; vars: Record<string, EncodedValue> })
  | (EventBase & { type: 'action.enter'; script: string; label: string; actionType: string; caption: string; props: Record<string, EncodedValue> })
  | (EventBase & {
      type: 'action.exit';
      script: string;
      label: string;
      branch: string;
      outputs: Record<string, EncodedValue>;
      seconds: number;
      error?: string;
      /** An event (`release`, `answer`…) cut the action short: no branch was taken and no output written. */
      interrupted?: string;
    })
  | (EventBase & { type: 'var.set'; name: string; scope: 'local' | 'global'; old: EncodedValue | undefined; value: EncodedValue; /** The variable no longer exists (`value` is null). */ removed?: true })
  | (EventBase & { type: 'error'; script: string; label: string; message: string })
  | (EventBase & { type: 'trace'; script: string; label: string; text: string })
  | (EventBase & { type: 'effect'; kind: string; data: EncodedValue })
  | (EventBase & { type: 'script.call'; from: string; to: string; params: EncodedValue[]; mode: 'runsub' | 'runscript' | 'spawn' })
  | (EventBase & { type: 'script.return'; from: string; to: string; value: EncodedValue })
  | (EventBase & { type: 'warning'; message: string })
  /** A line of the call transcript (docs/phone.md): a prompt or music heard, keys pressed, speech, the hang-up. */
  | (EventBase & { type: 'call'; kind: TranscriptLine['kind']; who: TranscriptLine['who']; text: string; action?: string; playedSeconds?: number; cut?: TranscriptLine['cut'] })
  /** A contact event delivered: the handler it runs, the action it cut short, or `ignored` when it did not apply. */
  | (EventBase & { type: 'contact'; event: string; text: string; handler?: string; interrupted?: string; ignored?: true })
  | (EventBase & { type: 'run.end'; status: RunStatus; reason?: string });

export type TraceEventType = TraceEvent['type'];
