// Background processes: work the scheduler interleaves with script runs on the
// one virtual timeline (the dialer simulation today; agent routing, digital
// senders, the preview dialer next). The tenant room implements them, the
// runtime drives them; neither knows the other, both know this file.
import type { Clock } from './clock.js';
import type { Limits } from './limits.js';
import type { TenantStore } from './tenant-store.js';

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
}

/**
 * Work the scheduler interleaves with script runs on the virtual timeline.
 * `nextDueMs` may be in the past (0 before the first run): run it at the
 * current time. null means idle until something changes (asked again after
 * every step). Ties: runs due at the same time go first.
 */
export interface BackgroundProcess {
  readonly name: string;
  nextDueMs(): number | null;
  runDue(nowMs: number): void;
  /** Called once when a runtime takes the process, before anything runs. */
  attach?(services: ProcessServices): void;
}
