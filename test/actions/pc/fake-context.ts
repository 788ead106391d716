// A minimal ActionContext for table tests of the Personal Connection actions:
// a fixed virtual clock, a tenant store, recorded effects.
import { DateTime } from 'luxon';
import type { ActionContext, Outcome } from '../../../src/actions/context.js';
import { DEFAULT_LIMITS } from '../../../src/actions/context.js';
import { formatMessage, type ActionDefinition } from '../../../src/actions/define.js';
import { builtinRegistry } from '../../../src/actions/registry.js';
import { noNetwork } from '../../../src/http/types.js';
import type { Value } from '../../../src/snippet/value.js';
import type { TenantStore } from '../../../src/tenant/store.js';

export interface FakeRun {
  outcome: Outcome;
  effects: { kind: string; data: Value }[];
}

export async function runAction(
  type: string,
  store: TenantStore,
  props: Record<string, unknown>,
  opts: { now?: string; version?: number } = {},
): Promise<FakeRun> {
  const def = builtinRegistry().lookup(type, opts.version) as ActionDefinition;
  if (!def) throw new Error(`no action ${type}`);
  const now = DateTime.fromISO(opts.now ?? '2026-11-21T09:00:00', { zone: store.timeZone });
  const effects: FakeRun['effects'] = [];
  const contactData = new Map<string, Value>();
  const ctx: ActionContext = {
    run: { contactId: '1', masterId: '1', script: 'Test', label: 'a', mediaType: 'Generic', ani: '', dnis: '', skillNo: null, businessUnit: null, depth: 0 },
    clock: { now: () => now, zone: store.timeZone },
    random: () => 0.5,
    tenant: store,
    http: noNetwork,
    limits: DEFAULT_LIMITS,
    getVar: () => undefined,
    elapse: () => {},
    effect: (kind, data) => effects.push({ kind, data }),
    warn: () => {},
    message: (id, data) => formatMessage(def.messages?.[id] ?? id, data),
    getContactData: (k) => contactData.get(k),
    setContactData: (k, v) => void contactData.set(k, v),
    branch: (name, outputs) => ({ branch: name, outputs: outputs as Record<string, Value> }),
    error: (message, o) => ({ branch: o?.branch ?? def.errorBranch ?? 'OnError', error: message, outputs: o?.outputs as Record<string, Value> }),
  };
  // Defaults as the runtime applies them before execute.
  const withDefaults: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.props)) if ('default' in spec && spec.default !== undefined) withDefaults[name] = spec.default;
  const outcome = await def.execute(ctx, { ...withDefaults, ...props } as never);
  return { outcome, effects };
}
