// The virtual clock as actions and snippets see it: the current instant in the
// business unit's zone. The runtime's VirtualClock implements it; only the
// scheduler moves it, so runs never read the machine clock.
import type { DateTime } from 'luxon';

export interface Clock {
  /** Current virtual time in the business unit's zone. */
  now(): DateTime;
  /** The business unit's IANA zone. */
  readonly zone: string;
}
