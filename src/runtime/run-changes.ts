// The changes a step (or the end of a run) makes to a run besides moving to
// the next action: variable writes and removals, warnings, recorded effects,
// each with its trace event. Shared by the engine and the step context, so
// neither calls the other to change a run.
import type { RunInfo } from '../contract/action.js';
import type { Value } from '../contract/value.js';
import { globalPart, isGlobalName } from '../contract/variables.js';
import type { RunDriver } from './driver.js';
import type { PreparedScript } from './scripts.js';
import type { RuntimeServices } from './services.js';
import { rebuilt, replaceTop } from './state-build.js';
import { removeVariables, withWarning } from './transitions.js';
import { toResultJson } from './trace.js';
import { setMember } from '../snippet/json.js';

/** The time and contact id every event of run `d` starts with. */
export function eventBase(services: RuntimeServices, d: RunDriver): { time: string; contactId: string } {
  return { time: services.clock.iso(), contactId: d.state.id.contactId };
}

/** Writes variables of the current frame (or globals, or `_err`), emitting var.set events. */
export function writeVars(services: RuntimeServices, d: RunDriver, writes: readonly (readonly [string, Value])[]): void {
  const { trace } = services;
  const redactor = trace.redactor;
  const s = d.state;
  const top = s.frames[s.frames.length - 1]!;
  let locals: Record<string, Value> | undefined;
  let globals: Record<string, Value> | undefined;
  let system: Record<string, Value> | undefined;
  for (const [raw, value] of writes) {
    const lower = raw.toLowerCase();
    const explicitGlobal = isGlobalName(lower);
    const name = explicitGlobal ? globalPart(lower) : lower;
    let scope: 'local' | 'global' = explicitGlobal ? 'global' : 'local';
    let old: Value | undefined;
    // A name that exists only as a global updates the global (set in a subscript, used by its caller).
    if (scope === 'local' && !Object.hasOwn(top.vars, name) && Object.hasOwn(s.globals, name) && !(locals && Object.hasOwn(locals, name))) scope = 'global';
    // setMember and hasOwn: a variable named __proto__ or constructor is a variable like any other.
    if (name === '_err' || name === '__err') {
      system ??= { ...s.system };
      old = system[name];
      system[name] = value;
    } else if (scope === 'global') {
      globals ??= { ...s.globals };
      old = Object.hasOwn(globals, name) ? globals[name] : undefined;
      setMember(globals, name, value);
    } else {
      locals ??= writableVars(d, top.vars);
      old = Object.hasOwn(locals, name) ? locals[name] : undefined;
      setMember(locals, name, value);
    }
    if (redactor.enabled && redactor.isSecretName(name)) redactor.learn(value);
    if (trace.active) trace.varSet(services.clock.iso(), s.id.contactId, name, scope, old === undefined ? undefined : trace.encode(old), trace.encode(value));
  }
  const frames = locals
    ? replaceTop(s.frames, { script: top.script, label: top.label, vars: locals, loops: top.loops, returnVariable: top.returnVariable })
    : s.frames;
  d.state = rebuilt(s, frames, globals ?? s.globals, system ?? s.system, s.steps, s.dueMs, s.actionTypes);
}

/**
 * The top frame's variables, ready to be written: the object the run's own
 * last write made is written in place, any other is copied first (and the copy
 * is the run's from then on). Copying on every write made a step cost more the
 * more variables its frame holds (bench/README.md, `run.actions.vars50`). In
 * place is safe because nothing but the run's current state holds that
 * object: a result, snapshot, event or spawned run gets copies or values, the
 * structural transitions copy what they change (immer), and the states that
 * held it before are the run's own, replaced step by step. A frozen one (as
 * test/runtime/immutable-state.test.ts freezes every state) is copied.
 */
function writableVars(d: RunDriver, vars: Record<string, Value>): Record<string, Value> {
  if (d.ownedVars === vars && !Object.isFrozen(vars)) return vars;
  return (d.ownedVars = { ...vars });
}

/** Deletes variables of the current frame (or globals), emitting var.set events with `removed: true`. */
export function removeVars(services: RuntimeServices, d: RunDriver, names: readonly string[]): void {
  if (names.length === 0) return;
  const { state, removed } = removeVariables(d.state, names);
  d.state = state;
  const { trace } = services;
  if (!trace.active) return;
  for (const r of removed)
    trace.emit({ ...eventBase(services, d), type: 'var.set', name: r.name, scope: r.scope, old: trace.encode(r.old), value: null, removed: true });
}

/** A run warning: kept (redacted) in the run's state and sent as a warning event. */
export function warn(services: RuntimeServices, d: RunDriver, message: string): void {
  const text = services.trace.redactor.text(message);
  d.state = withWarning(d.state, text);
  if (services.trace.active) services.trace.emit({ ...eventBase(services, d), type: 'warning', message: text });
}

/** Records a tenant / outside-world change of run `d` in its effects (and its root run's), with an effect event. */
export function recordEffect(services: RuntimeServices, d: RunDriver, kind: string, data: Value): void {
  // Effects are shown (results, reports): credential forms are masked as in events.
  const encoded = services.trace.redactor.json(toResultJson(data));
  (d.log.effects[kind] ??= []).push(encoded);
  if (d.rootLog) (d.rootLog.effects[kind] ??= []).push(encoded);
  if (services.trace.active) services.trace.emit({ ...eventBase(services, d), type: 'effect', kind, data: encoded });
}

/** What actions see of the run: ids, the current script and label, contact numbers, depth. */
export function runInfo(services: RuntimeServices, d: RunDriver, label?: string): RunInfo {
  const s = d.state;
  const top = s.frames[s.frames.length - 1]!;
  const script = services.catalog.resolve(top.script) as PreparedScript;
  return {
    contactId: s.id.contactId,
    masterId: s.id.masterId,
    script: script.graph.name,
    label: label ?? top.label,
    mediaType: script.graph.mediaType,
    ani: String(s.system.ani ?? ''),
    dnis: String(s.system.dnis ?? ''),
    skillNo: numberOrNull(s.system.skillno),
    businessUnit: numberOrNull(s.system.bu),
    depth: s.frames.length - 1,
  };
}

const numberOrNull = (v: Value | undefined): number | null => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
