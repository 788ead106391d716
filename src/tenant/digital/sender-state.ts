// A digital sender's part of a snapshot (`processes["sender:<skill>"]`): its
// tick clock and the messages earned but not sent yet, a closed schedule's
// spell, and the deliveries waiting for a retry in the order they will be
// retried. The deliveries themselves are in the store; the order and the
// clock are not, so without this part a resumed run would tick on another
// grid and send at other instants. `readSenderState` checks one read back.
import { array, bool, fail, finite, object, orNull, text, time } from '../../contract/state-check.js';

/** What `DigitalSender.saveState()` writes. */
export interface SenderState {
  /** The last tick (null: the sender has not started). */
  lastTickMs: number | null;
  /** Messages earned and not sent yet (a fraction of one). */
  credit: number;
  closedSinceMs: number | null;
  reopenMs: number | null;
  retryWait: boolean;
  /** When the first retry is due (null: none waits). */
  firstRetryMs: number | null;
  gaveUp: boolean;
  /** Deliveries waiting for a retry, by delivery key, with when each is due, in the order they are retried. */
  retries: [key: string, dueMs: number][];
}

/** Checks a sender's state read from a snapshot; `retrying(key)` says whether the store holds that delivery of the skill waiting for a retry. Throws StateError naming where ('' for the whole). */
export function readSenderState(x: unknown, retrying: (key: string) => boolean): SenderState {
  const s = object(x, '');
  const credit = finite(s.credit, 'credit');
  if (credit < 0) fail('credit', 'must be 0 or more');
  const keys = new Set<string>();
  const retries = array(s.retries, 'retries').map((r, i): [string, number] => {
    const at = `retries[${i}]`;
    const pair = array(r, at);
    if (pair.length !== 2) fail(at, 'must be [delivery key, due time]');
    const key = text(pair[0], `${at}[0]`);
    if (keys.has(key)) fail(`${at}[0]`, `repeats delivery ${JSON.stringify(key)}`);
    if (!retrying(key)) fail(`${at}[0]`, `names delivery ${JSON.stringify(key)}, which the tenant does not have waiting for a retry of this skill`);
    keys.add(key);
    return [key, time(pair[1], `${at}[1]`)];
  });
  return {
    lastTickMs: orNull(s.lastTickMs, 'lastTickMs', time),
    credit,
    closedSinceMs: orNull(s.closedSinceMs, 'closedSinceMs', time),
    reopenMs: orNull(s.reopenMs, 'reopenMs', time),
    retryWait: bool(s.retryWait, 'retryWait'),
    firstRetryMs: orNull(s.firstRetryMs, 'firstRetryMs', time),
    gaveUp: bool(s.gaveUp, 'gaveUp'),
    retries,
  };
}
