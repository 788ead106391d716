// Turns trace events into readable lines, one per action: virtual time,
// Script.label, type, caption, the branch taken and the variables it changed.
// Used by `run --trace` (as a trace writer: the events of actions and
// variables come as records); the runtime itself never prints.
import type { EncodedValue } from '../contract/value.js';
import type { TraceEvent } from './result.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';
import type { TraceWriter } from './trace-writer.js';

/** An action between its action.enter and its action.exit; reused for the next action at its depth. */
interface Pending {
  script: string;
  label: string;
  type: string;
  caption: string;
  /** The variables it changed, in order: `changes` names (`global:` included) and values (a number, or the text shown). */
  changes: number;
  names: string[];
  values: (number | string)[];
  /**
   * TRACE lines, warnings and effects that happened inside the action, in
   * order, printed after its line. Consecutive effects of one kind (a batch of
   * prospects) are one entry: a count and the first one.
   */
  notes: (string | EffectNote)[] | null;
}

/** The open actions of one contact (a RUNSUB stays open while its subscript runs): `items[0…depth-1]`. */
interface Stack {
  items: Pending[];
  depth: number;
}

interface EffectNote {
  kind: string;
  count: number;
  first: string;
}

/**
 * Where the lines go, piece by piece: `end` finishes a line. A LineBytes
 * (line-bytes.ts) writes the pieces straight into its bytes, so a long run
 * builds no line strings.
 */
export interface LineSink {
  text(s: string): void;
  /** JSON.stringify(n). */
  number(n: number): void;
  end(): void;
}

/** Variable values on an action's line: enough to recognise them, the line stays short. */
const MAX_VALUE_CHARS = 60;
/** Effects (the payload sent, the record written): enough to read them, still one line. */
const MAX_EFFECT_CHARS = 400;

/** A listener for `runtime.on('*', …)` that calls `write` with each finished line. */
export function traceLines(write: (line: string) => void, opts: { spawnedPrefix?: boolean } = {}): (e: TraceEvent) => void {
  let line = '';
  const writer = traceLinesTo(
    {
      text: (s) => void (line += s),
      number: (n) => void (line += JSON.stringify(n)),
      end: () => {
        const done = line;
        line = '';
        write(done);
      },
    },
    opts,
  );
  return (e) => writer.event(e);
}

