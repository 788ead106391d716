// A small stand-in for the runtime when testing actions one at a time:
// a virtual clock moved by elapse(), a tenant store, an HTTP client, contact
// data kept across actions of one contact, recorded effects, and the run-end
// context memorialization receives.
import { DateTime } from 'luxon';
import type { ActionContext, Outcome, RunInfo } from '../../src/contract/action.js';
import type { RunEndContext } from '../../src/contract/run-end.js';
import { DEFAULT_LIMITS } from '../../src/contract/limits.js';
import { formatMessage, type ActionDefinition } from '../../src/actions/define.js';
import { builtinRegistry } from '../../src/actions/registry.js';
import { noNetwork } from '../../src/http/no-network.js';
import { type HttpClient } from '../../src/contract/http.js';
import type { Value } from '../../src/contract/value.js';
import type { TenantStore } from '../../src/contract/tenant-store.js';
import { RoutingProcess } from '../../src/tenant/routing/process.js';

export interface Effect {
  kind: string;
  data: Value;
}

export interface FakeContact {
  effects: Effect[];
  /** The ACD the contact's actions see (no contact events: the stand-in has no event delivery). */
  routing: RoutingProcess;
  contactData: Map<string, Value>;
  /** Virtual seconds elapsed so far. */
  elapsed(): number;
  now(): DateTime;
  /** Runs one action of this contact with the given (already evaluated) properties. */
  run(type: string, props: Record<string, unknown>, version?: number): Promise<Outcome>;
  /** Calls every onRunEnd hook of the action types run so far, as the runtime does when the contact ends. */
  end(opts: { endedBy?: 'script' | 'contact'; status?: RunEndContext['status']; variables?: Record<string, Value>; screenPop?: string[] }): void;
}

export function fakeContact(
  store: TenantStore,
  opts: { ani?: string; mediaType?: RunInfo['mediaType']; http?: HttpClient; now?: string; skillNo?: number; random?: () => number } = {},
): FakeContact {
  const start = DateTime.fromISO(opts.now ?? '2026-11-21T09:00:00', { zone: store.timeZone });
  let seconds = 0;
  const now = () => start.plus({ milliseconds: Math.round(seconds * 1000) });
  const effects: Effect[] = [];
  const contactData = new Map<string, Value>();
  const ran = new Set<ActionDefinition>();
  const run: RunInfo = {
    contactId: '500001',
    masterId: '500001',
    script: 'Test',
    label: 'a',
    mediaType: opts.mediaType ?? 'Phone',
    ani: opts.ani ?? '',
    dnis: '8005550100',
    skillNo: opts.skillNo ?? null,
    businessUnit: store.businessUnit,
    depth: 0,
  };
  const clock = { now, zone: store.timeZone };
  const routing = new RoutingProcess(store);
  routing.attach({ clock });
  return {
    effects,
    routing,
    contactData,
    elapsed: () => seconds,
    now,
    async run(type, props, version) {
      const def = builtinRegistry().lookup(type, version);
      if (!def) throw new Error(`no action ${type}`);
      ran.add(def);
      const ctx: ActionContext = {
        run,
        clock,
        random: opts.random ?? (() => 0.5),
        tenant: store,
        http: opts.http ?? noNetwork,
        limits: DEFAULT_LIMITS,
        routing,
        getVar: () => undefined,
        elapse: (s) => void (seconds += s),
        effect: (kind, data) => effects.push({ kind, data }),
        warn: () => {},
        message: (id, data) => formatMessage(def.messages?.[id] ?? id, data),
        getContactData: (k) => contactData.get(k),
        setContactData: (k, v) => void contactData.set(k, v),
        branch: (name, outputs) => ({ branch: name, outputs: outputs as Record<string, Value> }),
        error: (message, o) => ({ branch: o?.branch ?? def.errorBranch ?? 'OnError', error: message, outputs: o?.outputs as Record<string, Value> }),
      };
      const withDefaults: Record<string, unknown> = {};
      for (const [name, spec] of Object.entries(def.props)) if ('default' in spec && spec.default !== undefined) withDefaults[name] = spec.default;
      return def.execute(ctx, { ...withDefaults, ...props } as never);
    },
    end({ endedBy = 'script', status = 'completed', variables = {}, screenPop = [] }) {
      const endCtx: RunEndContext = {
        run,
        tenant: store,
        clock,
        startedAt: start,
        endedBy,
        status,
        variables,
        screenPop,
        contactData: Object.fromEntries(contactData),
        effect: (kind, data) => effects.push({ kind, data }),
      };
      for (const def of ran) def.onRunEnd?.(endCtx);
    },
  };
}
