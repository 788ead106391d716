// Snapshot encoding: run state and logs to JSON and back. Values go through
// the snippet module's encodeValue/decodeValue so dates and DDOs survive.
import { decodeValues, encodeValues } from '../snippet/index.js';
import type { RunDriver } from './driver.js';
import type { ScriptCatalog } from './scripts.js';
import { validateSnapshot } from './snapshot-check.js';
import type { EncodedRunState, Snapshot } from './state.js';
import { decodeState } from './transitions.js';

export function encodeRun(d: RunDriver): Snapshot['runs'][number] {
  const s = d.state;
  const state: EncodedRunState = {
    ...s,
    frames: s.frames.map((f) => ({ ...f, vars: encodeValues(f.vars), loops: { ...f.loops } })),
    globals: encodeValues(s.globals),
    system: encodeValues(s.system),
    contactData: encodeValues(s.contactData),
  };
  // The log is plain JSON already; copy it so later steps do not change the snapshot.
  return { state: JSON.parse(JSON.stringify(state)) as EncodedRunState, log: JSON.parse(JSON.stringify(d.log)) as RunDriver['log'] };
}

export function decodeRun(run: Snapshot['runs'][number]): RunDriver {
  const state = decodeState(run.state, decodeValues);
  return { state, log: JSON.parse(JSON.stringify(run.log)) as RunDriver['log'] };
}

/**
 * Checks a snapshot read from JSON, all of it (snapshot-check.ts), and with
 * `catalog` that each running frame names a loaded script and action; throws
 * a SnapshotError naming where the problem is.
 */
export function checkSnapshot(s: unknown, catalog?: ScriptCatalog): Snapshot {
  return validateSnapshot(
    s,
    catalog &&
      ((name) => {
        const script = catalog.resolve(name);
        return typeof script === 'string' ? undefined : { hasAction: (label) => script.actions.has(label) };
      }),
  );
}
