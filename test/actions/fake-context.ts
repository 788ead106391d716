// A stand-in for the runtime when testing actions one at a time, built from
// the runtime's own parts so it cannot drift from it: the real StepContext
// (error branches, messages, contact data, effects), the real property
// evaluation (defaults, required properties, coercion) and the real run end
// (onRunEnd hooks). Only the script around the action is left out: each
// `run` executes one action of one contact, and the virtual clock moves by
// the seconds the action took.
import type { DateTime } from 'luxon';
import type { Outcome, RunInfo } from '../../src/contract/action.js';
import type { HttpClient } from '../../src/contract/http.js';
import { DEFAULT_LIMITS } from '../../src/contract/limits.js';
import type { RunEndContext } from '../../src/contract/run-end.js';
import type { ScriptGraph } from '../../src/contract/script-graph.js';
import type { TenantStore } from '../../src/contract/tenant-store.js';
import type { Value } from '../../src/contract/value.js';
import type { ActionDefinition } from '../../src/actions/define.js';
import { actionTypeKey, actionTypeName, builtinRegistry } from '../../src/actions/registry.js';
import type { CompiledProp } from '../../src/graph/compiled.js';
import { noNetwork } from '../../src/http/no-network.js';
import { traceSite } from '../../src/runtime/trace-writer.js';
import { RoutingProcess } from '../../src/tenant/routing/process.js';
import { parseInstant, VirtualClock } from '../../src/runtime/clock.js';
import type { RunDriver } from '../../src/runtime/driver.js';
import { TraceEmitter } from '../../src/runtime/emitter.js';
import { evaluateProps, PropError } from '../../src/runtime/props.js';
import { SeededRandom } from '../../src/runtime/random.js';
import { Redactor } from '../../src/runtime/redactor.js';
import { endRun } from '../../src/runtime/run-end.js';
import { Scheduler } from '../../src/runtime/scheduler.js';
import { ScriptCatalog, type PreparedAction, type PreparedScript } from '../../src/runtime/scripts.js';
import type { RuntimeServices } from '../../src/runtime/services.js';
import { StepContext } from '../../src/runtime/step-context.js';
import { TraceHub } from '../../src/runtime/trace.js';
import { withContactData } from '../../src/runtime/transitions.js';

export interface Effect {
  kind: string;
  data: Value;
}

/** The contact's per-run data (`ctx.getContactData`), read and written as the runtime keeps it. */
export interface ContactData {
  get(key: string): Value | undefined;
  has(key: string): boolean;
  set(key: string, value: Value): void;
}

export interface FakeContact {
  /** Effects recorded so far, in order, as a run's `effect` events carry them. */
  effects: Effect[];
  /** The ACD the contact's actions see (no contact events: the stand-in has no event delivery). */
  routing: RoutingProcess;
  contactData: ContactData;
  /** Virtual seconds elapsed so far. */
  elapsed(): number;
  now(): DateTime;
  /** Runs one action of this contact with the given (already evaluated) properties. */
  run(type: string, props: Record<string, unknown>, version?: number): Promise<Outcome>;
  /** Ends the contact as the runtime does: every onRunEnd hook of the action types run so far. */
  end(opts: { endedBy?: 'script' | 'contact'; status?: RunEndContext['status']; variables?: Record<string, Value>; screenPop?: string[] }): void;
}

const SCRIPT = 'Test';
const LABEL = 'a';
const CONTACT_ID = 500001;

