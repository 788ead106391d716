// The dialer simulation: each active Personal Connection skill with a `dialer`
// dials its calling list at `ratePerMinute` on the virtual clock, so the queue
// depth that GETQUEUE and GETSKILLINFO read falls over time. It runs as a
// background process on the runtime's scheduler, beside the scripts.
import type { BackgroundProcess } from '../contract/process.js';
import type { SkillRecord, TenantStore } from '../contract/tenant-store.js';
import { isPcTarget } from './skills.js';

/** Ticks are at least this far apart, so fast dialers stay cheap over a simulated day. */
const MIN_TICK_MS = 1_000;

/** Where a dialer keeps its clock in the store, so a resumed run (or the next `--state` invocation) continues it. */
export const DIALER_COLLECTION = 'dialer.state';

interface DialerState {
  lastTickMs: number;
  credit: number;
}

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
    const saved = store.collection<DialerState>(DIALER_COLLECTION).get(String(skillNo));
    if (saved) {
      this.lastTickMs = saved.lastTickMs;
      this.credit = saved.credit;
    }
  }

  /** Writes the clock as it is now, when the transaction commits (once per commit, however many ticks it holds). */
  private save(): void {
    const state: DialerState = { lastTickMs: this.lastTickMs!, credit: this.credit };
    this.store.beforeCommit(this.name, () => this.store.collection<DialerState>(DIALER_COLLECTION).put(String(this.skillNo), state));
  }

  nextDueMs(): number | null {
    if (this.lastTickMs === null) return 0;
    const skill = this.store.skill(this.skillNo);
    // The scheduler asks after every step: hasQueued costs at most an indexed look-up, a count may not.
    if (!skill || !isPcTarget(skill) || !skill.dialer || !this.store.hasQueued(this.skillNo)) return null;
    return this.lastTickMs + this.tickMs;
  }

  runDue(nowMs: number): void {
    if (this.lastTickMs === null) {
      // The first call only starts the clock: the first record is dialed one tick later.
      this.lastTickMs = nowMs;
      this.save();
      return;
    }
    // After an idle spell the dialer resumes at its rate; it never dials the backlog of idle time at once.
    const elapsed = Math.max(0, Math.min(nowMs - this.lastTickMs, this.tickMs));
    this.lastTickMs = nowMs;
    this.credit += (this.perTick * elapsed) / this.tickMs;
    const n = Math.floor(this.credit + 1e-9);
    if (n > 0) this.credit -= n;
    // The records dialed and the dialer's clock land in the same commit: the clock is written once, when the
    // transaction of the background work commits (Scheduler.runProcesses), as it is then. No savepoint of its
    // own: each statement of a dial is whole on its own, and the clock is asked for only once the dial is done.
    if (n > 0) this.dialed += this.store.dial(this.skillNo, n, nowMs);
    this.save();
  }
}

/** One dialer per Personal Connection skill that declares one. */
export function dialersFor(store: TenantStore): BackgroundProcess[] {
  return store
    .skills()
    .filter((s): s is SkillRecord & { dialer: { ratePerMinute: number } } => s.personalConnection && s.dialer !== null)
    .map((s) => new SkillDialer(store, s.id, s.dialer.ratePerMinute));
}