/** As traceLines, a trace writer writing each line into `out` piece by piece. */
export function traceLinesTo(out: LineSink, opts: { spawnedPrefix?: boolean } = {}): TraceWriter {
  const open = new Map<string, Stack>();
  const clock = lastClock();
  const contacts: string[] = [];
  let lastContact: string | undefined;
  let lastTag = '';
  const tag = (contactId: string): string => {
    if (opts.spawnedPrefix === false) return '';
    if (contactId === lastContact) return lastTag;
    let i = contacts.indexOf(contactId);
    if (i < 0) i = contacts.push(contactId) - 1;
    lastContact = contactId;
    return (lastTag = i === 0 ? '' : `[run ${i + 1}] `);
  };
  let lastStackId: string | undefined;
  let lastStack: Stack | undefined;
  const stack = (id: string): Stack => {
    if (id === lastStackId) return lastStack!;
    let s = open.get(id);
    if (!s) open.set(id, (s = { items: [], depth: 0 }));
    lastStackId = id;
    return (lastStack = s);
  };
  const top = (id: string): Pending | undefined => {
    const s = stack(id);
    return s.depth > 0 ? s.items[s.depth - 1] : undefined;
  };
  /** `<time> <tag>`: how every line opens. */
  const head = (time: string, contactId: string): void => {
    out.text(clock(time));
    out.text(' ');
    const t = tag(contactId);
    if (t !== '') out.text(t);
  };
  const say = (time: string, contactId: string, text: string): void => {
    head(time, contactId);
    out.text(text);
    out.end();
  };
  const note = (contactId: string, time: string, text: string): void => {
    const p = top(contactId);
    if (p) (p.notes ??= []).push(text);
    else say(time, contactId, `  ${text}`);
  };
  const enter = (contactId: string, script: string, label: string, type: string, caption: string): void => {
    const s = stack(contactId);
    let p = s.items[s.depth];
    if (p === undefined) s.items.push((p = { script: '', label: '', type: '', caption: '', changes: 0, names: [], values: [], notes: null }));
    s.depth++;
    p.script = script;
    p.label = label;
    p.type = type;
    p.caption = caption;
    p.changes = 0;
    p.notes = null;
  };
  const varSet = (contactId: string, name: string, scope: 'local' | 'global', value: EncodedValue, removed: boolean): void => {
    const p = top(contactId);
    // `_err` is shown once, from action.exit.
    if (!p || name === '_err' || name === '__err') return;
    const i = p.changes++;
    p.names[i] = scope === 'global' ? `${GLOBAL_PREFIX}${name}` : name;
    p.values[i] = removed ? '(removed)' : typeof value === 'number' ? value : short(value);
  };
  const exit = (time: string, contactId: string, branch: string, seconds: number, error: string | undefined, interrupted: string | undefined): void => {
    const s = stack(contactId);
    if (s.depth === 0) return;
    const p = s.items[--s.depth]!;
    // The exit time: the same as the start for most actions, and for a RUNSUB (printed after its
    // subscript's lines) the time it returned, so the times of the lines never go backwards.
    head(time, contactId);
    out.text(p.script);
    out.text('.');
    out.text(p.label);
    out.text(' ');
    out.text(p.type);
    if (p.caption && p.caption !== p.type) {
      out.text(' "');
      out.text(p.caption);
      out.text('"');
    }
    if (interrupted) out.text(` (cut short by ${interrupted})`);
    else if (branch) {
      out.text(' -> ');
      out.text(branch);
    }
    if (seconds > 0) out.text(` (+${seconds}s)`);
    for (let i = 0; i < p.changes; i++) {
      out.text(i === 0 ? '  ' : ' ');
      out.text(p.names[i]!);
      out.text('=');
      const v = p.values[i]!;
      // A number's JSON is never cut, and goes without a string.
      if (typeof v === 'number') out.number(v);
      else out.text(v);
    }
    if (error) out.text(`  _err="${error}"`);
    out.end();
    const notes = p.notes;
    p.notes = null;
    if (notes) for (const n of notes) say(time, contactId, `  ${typeof n === 'string' ? n : effectText(n)}`);
  };
  const event = (e: TraceEvent): void => {
    switch (e.type) {
      case 'run.start':
        tag(e.contactId);
        say(e.time, e.contactId, `start ${e.script} (contact ${e.contactId})${formatVars(e.vars)}`);
        break;
      case 'action.enter':
        enter(e.contactId, e.script, e.label, e.actionType, e.caption);
        break;
      case 'var.set':
        varSet(e.contactId, e.name, e.scope, e.value, e.removed === true);
        break;
      case 'action.exit':
        exit(e.time, e.contactId, e.branch, e.seconds, e.error, e.interrupted);
        break;
      case 'script.call':
        say(e.time, e.contactId, `  ${e.mode} ${e.to}${e.params.length ? `(${e.params.map((p) => short(p)).join(', ')})` : ''}`);
        break;
      case 'script.return':
        say(e.time, e.contactId, `  return to ${e.to}: ${short(e.value)}`);
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
        say(e.time, e.contactId, `  event ${e.event}: ${e.text}${e.ignored ? ' (does not apply: ignored)' : e.handler ? ` -> ${e.handler}` : ''}`);
        break;
      case 'effect': {
        const p = top(e.contactId);
        const last = p?.notes?.at(-1);
        if (last !== undefined && typeof last !== 'string' && last.kind === e.kind) last.count++;
        else if (p) (p.notes ??= []).push({ kind: e.kind, count: 1, first: short(e.data, MAX_EFFECT_CHARS) });
        else say(e.time, e.contactId, `  effect ${e.kind}: ${short(e.data, MAX_EFFECT_CHARS)}`);
        break;
      }
      case 'run.end':
        say(e.time, e.contactId, `end: ${e.status}${e.reason ? ` (${e.reason})` : ''}`);
        break;
      default:
        break;
    }
  };
  return {
    event,
    enter: (_time, contactId, site) => enter(contactId, site.script, site.label, site.actionType, site.caption),
    exit: (time, contactId, _site, branch, _outputs, seconds, error, interrupted) => exit(time, contactId, branch, seconds, error, interrupted),
    varSet: (_time, contactId, name, scope, _old, value) => varSet(contactId, name, scope, value, false),
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
