// Trace plumbing: subscribers by event type, trace writers (trace-writer.ts),
// the optional kept trace, and the JSON encoding of values for results and
// events. Events reach the hub only through TraceEmitter (emitter.ts), which
// redacts them first.
import { DateTime } from 'luxon';
import { DateValue, type EncodedValue, type Value } from '../contract/value.js';
import type { TraceEvent, TraceEventType } from './result.js';
import type { TraceLog } from './trace-log.js';
import type { TraceWriter } from './trace-writer.js';
import { setMember } from '../snippet/json.js';

export type TraceListener<T extends TraceEventType = TraceEventType> = (event: Extract<TraceEvent, { type: T }>) => void;

export class TraceHub {
  private readonly byType = new Map<string, Set<(e: TraceEvent) => void>>();
  private count = 0;
  /** Listeners of one event type (not `*`): when there are none, an event asks for no set by its type. */
  private typedCount = 0;
  /** The `*` listeners' set, made at the first one. */
  private all: Set<(e: TraceEvent) => void> | undefined;
  /** The run's kept trace (RunOptions.keepTrace). */
  kept: TraceLog | null = null;
  /** Writers, which take the events of actions and variables as records; they get each event after the listeners. */
  writers: readonly TraceWriter[] = [];

  /** True when events must be built at all (someone listens or writes, or the trace is kept). */
  get active(): boolean {
    return this.listening || this.writers.length > 0;
  }

  /** True when events must be built as objects: someone listens or the trace is kept (writers can do with records). */
  get listening(): boolean {
    return this.count > 0 || this.kept !== null;
  }

  on(type: TraceEventType | '*', listener: (e: TraceEvent) => void): () => void {
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    if (type === '*') this.all = set;
    const typed = type === '*' ? 0 : 1;
    if (!set.has(listener)) {
      set.add(listener);
      this.count++;
      this.typedCount += typed;
    }
    return () => {
      if (set.delete(listener)) {
        this.count--;
        this.typedCount -= typed;
      }
    };
  }

  /** Adds a writer (again: once); returns the function removing it. */
  write(writer: TraceWriter): () => void {
    if (!this.writers.includes(writer)) this.writers = [...this.writers, writer];
    return () => {
      this.writers = this.writers.filter((w) => w !== writer);
    };
  }

  /** Delivers an event to the kept trace, the listeners and the writers. */
  emit(event: TraceEvent): void {
    this.listen(event);
    // A writer removed or added meanwhile changes the list, never this loop's.
    for (const w of this.writers) w.event(event);
  }

  /** Delivers an event to the kept trace and the listeners only (the writers get it as a record). */
  listen(event: TraceEvent): void {
    if (this.kept) this.kept.push(event);
    if (this.count === 0) return;
    if (this.typedCount > 0) {
      const typed = this.byType.get(event.type);
      if (typed) for (const l of typed) l(event);
    }
    const all = this.all;
    if (all) for (const l of all) l(event);
  }
}

/**
 * Value -> JSON for results and trace events (runtime.md): dates as ISO-8601
 * strings in their zone, DDOs as objects and arrays.
 */
export function toResultJson(v: Value | undefined): EncodedValue {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  if (v instanceof DateValue) return DateTime.fromMillis(v.epochMs, { zone: v.zone }).toISO() ?? new Date(v.epochMs).toISOString();
  if (Array.isArray(v)) return v.map(toResultJson);
  const out: Record<string, EncodedValue> = {};
  for (const k of Object.keys(v)) setMember(out, k, toResultJson(v[k]));
  return out;
}
