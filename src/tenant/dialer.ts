// The dialer simulation: each active Personal Connection skill with a `dialer`
// dials its calling list at `ratePerMinute` on the virtual clock, so the queue
// depth that GETQUEUE and GETSKILLINFO read falls over time. It runs as a
// background process on the runtime's scheduler, beside the scripts.
import type { SkillRecord, TenantStore } from './store.js';
import { isPcTarget } from './store.js';

/**
 * Work the scheduler interleaves with script runs on the virtual timeline.
 * `nextDueMs` may be in the past (0 before the first run): run it at the
 * current time. null means idle until something changes (ask again after
 * every step).
 */
export interface BackgroundProcess {
  readonly name: string;
  nextDueMs(): number | null;
  runDue(nowMs: number): void;
}

/** Ticks are at least this far apart, so fast dialers stay cheap over a simulated day. */
const MIN_TICK_MS = 1_000;

export class SkillDialer implements BackgroundProcess {
  readonly name: string;
  private readonly tickMs: number;
  private readonly perTick: number;
  private lastTickMs: number | null = null;
  private credit = 0;
  /** Records dialed so far by this process. */
  dialed = 0;

  constructor(
    private readonly store: TenantStore,
    private readonly skillNo: number,
    ratePerMinute: number,
  ) {
    this.name = `dialer:${skillNo}`;
    this.tickMs = Math.max(MIN_TICK_MS, 60_000 / ratePerMinute);
    this.perTick = (ratePerMinute * this.tickMs) / 60_000;
  }

  nextDueMs(): number | null {
    if (this.lastTickMs === null) return 0;
    const skill = this.store.skill(this.skillNo);
    if (!skill || !isPcTarget(skill) || !skill.dialer || this.store.queueDepth(this.skillNo) === 0) return null;
    return this.lastTickMs + this.tickMs;
  }

  runDue(nowMs: number): void {
    if (this.lastTickMs === null) {
      // The first call only starts the clock: the first record is dialed one tick later.
      this.lastTickMs = nowMs;
      return;
    }
    // After an idle spell the dialer resumes at its rate; it never dials the backlog of idle time at once.
    const elapsed = Math.min(nowMs - this.lastTickMs, this.tickMs);
    this.lastTickMs = nowMs;
    this.credit += (this.perTick * elapsed) / this.tickMs;
    const n = Math.floor(this.credit + 1e-9);
    if (n <= 0) return;
    this.credit -= n;
    this.dialed += this.store.transaction(() => this.store.dialNext(this.skillNo, n, nowMs)).length;
  }
}

/** One dialer per Personal Connection skill that declares one. */
export function dialersFor(store: TenantStore): BackgroundProcess[] {
  return store
    .skills()
    .filter((s): s is SkillRecord & { dialer: { ratePerMinute: number } } => s.personalConnection && s.dialer !== null)
    .map((s) => new SkillDialer(store, s.id, s.dialer.ratePerMinute));
}
