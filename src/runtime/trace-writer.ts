// Trace writers: consumers that turn the trace into text as the run goes (the
// `run --trace-json` file). A run of a million actions gives millions of
// action.enter, action.exit and var.set events, and most of what each one holds
// is the same every time the action runs: its script, label, type and caption.
// A writer gets those three events as records instead (the action's site and
// the values that vary), so no event object is built, checked and then walked
// member by member for it; every other event comes as the object listeners get.
// A record means exactly the event the builders below make of it: a writer must
// write the same text for both (test/runtime/trace-json.test.ts).
import type { EncodedValue } from '../contract/value.js';
import type { TraceEvent } from './result.js';

/** What an action's action.enter and action.exit show besides their data: one per prepared action, for as long as the process runs. */
export interface TraceSite {
  /** Unique in the process, small and dense: a writer may keep what it knows of a site in an array at this index. */
  readonly id: number;
  readonly script: string;
  readonly label: string;
  /** `TYPE` or `TYPE vN`. */
  readonly actionType: string;
  readonly caption: string;
}

let sites = 0;

export function traceSite(script: string, label: string, actionType: string, caption: string): TraceSite {
  return { id: sites++, script, label, actionType, caption };
}

export interface TraceWriter {
  /** Any event but the three below (and those of the three that redaction changed). */
  event(event: TraceEvent): void;
  /** `enterEvent(time, contactId, site, props)`. */
  enter(time: string, contactId: string, site: TraceSite, props: Record<string, EncodedValue>): void;
  /** `exitEvent(…)` with the same arguments. */
  exit(time: string, contactId: string, site: TraceSite, branch: string, outputs: Record<string, EncodedValue>, seconds: number, error: string | undefined, interrupted: string | undefined): void;
  /** `varSetEvent(…)` with the same arguments. */
  varSet(time: string, contactId: string, name: string, scope: 'local' | 'global', old: EncodedValue | undefined, value: EncodedValue): void;
}

export function enterEvent(time: string, contactId: string, site: TraceSite, props: Record<string, EncodedValue>): TraceEvent {
  return { time, contactId, type: 'action.enter', script: site.script, label: site.label, actionType: site.actionType, caption: site.caption, props };
}

export function exitEvent(
  time: string,
  contactId: string,
  site: TraceSite,
  branch: string,
  outputs: Record<string, EncodedValue>,
  seconds: number,
  error: string | undefined,
  interrupted: string | undefined,
): TraceEvent {
  const event: TraceEvent = { time, contactId, type: 'action.exit', script: site.script, label: site.label, branch, outputs, seconds };
  if (error !== undefined) event.error = error;
  if (interrupted !== undefined) event.interrupted = interrupted;
  return event;
}

export function varSetEvent(time: string, contactId: string, name: string, scope: 'local' | 'global', old: EncodedValue | undefined, value: EncodedValue): TraceEvent {
  return { time, contactId, type: 'var.set', name, scope, old, value };
}
