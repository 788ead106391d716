// Table tests of the Personal Connection actions: one action on a fresh
// contact of the shared stand-in runtime, returning its outcome and effects.
import type { Outcome } from '../../../src/contract/action.js';
import type { TenantStore } from '../../../src/contract/tenant-store.js';
import { fakeContact, type Effect } from '../fake-context.js';

export interface FakeRun {
  outcome: Outcome;
  effects: Effect[];
}

export async function runAction(
  type: string,
  store: TenantStore,
  props: Record<string, unknown>,
  opts: { now?: string; version?: number } = {},
): Promise<FakeRun> {
  const contact = fakeContact(store, { mediaType: 'Generic', ...(opts.now !== undefined ? { now: opts.now } : {}) });
  const outcome = await contact.run(type, props, opts.version);
  return { outcome, effects: contact.effects };
}
