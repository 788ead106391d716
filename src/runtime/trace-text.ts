// Turns trace events into readable lines, one per action: virtual time,
// Script.label, type, caption, the branch taken and the variables it changed.
// Used by `run --trace`; the runtime itself never prints.
import type { EncodedValue } from '../snippet/value.js';
import type { TraceEvent } from './result.js';

interface Pending {
  time: string;
  where: string;
  type: string;
  caption: string;
  changes: string[];
  /** TRACE lines and warnings that happened inside the action, printed after its line. */
  notes: string[];
  /** Effects of the action by kind: one summary line instead of one line per record. */
  effects: Map<string, { count: number; first: string }>;
}

const MAX_VALUE_CHARS = 60;

/** A listener for `runtime.on('*', …)` that calls `write` with each finished line. */
export function traceLines(write: (line: string) => void, opts: { spawnedPrefix?: boolean } = {}): (e: TraceEvent) => void {
  // Per contact: a stack of open actions (a RUNSUB stays open while its subscript runs).
  const open = new Map<string, Pending[]>();
  const contacts: string[] = [];
  const tag = (contactId: string): string => {
    if (opts.spawnedPrefix === false) return '';
    let i = contacts.indexOf(contactId);
    if (i < 0) i = contacts.push(contactId) - 1;
    return i === 0 ? '' : `[run ${i + 1}] `;
  };
  const stack = (id: string): Pending[] => {
    let s = open.get(id);
    if (!s) open.set(id, (s = []));
    return s;
  };
  const note = (contactId: string, time: string, text: string): void => {
    const top = stack(contactId).at(-1);
    if (top) top.notes.push(text);
    else write(`${clock(time)} ${tag(contactId)}  ${text}`);
  };
  return (e) => {
    switch (e.type) {
      case 'run.start':
        tag(e.contactId);
        write(`${clock(e.time)} ${tag(e.contactId)}start ${e.script} (contact ${e.contactId})${formatVars(e.vars)}`);
        break;
      case 'action.enter':
        stack(e.contactId).push({ time: e.time, where: `${e.script}.${e.label}`, type: e.actionType, caption: e.caption, changes: [], notes: [], effects: new Map() });
        break;
      case 'var.set': {
        const top = stack(e.contactId).at(-1);
        if (top) top.changes.push(`${e.scope === 'global' ? 'global:' : ''}${e.name}=${short(e.value)}`);
        break;
      }
      case 'action.exit': {
        const top = stack(e.contactId).pop();
        if (!top) break;
        const caption = top.caption && top.caption !== top.type ? ` "${top.caption}"` : '';
        const branch = e.branch ? ` -> ${e.branch}` : '';
        const waited = e.seconds > 0 ? ` (+${e.seconds}s)` : '';
        const changes = top.changes.length ? `  ${top.changes.join(' ')}` : '';
        const error = e.error ? `  _err="${e.error}"` : '';
        write(`${clock(top.time)} ${tag(e.contactId)}${top.where} ${top.type}${caption}${branch}${waited}${changes}${error}`);
        for (const note of top.notes) write(`${clock(top.time)} ${tag(e.contactId)}  ${note}`);
        for (const [kind, { count, first }] of top.effects)
          write(`${clock(top.time)} ${tag(e.contactId)}  effect ${kind}${count > 1 ? ` ×${count}, first` : ''}: ${first}`);
        break;
      }
      case 'script.call':
        write(`${clock(e.time)} ${tag(e.contactId)}  ${e.mode} ${e.to}${e.params.length ? `(${e.params.map(short).join(', ')})` : ''}`);
        break;
      case 'script.return':
        write(`${clock(e.time)} ${tag(e.contactId)}  return to ${e.to}: ${short(e.value)}`);
        break;
      case 'trace':
        note(e.contactId, e.time, `TRACE ${e.text}`);
        break;
      case 'warning':
        note(e.contactId, e.time, `warning: ${e.message}`);
        break;
      case 'effect': {
        const top = stack(e.contactId).at(-1);
        const seen = top?.effects.get(e.kind);
        if (seen) seen.count++;
        else if (top) top.effects.set(e.kind, { count: 1, first: short(e.data) });
        else write(`${clock(e.time)} ${tag(e.contactId)}  effect ${e.kind}: ${short(e.data)}`);
        break;
      }
      case 'run.end':
        write(`${clock(e.time)} ${tag(e.contactId)}end: ${e.status}${e.reason ? ` (${e.reason})` : ''}`);
        break;
      default:
        break;
    }
  };
}

/** `2026-11-21T09:00:00.000-07:00` -> `09:00:00` (milliseconds only when there are some). */
function clock(iso: string): string {
  const m = /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(iso);
  if (!m) return iso;
  return m[1]!.replace(/\.000$/, '');
}

function short(v: EncodedValue | undefined): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function formatVars(vars: Record<string, EncodedValue>): string {
  const entries = Object.entries(vars);
  return entries.length ? `  ${entries.map(([k, v]) => `${k}=${short(v)}`).join(' ')}` : '';
}