export function fakeContact(
  store: TenantStore,
  opts: { ani?: string; mediaType?: RunInfo['mediaType']; http?: HttpClient; now?: string; skillNo?: number; random?: () => number } = {},
): FakeContact {
  const clock = new VirtualClock(parseInstant(opts.now ?? '2026-11-21T09:00:00', store.timeZone), store.timeZone);
  const random = new SeededRandom(1);
  random.next = opts.random ?? (() => 0.5);
  const registry = builtinRegistry();
  const graph: ScriptGraph = { name: SCRIPT, mediaType: opts.mediaType ?? 'Phone', file: `${SCRIPT}.script`, begin: LABEL, actions: [] };
  const hub = new TraceHub();
  const routing = new RoutingProcess(store);
  const services: RuntimeServices = {
    catalog: new ScriptCatalog({ scripts: new Map([[SCRIPT.toLowerCase(), { graph, source: '', compiled: new Map() }]]) }, registry),
    clock,
    random,
    tenant: store,
    http: opts.http ?? noNetwork,
    limits: DEFAULT_LIMITS,
    trace: new TraceEmitter(hub, new Redactor([])),
    interceptor: undefined,
    routing,
  };
  const scheduler = new Scheduler({ services, processes: [routing], nextContact: CONTACT_ID });
  const script = services.catalog.resolve(SCRIPT) as PreparedScript;
  const d: RunDriver = scheduler.start(script, {
    contact: { ani: opts.ani ?? '', dnis: '8005550100', ...(opts.skillNo !== undefined ? { skillNo: opts.skillNo } : {}) },
    startMs: clock.ms,
  });
  const effects: Effect[] = [];
  hub.on('effect', (e) => e.type === 'effect' && effects.push({ kind: e.kind, data: e.data }));
  const ctx = new StepContext(services, scheduler);
  let seconds = 0;

  return {
    effects,
    routing,
    contactData: {
      get: (key) => (Object.hasOwn(d.state.contactData, key) ? d.state.contactData[key] : undefined),
      has: (key) => Object.hasOwn(d.state.contactData, key),
      set: (key, value) => void (d.state = withContactData(d.state, key, value)),
    },
    elapsed: () => seconds,
    now: () => clock.now(),
    async run(type, props, version) {
      const def = registry.lookup(type, version);
      if (!def) throw new Error(`no action ${type}`);
      const action = prepared(def, props, script);
      ctx.begin(d, action);
      const typeKey = actionTypeKey(def);
      if (!d.state.actionTypes.includes(typeKey)) d.state = { ...d.state, actionTypes: [...d.state.actionTypes, typeKey] };
      let outcome: Outcome;
      try {
        const evaluated = evaluateProps(action, ctx.propEnv(), registry);
        outcome = await def.execute(ctx, evaluated as never);
      } catch (err) {
        if (!(err instanceof PropError)) throw err;
        outcome = ctx.error(err.message);
      }
      seconds += ctx.elapsed;
      clock.ms += Math.round(ctx.elapsed * 1000);
      return outcome;
    },
    end({ endedBy = 'script', status = 'completed', variables = {}, screenPop = [] }) {
      const [entry, ...rest] = d.state.frames;
      d.state = { ...d.state, frames: [{ ...entry!, vars: variables }, ...rest], screenPop };
      endRun(services, d, status, endedBy, 'the test ended the contact');
    },
  };
}

/** The action as the runtime prepares it, with the test's values as its literal properties. */
function prepared(def: ActionDefinition, values: Record<string, unknown>, script: PreparedScript): PreparedAction {
  const registry = builtinRegistry();
  const compiled = new Map<string, CompiledProp>();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) compiled.set(registry.prop(def, name)?.name ?? name, { kind: 'literal', value: value as Value });
  const typeName = actionTypeName(def);
  return {
    node: { label: LABEL, type: def.type, ...(def.version !== undefined ? { version: def.version } : {}), caption: typeName, props: {}, branches: [], span: { file: script.graph.file, line: 1, col: 1 } },
    def,
    where: `${SCRIPT}.${LABEL}`,
    script: SCRIPT,
    typeKey: actionTypeKey(def),
    site: traceSite(SCRIPT, LABEL, typeName, typeName),
    compiled: { props: compiled },
    props: [...registry.props(def).values()].map((rp) => ({ name: rp.name, spec: rp.spec, compiled: compiled.get(rp.name), output: !!rp.output })),
    outputs: new Map(Object.keys(def.outputs ?? {}).map((o) => [o, o])),
    edges: new Map(),
    defaultTarget: undefined,
    isStatic: true,
  };
}
