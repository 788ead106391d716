// Checks a snapshot handed to `createRuntime({ resume })` before anything
// uses it: every member the runtime reads, at every level, has the type and
// range it needs (a run's call: snapshot-call-check.ts), values are JSON
// nested no deeper than the runtime allows, contact ids are unique, and each running frame names a script and action
// that are loaded. A problem throws SnapshotError naming where it is
// (`runs[0].state.frames[1].label`), so a damaged or hand-edited snapshot is
// refused with one message instead of failing somewhere inside a run.
import { array, fail, finite, object, oneOf, StateError, text, texts, time, whole } from '../contract/state-check.js';
import { MAX_NESTING } from '../snippet/json.js';
import { checkCallerScript, checkRunContact, checkTranscript } from './snapshot-call-check.js';
import type { Snapshot } from './state.js';
import { SNAPSHOT_VERSION, SNAPSHOT_VERSIONS } from './state.js';

export class SnapshotError extends TypeError {
  override name = 'SnapshotError';
}

type Path = string;
const STATUSES = ['running', 'completed', 'stuck', 'stopped', 'failed'];
/** A JSON value (what encodeValue produces), nested at most `max` levels; checked without recursion. */
function json(x: unknown, path: Path, max = MAX_NESTING + 2): void {
  const stack: [unknown, number][] = [[x, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(path, 'holds a number that is not finite');
      continue;
    }
    if (typeof v !== 'object' || (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null))
      fail(path, 'holds something that is not JSON data');
    if (depth >= max) fail(path, `nests more than ${max} levels deep`);
    for (const e of Array.isArray(v) ? v : Object.values(v)) stack.push([e, depth + 1]);
  }
}
function values(x: unknown, path: Path): void {
  const r = object(x, path);
  for (const k of Object.keys(r)) json(r[k], `${path}.${k}`);
}

/**
 * Checks the whole snapshot; `scriptOf(name)` resolves a frame's script (its
 * action labels, or undefined when no such script is loaded). Returns it typed.
 * The background processes' parts (`processes`) are only checked to be JSON
 * here: each process checks its own when it takes it back.
 */
export function validateSnapshot(s: unknown, scriptOf?: (name: string) => { hasAction(label: string): boolean } | undefined): Snapshot {
  try {
    return checkSnapshotData(s, scriptOf);
  } catch (err) {
    if (err instanceof StateError) throw new SnapshotError(`Invalid snapshot: ${err.message}`);
    throw err;
  }
}

function checkSnapshotData(s: unknown, scriptOf?: (name: string) => { hasAction(label: string): boolean } | undefined): Snapshot {
  const snap = object(s, 'the snapshot');
  if (!(SNAPSHOT_VERSIONS as readonly unknown[]).includes(snap.version))
    throw new SnapshotError(`Invalid snapshot: version ${JSON.stringify(snap.version) ?? '(none)'} (expected ${SNAPSHOT_VERSIONS.slice(0, -1).join(', ')} or ${SNAPSHOT_VERSION})`);
  text(snap.zone, 'zone');
  time(snap.nowMs, 'nowMs');
  whole(snap.randomState, 'randomState', 0xffffffff);
  whole(snap.nextContact, 'nextContact');
  if (snap.entry !== null) text(snap.entry, 'entry');
  const ids = new Set<string>();
  array(snap.runs, 'runs').forEach((r, i) => {
    const at = `runs[${i}]`;
    const run = object(r, at);
    const id = checkState(run.state, `${at}.state`, scriptOf);
    if (ids.has(id)) fail(`${at}.state.id.contactId`, `repeats contact id ${JSON.stringify(id)}`);
    ids.add(id);
    checkLog(run.log, `${at}.log`);
  });
  if (snap.entry !== null && !ids.has(snap.entry as string)) fail('entry', `names contact ${JSON.stringify(snap.entry)}, which is not one of the runs`);
  if (snap.calls !== undefined)
    array(snap.calls, 'calls').forEach((id, i) => {
      if (typeof id !== 'string' || !ids.has(id)) fail(`calls[${i}]`, `names contact ${JSON.stringify(id)}, which is not one of the runs`);
    });
  // Version 1 had no processes' state (its processes start afresh); from version 2 it is always there.
  if (snap.version !== 1) values(snap.processes, 'processes');
  return snap as unknown as Snapshot;
}

