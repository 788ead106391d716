// Trace events as JSON lines (`run --trace-json`): exactly the text
// JSON.stringify gives for the event, made faster for long runs. Most of an
// event's text repeats from the last time the same action (or variable) was
// traced: its contact, type, script, label, action type, caption. That leading
// run of names is kept as text per action and reused when every member is the
// same, in the same order; the members after it (the values: props, outputs,
// the variable's value…) and everything else go through JSON.stringify.
import type { TraceEvent } from './result.js';

/** Members that carry run data (values, messages): they change from one event to the next, so they end the reused part. */
const DATA_MEMBERS: ReadonlySet<string> = new Set(['vars', 'props', 'outputs', 'error', 'old', 'value', 'message', 'text', 'data', 'params', 'reason']);

/** How many names (event types, labels, member names) the caches keep; past it, events are written without them. */
const MAX_CACHED = 4096;

/** The leading members after `time` of an earlier event of one type and label, and the JSON text of each run of them from the first. */
interface Head {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  /** `prefixes[i]`: the text of the first `i` members, each with its leading comma. */
  readonly prefixes: readonly string[];
}

type Members = Record<string, unknown>;

/** Returns a function giving each event's JSON text (without a line break), identical to JSON.stringify(event). */
export function traceJson(): (event: TraceEvent) => string {
  const heads = new Map<string, Map<string, Head>>();
  const memberNames = new Map<string, string>();
  let lastTime: unknown;
  let lastTimeText = '';

  /** `,"name":` */
  const memberName = (k: string): string => {
    let text = memberNames.get(k);
    if (text === undefined) {
      text = `,${JSON.stringify(k)}:`;
      if (memberNames.size < MAX_CACHED) memberNames.set(k, text);
    }
    return text;
  };

  /** Records the event's leading names for the next events of its action; its own text is JSON.stringify's. */
  const remember = (e: Members, byLabel: Map<string, Head>, label: string): string => {
    const keys: string[] = [];
    const values: unknown[] = [];
    const prefixes = [''];
    let first = true;
    for (const k in e) {
      const v = e[k];
      if (first) {
        first = false;
        continue; // `time`, checked by the caller
      }
      if (DATA_MEMBERS.has(k) || (typeof v !== 'string' && typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v)))) break;
      keys.push(k);
      values.push(v);
      prefixes.push(prefixes.at(-1)! + memberName(k) + JSON.stringify(v));
    }
    if (byLabel.size < MAX_CACHED) byLabel.set(label, { keys, values, prefixes });
    return JSON.stringify(e);
  };

  return (event) => {
    const e = event as unknown as Members;
    let byLabel = heads.get(event.type);
    if (byLabel === undefined) {
      if (heads.size >= MAX_CACHED) return JSON.stringify(e);
      heads.set(event.type, (byLabel = new Map()));
    }
    const label = typeof e.label === 'string' ? e.label : typeof e.name === 'string' ? e.name : '';
    const head = byLabel.get(label);
    const n = head === undefined ? 0 : head.keys.length;
    let text = '';
    // -1 before `time`; then how many leading members matched the head, while `matching`.
    let i = -1;
    let matching = true;
    for (const k in e) {
      const v = e[k];
      if (i < 0) {
        // Every event starts with its time, which changes less often than anything else.
        if (k !== 'time' || typeof v !== 'string') return JSON.stringify(e);
        if (v !== lastTime) lastTimeText = JSON.stringify((lastTime = v));
        if (head === undefined) return remember(e, byLabel, label);
        text = `{"time":${lastTimeText}`;
        i = 0;
        continue;
      }
      if (matching) {
        if (i < n && k === head!.keys[i] && v === head!.values[i]) {
          i++;
          continue;
        }
        // Nothing in common (another contact, say): this event's names are the ones to keep.
        if (i === 0 && n > 0) return remember(e, byLabel, label);
        matching = false;
        text += head!.prefixes[i];
      }
      const json = typeof v === 'number' ? (Number.isFinite(v) ? `${v}` : 'null') : JSON.stringify(v);
      if (json !== undefined) text += memberName(k) + json;
    }
    if (i < 0) return '{}';
    if (matching) text += head!.prefixes[i];
    return `${text}}`;
  };
}
