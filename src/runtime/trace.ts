// Trace plumbing: subscribers by event type, the optional kept trace, JSON
// encoding of values for results and events, and redaction of secret values
// (they are replaced by `***` wherever they would appear).
import { DateTime } from 'luxon';
import { DateValue, type EncodedValue, type Value } from '../contract/value.js';
import type { TraceEvent, TraceEventType } from './result.js';

export type TraceListener<T extends TraceEventType = TraceEventType> = (event: Extract<TraceEvent, { type: T }>) => void;

export const REDACTED = '***';

export class TraceHub {
  private readonly byType = new Map<string, Set<(e: TraceEvent) => void>>();
  private count = 0;
  kept: TraceEvent[] | null = null;

  /** True when events must be built at all (someone listens or the trace is kept). */
  get active(): boolean {
    return this.count > 0 || this.kept !== null;
  }

  on(type: TraceEventType | '*', listener: (e: TraceEvent) => void): () => void {
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    if (!set.has(listener)) {
      set.add(listener);
      this.count++;
    }
    return () => {
      if (set.delete(listener)) this.count--;
    };
  }

  emit(event: TraceEvent): void {
    if (this.kept) this.kept.push(event);
    if (this.count === 0) return;
    const typed = this.byType.get(event.type);
    if (typed) for (const l of typed) l(event);
    const all = this.byType.get('*');
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
  for (const k of Object.keys(v)) out[k] = toResultJson(v[k]);
  return out;
}

/** Replaces secrets by `***`: variables listed as redacted, and any text equal to or containing their current values. */
export class Redactor {
  readonly names: ReadonlySet<string>;
  private secrets: string[] = [];

  constructor(names: readonly string[]) {
    this.names = new Set(names.map((n) => n.toLowerCase().replace(/^global:/, '')));
  }

  /** True when something must be scrubbed: redacted names, or secret values an action declared. */
  get enabled(): boolean {
    return this.names.size > 0 || this.secrets.length > 0;
  }

  isSecretName(name: string): boolean {
    return this.names.size > 0 && this.names.has(name.toLowerCase().replace(/^global:/, ''));
  }

  /** Remembers a secret variable's value so later text that embeds it is scrubbed. */
  learn(value: Value | undefined): void {
    if (value === null || value === undefined || typeof value === 'object') return;
    const s = String(value);
    // Very short values (one character, empty) would scrub unrelated text everywhere.
    if (s.length >= 2 && !this.secrets.includes(s)) {
      this.secrets.push(s);
      this.secrets.sort((a, b) => b.length - a.length);
    }
  }

  text(s: string): string {
    if (this.secrets.length === 0) return s;
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  json(v: EncodedValue): EncodedValue {
    if (this.secrets.length === 0) return v;
    if (typeof v === 'string') return this.text(v);
    if (typeof v === 'number') return this.secrets.includes(String(v)) ? REDACTED : v;
    if (v === null || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((x) => this.json(x));
    const out: Record<string, EncodedValue> = {};
    for (const k of Object.keys(v)) out[k] = this.json(v[k]!);
    return out;
  }
}
