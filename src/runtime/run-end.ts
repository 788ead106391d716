// The end of a run: its status and reason, the onRunEnd hooks of every action
// type it executed (data memorialization), and the run.end event.
import type { RunEndContext } from '../contract/run-end.js';
import type { RunDriver } from './driver.js';
import type { RunStatus } from './result.js';
import { eventBase, recordEffect, runInfo, warn } from './run-changes.js';
import type { RuntimeServices } from './services.js';
import type { EndedBy } from './state.js';
import { ended, withLastError } from './transitions.js';

/** Ends run `d` at `atMs` (default: now). The scheduler retires it after the step. */
export function endRun(services: RuntimeServices, d: RunDriver, status: RunStatus, endedBy: EndedBy, reason: string, atMs = services.clock.ms): void {
  const { redactor } = services.trace;
  const shown = redactor.text(reason);
  d.state = ended(d.state, status, endedBy, shown, atMs);
  // What failed the run is its last error, even after an error an earlier action handled.
  if (status === 'failed' && d.state.lastError !== shown) d.state = withLastError(d.state, shown);
  runEndHooks(services, d, status, endedBy);
  if (services.trace.active) services.trace.emit({ ...eventBase(services, d), time: services.clock.iso(atMs), type: 'run.end', status, reason: d.state.reason! });
}

/** Calls each executed action type's onRunEnd once. */
function runEndHooks(services: RuntimeServices, d: RunDriver, status: RunStatus, endedBy: EndedBy): void {
  const { catalog, clock, tenant } = services;
  for (const key of d.state.actionTypes) {
    const def = catalog.registry.lookupKey(key);
    if (!def?.onRunEnd) continue;
    const s = d.state;
    const end: RunEndContext = {
      run: runInfo(services, d),
      tenant,
      clock,
      startedAt: clock.at(s.id.startedMs),
      endedBy,
      status,
      variables: s.frames[0]?.vars ?? {},
      screenPop: s.screenPop,
      contactData: s.contactData,
      effect: (kind, data) => recordEffect(services, d, kind, data),
    };
    try {
      def.onRunEnd(end);
    } catch (err) {
      warn(services, d, `${def.type} at run end: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
