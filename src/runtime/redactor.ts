// Redaction: secrets never appear in traces, results, effects or errors. A
// secret is a variable listed by name (`redact`), or a value learned at run
// time (a secret variable's value, an action's secret property); either is
// replaced by `***` wherever it would appear.
import type { EncodedValue, Value } from '../contract/value.js';
import { bareName } from '../contract/variables.js';
import { toResultJson } from './trace.js';
import { setMember } from '../snippet/json.js';

export const REDACTED = '***';

/** Replaces secrets by `***`: variables listed as redacted, and any text equal to or containing their current values. */
export class Redactor {
  readonly names: ReadonlySet<string>;
  private secrets: string[] = [];

  constructor(names: readonly string[]) {
    this.names = new Set(names.map(bareName));
  }

  /** True when something must be scrubbed: redacted names, or secret values an action declared. */
  get enabled(): boolean {
    return this.names.size > 0 || this.secrets.length > 0;
  }

  isSecretName(name: string): boolean {
    return this.names.size > 0 && this.names.has(bareName(name));
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

  /** A run value as JSON for results and effects: `***` when `name` is a secret variable, otherwise scrubbed. */
  value(v: Value | undefined, name?: string): EncodedValue {
    if (name !== undefined && this.isSecretName(name)) return REDACTED;
    const encoded = toResultJson(v);
    return this.enabled ? this.json(encoded) : encoded;
  }

  json(v: EncodedValue): EncodedValue {
    if (this.secrets.length === 0) return v;
    if (typeof v === 'string') return this.text(v);
    if (typeof v === 'number') return this.secrets.includes(String(v)) ? REDACTED : v;
    if (v === null || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((x) => this.json(x));
    const out: Record<string, EncodedValue> = {};
    for (const k of Object.keys(v)) setMember(out, k, this.json(v[k]!));
    return out;
  }
}
