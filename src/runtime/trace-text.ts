// Turns trace events into readable lines, one per action: virtual time,
// Script.label, type, caption, the branch taken and the variables it changed.
// Used by `run --trace`; the runtime itself never prints.
import type { EncodedValue } from '../contract/value.js';
import type { TraceEvent } from './result.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';

interface Pending {
  where: string;
  type: string;
  caption: string;
  changes: string[];
  /**
   * TRACE lines, warnings and effects that happened inside the action, in
   * order, printed after its line. Consecutive effects of one kind (a batch of
   * prospects) are one entry: a count and the first one.
   */
  notes: (string | EffectNote)[];
}

interface EffectNote {
  kind: string;
  count: number;
  first: string;
}

/** Variable values on an action's line: enough to recognise them, the line stays short. */
const MAX_VALUE_CHARS = 60;
/** Effects (the payload sent, the record written): enough to read them, still one line. */
const MAX_EFFECT_CHARS = 400;

/** A listener for `runtime.on('*', …)` that calls `write` with each finished line. */
export function traceLines(write: (line: string) => void, opts: { spawnedPrefix?: boolean } = {}): (e: TraceEvent) => void {
  // Per contact: a stack of open actions (a RUNSUB stays open while its subscript runs).
  const open = new Map<string, Pending[]>();
  const clock = lastClock();
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
        stack(e.contactId).push({ where: `${e.script}.${e.label}`, type: e.actionType, caption: e.caption, changes: [], notes: [] });
        break;
      case 'var.set': {
        const top = stack(e.contactId).at(-1);
        // `_err` is shown once, from action.exit.
        if (!top || e.name === '_err' || e.name === '__err') break;
        top.changes.push(`${e.scope === 'global' ? GLOBAL_PREFIX : ''}${e.name}=${e.removed ? '(removed)' : short(e.value)}`);
        break;
      }
      case 'action.exit': {
        const top = stack(e.contactId).pop();
        if (!top) break;
        const caption = top.caption && top.caption !== top.type ? ` "${top.caption}"` : '';
        const branch = e.interrupted ? ` (cut short by ${e.interrupted})` : e.branch ? ` -> ${e.branch}` : '';
        const waited = e.seconds > 0 ? ` (+${e.seconds}s)` : '';
        const changes = top.changes.length ? `  ${top.changes.join(' ')}` : '';
        const error = e.error ? `  _err="${e.error}"` : '';
        // The exit time: the same as the start for most actions, and for a RUNSUB (printed after its
        // subscript's lines) the time it returned, so the times of the lines never go backwards.
        const at = clock(e.time);
        write(`${at} ${tag(e.contactId)}${top.where} ${top.type}${caption}${branch}${waited}${changes}${error}`);
        for (const note of top.notes) write(`${at} ${tag(e.contactId)}  ${typeof note === 'string' ? note : effectText(note)}`);
        break;
      }
      case 'script.call':
        write(`${clock(e.time)} ${tag(e.contactId)}  ${e.mode} ${e.to}${e.params.length ? `(${e.params.map((p) => short(p)).join(', ')})` : ''}`);
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
      case 'call':
        note(e.contactId, e.time, callText(e));
        break;
      case 'contact':
        write(`${clock(e.time)} ${tag(e.contactId)}  event ${e.event}: ${e.text}${e.ignored ? ' (does not apply: ignored)' : e.handler ? ` -> ${e.handler}` : ''}`);
        break;
      case 'effect': {
        const top = stack(e.contactId).at(-1);
        const last = top?.notes.at(-1);
        if (last !== undefined && typeof last !== 'string' && last.kind === e.kind) last.count++;
        else if (top) top.notes.push({ kind: e.kind, count: 1, first: short(e.data, MAX_EFFECT_CHARS) });
        else write(`${clock(e.time)} ${tag(e.contactId)}  effect ${e.kind}: ${short(e.data, MAX_EFFECT_CHARS)}`);
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

/** A transcript line as the trace shows it under its action. */
function callText(e: Extract<TraceEvent, { type: 'call' }>): string {
  const cut = e.cut ? ` (cut by ${e.cut === 'key' ? 'a key' : e.cut === 'hangup' ? 'the hang-up' : 'an event'} after ${e.playedSeconds ?? 0}s)` : '';
  switch (e.kind) {
    case 'prompt':
      return `plays "${e.text}"${cut}`;
    case 'music':
      return `plays music ${e.text}${cut}`;
    case 'keys':
      return `caller pressed ${e.text}`;
    case 'speech':
      return `caller says "${e.text}"`;
    case 'hangup':
      return 'caller hung up';
    default:
      return e.text;
  }
}

/** `2026-11-21T09:00:00.000-07:00` -> `09:00:00` (milliseconds only when there are some). */
function clockOf(iso: string): string {
  const m = /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(iso);
  if (!m) return iso;
  return m[1]!.replace(/\.000$/, '');
}

/** clockOf, remembering the last time: consecutive events mostly share it. */
function lastClock(): (iso: string) => string {
  let last = '';
  let text = '';
  return (iso) => (iso === last ? text : (text = clockOf((last = iso))));
}

/** JSON on one line (JSON escapes line breaks), cut at `max` characters. */
function short(v: EncodedValue | undefined, max = MAX_VALUE_CHARS): string {
  const text = JSON.stringify(v ?? null);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function effectText({ kind, count, first }: EffectNote): string {
  return `effect ${kind}${count > 1 ? ` ×${count}, first` : ''}: ${first}`;
}

function formatVars(vars: Record<string, EncodedValue>): string {
  const entries = Object.entries(vars);
  return entries.length ? `  ${entries.map(([k, v]) => `${k}=${short(v)}`).join(' ')}` : '';
}
