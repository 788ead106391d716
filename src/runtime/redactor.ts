// Redaction: secrets never appear in traces, results, effects or errors.
// Secrets are known before anything is emitted: the tenant's credentials and
// the variables listed by name (`redact`) from the start, and values learned
// during a step (a secret variable's new value, an action's secret property)
// before that step's events leave (TraceEmitter holds them until the step
// ends). Shown text also has every credential form masked (URL passwords,
// credential parameters, bearer tokens, credential headers and members: the
// list in http/credentials.ts).
import type { EncodedValue, Value } from '../contract/value.js';
import { bareName } from '../contract/variables.js';
import { hasAsciiLetter, isCredentialMember, maskCredentials, SHORTEST_CREDENTIAL_WORD } from '../http/credentials.js';
import { toResultJson } from './trace.js';
import { setMember } from '../snippet/json.js';

export const REDACTED = '***';

/** Member names whose credential test is remembered; names past it are tested each time. */
const MAX_REMEMBERED_NAMES = 4096;
/** Texts found to hold no credential form that are remembered, and the longest one remembered. */
const MAX_REMEMBERED_TEXTS = 4096;
const MAX_REMEMBERED_LENGTH = 256;

/** Replaces secrets by `***`: variables listed as redacted, and any text equal to or containing their current values. */
export class Redactor {
  readonly names: ReadonlySet<string>;
  private secrets: string[] = [];
  private readonly credentialNames = new Map<string, boolean>();
  /** Texts with no credential form in them: an action's literal props come back millions of times in a long trace. */
  private readonly plainTexts = new Set<string>();

  /** `names`: variables whose values are secret; `known`: secret values known before the run (tenant credentials). */
  constructor(names: readonly string[], known: readonly string[] = []) {
    this.names = new Set(names.map(bareName));
    for (const s of known) this.learn(s);
  }

  /** True when values must be scrubbed: redacted names, or secret values known or learned. */
  get enabled(): boolean {
    return this.names.size > 0 || this.secrets.length > 0;
  }

  isSecretName(name: string): boolean {
    return this.names.size > 0 && this.names.has(bareName(name));
  }

  /** Remembers a secret value so later text that embeds it is scrubbed. */
  learn(value: Value | undefined): void {
    if (value === null || value === undefined || typeof value === 'object') return;
    const s = String(value);
    // Very short values (one character, empty) would scrub unrelated text everywhere.
    if (s.length >= 2 && !this.secrets.includes(s)) {
      this.secrets.push(s);
      this.secrets.sort((a, b) => b.length - a.length);
    }
  }

  /** Text shown to users (messages, trace text): secrets and credential forms masked. */
  text(s: string): string {
    return maskCredentials(this.scrub(s));
  }

  /** A run value as JSON for results: `***` when `name` is a secret variable, otherwise known secrets scrubbed (the value stays as the script set it otherwise). */
  value(v: Value | undefined, name?: string): EncodedValue {
    if (name !== undefined && this.isSecretName(name)) return REDACTED;
    const encoded = toResultJson(v);
    return this.secrets.length > 0 ? this.walk(encoded, false) : encoded;
  }

  /** Event and effect data: secrets, credential forms and the values of credential-named members masked. */
  json(v: EncodedValue): EncodedValue {
    return this.walk(v, true);
  }

  /**
   * As `json`, but copy-on-write: `v` itself comes back when nothing in it is
   * masked, so a trace event keeps sharing the data the engine built (a kept
   * million-event trace is then not a million copies).
   */
  shownShared(v: EncodedValue): EncodedValue {
    if (v === null || typeof v !== 'object') return this.walk(v, true);
    if (Array.isArray(v)) {
      let out: EncodedValue[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        // Holes and undefined items take the copying walk, which treats them as it always has.
        if (x === undefined) return this.walk(v, true);
        const w = this.shownShared(x);
        if (out) out.push(w);
        else if (w !== x) (out = v.slice(0, i)).push(w);
      }
      return out ?? v;
    }
    return this.membersShared(v, true);
  }

  /** `shownShared` for a field mapping names to values (variables, props, outputs): the names are not data, so none is masked for its name. */
  namedShared(members: Record<string, EncodedValue>): Record<string, EncodedValue> {
    return this.membersShared(members, false);
  }

  private membersShared(v: Record<string, EncodedValue>, byName: boolean): Record<string, EncodedValue> {
    let out: Record<string, EncodedValue> | null = null;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = v[k]!;
      const w = byName && this.maskedMember(k, x) ? REDACTED : this.shownShared(x);
      if (out) setMember(out, k, w);
      else if (w !== x) {
        out = {};
        for (let j = 0; j < i; j++) setMember(out, keys[j]!, v[keys[j]!]!);
        setMember(out, k, w);
      }
    }
    return out ?? v;
  }

  /**
   * True when shown data `v` leaves redaction as it is (`shownShared(v) === v`,
   * nothing masked): a quick answer for the text, numbers and flags most events
   * carry. False for objects and arrays (and `undefined`) without looking: the
   * full walk answers for those.
   */
  clean(v: EncodedValue | undefined): boolean {
    switch (typeof v) {
      case 'string':
        return this.cleanText(v);
      case 'number':
        return this.secrets.length === 0 || !this.secrets.includes(String(v));
      case 'boolean':
        return true;
      default:
        return v === null;
    }
  }

  /** `clean` for each member of a field mapping names to values: true when `namedShared(members) === members`. */
  cleanMembers(members: Record<string, EncodedValue>): boolean {
    // for…in visits every own enumerable member Object.keys gives (an inherited one only makes the answer false).
    for (const k in members) if (!this.clean(members[k])) return false;
    return true;
  }

  /** True when `text(s) === s`: no secret in it, no credential form. */
  private cleanText(s: string): boolean {
    for (const secret of this.secrets) if (s.includes(secret)) return false;
    // Short text, and text with no letter (numbers, times), is scanned (maskCredentials' own quick test needs no regular expression for it); other text is looked up first.
    if (s.length < SHORTEST_CREDENTIAL_WORD || !hasAsciiLetter(s)) return maskCredentials(s) === s;
    const plain = this.plainTexts;
    if (plain.has(s)) return true;
    if (maskCredentials(s) !== s) return false;
    if (plain.size < MAX_REMEMBERED_TEXTS && s.length <= MAX_REMEMBERED_LENGTH) plain.add(s);
    return true;
  }

  /** A credential-named member's own text or number (not an empty one) is masked whole. */
  private maskedMember(name: string, x: EncodedValue): boolean {
    return this.isCredential(name) && (typeof x === 'string' || typeof x === 'number') && x !== '';
  }

  /** isCredentialMember, remembered per member name: a trace asks it for the same few names millions of times. */
  private isCredential(name: string): boolean {
    let credential = this.credentialNames.get(name);
    if (credential === undefined) {
      credential = isCredentialMember(name);
      if (this.credentialNames.size < MAX_REMEMBERED_NAMES) this.credentialNames.set(name, credential);
    }
    return credential;
  }

  private scrub(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  private walk(v: EncodedValue, shown: boolean): EncodedValue {
    if (typeof v === 'string') return shown ? this.text(v) : this.scrub(v);
    if (typeof v === 'number') return this.secrets.length > 0 && this.secrets.includes(String(v)) ? REDACTED : v;
    if (v === null || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((x) => this.walk(x, shown));
    const out: Record<string, EncodedValue> = {};
    for (const k of Object.keys(v)) {
      const x = v[k]!;
      setMember(out, k, shown && this.maskedMember(k, x) ? REDACTED : this.walk(x, shown));
    }
    return out;
  }
}