/** One run's state; returns its contact id. */
function checkState(x: unknown, at: Path, scriptOf?: (name: string) => { hasAction(label: string): boolean } | undefined): string {
  const state = object(x, at);
  const id = object(state.id, `${at}.id`);
  whole(id.seq, `${at}.id.seq`);
  const contactId = text(id.contactId, `${at}.id.contactId`);
  text(id.masterId, `${at}.id.masterId`);
  text(id.script, `${at}.id.script`);
  if (id.parent !== null) text(id.parent, `${at}.id.parent`);
  text(id.root, `${at}.id.root`);
  time(id.startedMs, `${at}.id.startedMs`);
  if (id.hangUpAtMs !== null) time(id.hangUpAtMs, `${at}.id.hangUpAtMs`);
  if (id.caller !== undefined) checkCallerScript(id.caller, `${at}.id.caller`);
  oneOf(state.status, `${at}.status`, STATUSES);
  const running = state.status === 'running';
  const frames = array(state.frames, `${at}.frames`);
  if (running && frames.length === 0) fail(`${at}.frames`, 'is empty, but the run is still running');
  frames.forEach((f, k) => {
    const fat = `${at}.frames[${k}]`;
    const frame = object(f, fat);
    const script = text(frame.script, `${fat}.script`);
    const label = text(frame.label, `${fat}.label`);
    values(frame.vars, `${fat}.vars`);
    const loops = object(frame.loops, `${fat}.loops`);
    // LOOP counts in whole numbers; a FOR counter may be negative or fractional (Step = 0.1).
    for (const key of Object.keys(loops)) finite(loops[key], `${fat}.loops.${key}`);
    text(frame.returnVariable, `${fat}.returnVariable`);
    if (running && scriptOf) {
      const found = scriptOf(script);
      if (!found) fail(`${fat}.script`, `names script ${JSON.stringify(script)}, which is not loaded`);
      if (!found.hasAction(label)) fail(`${fat}.label`, `names action ${JSON.stringify(label)}, which script ${script} does not have`);
    }
  });
  values(state.globals, `${at}.globals`);
  values(state.system, `${at}.system`);
  values(state.contactData, `${at}.contactData`);
  if (state.contact !== undefined) checkRunContact(state.contact, `${at}.contact`, running ? scriptOf : undefined);
  if (state.endedBy !== undefined) oneOf(state.endedBy, `${at}.endedBy`, ['script', 'contact']);
  if (state.reason !== undefined) text(state.reason, `${at}.reason`);
  time(state.dueMs, `${at}.dueMs`);
  whole(state.steps, `${at}.steps`);
  text(state.lastError, `${at}.lastError`);
  texts(state.warnings, `${at}.warnings`);
  texts(state.screenPop, `${at}.screenPop`);
  texts(state.actionTypes, `${at}.actionTypes`);
  return contactId;
}

function checkLog(x: unknown, at: Path): void {
  const log = object(x, at);
  texts(log.path, `${at}.path`);
  const effects = object(log.effects, `${at}.effects`);
  for (const kind of Object.keys(effects)) array(effects[kind], `${at}.effects.${kind}`).forEach((e, i) => json(e, `${at}.effects.${kind}[${i}]`));
  if (log.transcript !== undefined) checkTranscript(log.transcript, `${at}.transcript`);
  if (log.calls !== undefined) {
    const calls = object(log.calls, `${at}.calls`);
    for (const k of Object.keys(calls)) whole(calls[k], `${at}.calls.${k}`);
  }
}
