// What an action's `onRunEnd` hook receives once per run in which the action
// type ran (data memorialization). Built by the runtime when a run ends.
import type { DateTime } from 'luxon';
import type { RunInfo } from './action.js';
import type { Clock } from './clock.js';
import type { EffectKind } from './effects.js';
import type { TenantStore } from './tenant-store.js';
import type { Value } from './value.js';

/** What an action's `onRunEnd` hook receives once per run in which the action type ran (data memorialization). */
export interface RunEndContext {
  readonly run: RunInfo;
  readonly tenant: TenantStore;
  readonly clock: Clock;
  /** Virtual time the run started (memorialization's Start Time); optional for hosts that do not track it. */
  readonly startedAt?: DateTime;
  /** `contact`: the contact hung up first (`contact.hangUpAfterSeconds`); otherwise the script ended. */
  readonly endedBy: 'script' | 'contact';
  readonly status: 'completed' | 'stuck' | 'stopped' | 'failed';
  /** Entry frame variables, lowercase names. */
  readonly variables: Readonly<Record<string, Value>>;
  /** Variables flagged by ASSIGN ScreenPop, lowercase. */
  readonly screenPop: readonly string[];
  readonly contactData: Readonly<Record<string, Value>>;
  effect(kind: EffectKind, data: Value): void;
}
