// Snapshot encoding: run state and logs to JSON and back. Values go through
// the snippet module's encodeValue/decodeValue so dates and DDOs survive.
import { decodeValue, encodeValue } from '../snippet/index.js';
import type { EncodedValue, Value } from '../contract/value.js';
import type { RunDriver } from './driver.js';
import { SNAPSHOT_VERSION, type EncodedRunState, type Snapshot } from './state.js';
import { decodeState } from './transitions.js';

const encodeRecord = (r: Readonly<Record<string, Value>>): Record<string, EncodedValue> => {
  const out: Record<string, EncodedValue> = {};
  for (const k of Object.keys(r)) out[k] = encodeValue(r[k]!);
  return out;
};
const decodeRecord = (r: Readonly<Record<string, EncodedValue>>): Record<string, Value> => {
  const out: Record<string, Value> = {};
  for (const k of Object.keys(r)) out[k] = decodeValue(r[k]!);
  return out;
};

export function encodeRun(d: RunDriver): Snapshot['runs'][number] {
  const s = d.state;
  const state: EncodedRunState = {
    ...s,
    frames: s.frames.map((f) => ({ ...f, vars: encodeRecord(f.vars), loops: { ...f.loops } })),
    globals: encodeRecord(s.globals),
    system: encodeRecord(s.system),
    contactData: encodeRecord(s.contactData),
  };
  // The log is plain JSON already; copy it so later steps do not change the snapshot.
  return { state: JSON.parse(JSON.stringify(state)) as EncodedRunState, log: JSON.parse(JSON.stringify(d.log)) as RunDriver['log'] };
}

export function decodeRun(run: Snapshot['runs'][number]): RunDriver {
  const state = decodeState(run.state, decodeRecord);
  return { state, log: JSON.parse(JSON.stringify(run.log)) as RunDriver['log'] };
}

/** Checks the outer shape of a snapshot read from JSON; throws a message naming the problem. */
export function checkSnapshot(s: unknown): Snapshot {
  const snap = s as Partial<Snapshot> | null;
  if (!snap || typeof snap !== 'object') throw new TypeError('Invalid snapshot: not an object');
  if (snap.version !== SNAPSHOT_VERSION) throw new TypeError(`Invalid snapshot: version ${String(snap.version)} (expected ${SNAPSHOT_VERSION})`);
  if (!Array.isArray(snap.runs) || typeof snap.nowMs !== 'number' || typeof snap.zone !== 'string')
    throw new TypeError('Invalid snapshot: missing runs, nowMs or zone');
  return snap as Snapshot;
}
