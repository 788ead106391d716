// The one way out for trace events. Every event the runtime builds goes
// through `emit`, which redacts it before any subscriber or the kept trace
// sees it, so no event can leak a secret by forgetting to scrub a field.
// Which fields of an event carry run data is declared once per event type
// (DATA_FIELDS): a new event type does not compile until it says.
// During a step, events are held and leave when the step ends: a secret the
// step learns (the value ASSIGN gives a redacted variable) is then known
// before its action.enter, which shows that value, is emitted; listeners see
// the step's events once its changes are made.
// action.enter, action.exit and var.set come as records (`enter`, `exit`,
// `varSet`): trace writers get them so, and an object is built only for
// listeners and the kept trace, or when redaction changes something.
import type { EncodedValue, Value } from '../contract/value.js';
import { REDACTED, type Redactor } from './redactor.js';
import type { TraceEvent, TraceEventType } from './result.js';
import { toResultJson, type TraceHub } from './trace.js';
import { enterEvent, exitEvent, varSetEvent, type TraceSite } from './trace-writer.js';
import { setMember } from '../snippet/json.js';

type EventOf<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

/** The fields of each event type that carry run data (values, messages); the others are names, times and labels. */
const DATA_FIELDS: { readonly [T in TraceEventType]: readonly Exclude<keyof EventOf<T>, 'type' | 'time' | 'contactId'>[] } = {
  'run.start': ['vars'],
  'action.enter': ['props'],
  'action.exit': ['outputs', 'error'],
  'var.set': ['old', 'value'],
  error: ['message'],
  trace: ['text'],
  effect: ['data'],
  'script.call': ['params'],
  'script.return': ['value'],
  warning: ['message'],
  call: ['text'],
  contact: ['text'],
  'run.end': ['reason'],
};

/** A step's list of held events is reused by the next step when it held at most this many slots (a record takes up to nine). */
const MAX_KEPT_HELD = 512;

/** What a held entry is: its first slot, followed by the event or the record's fields. */
const EVENT = 0;
const ENTER = 1;
const EXIT = 2;
const VAR_SET = 3;

/** Fields that map names (variables, properties, outputs) to values: the names themselves are not data members. */
const NAMED_FIELDS: ReadonlySet<string> = new Set(['vars', 'props', 'outputs']);

export class TraceEmitter {
  /** Between `hold` and `release`: the step's events wait in `held`, the first `count` slots of it. */
  private holding = false;
  private held: unknown[] | null = null;
  private count = 0;

  constructor(
    readonly hub: TraceHub,
    readonly redactor: Redactor,
  ) {}

  /** True when events must be built at all (someone listens or the trace is kept). */
  get active(): boolean {
    return this.hub.active;
  }

  /** Redacts the event, then hands it to subscribers, writers and the kept trace. */
  emit(event: TraceEvent): void {
    if (!this.holding) return this.hub.emit(this.redact(event));
    const held = (this.held ??= []);
    held[this.count++] = EVENT;
    held[this.count++] = event;
  }

  /** `emit(enterEvent(…))`, with no object built for writers. */
  enter(time: string, contactId: string, site: TraceSite, props: Record<string, EncodedValue>): void {
    if (this.hub.writers.length === 0) return this.emit(enterEvent(time, contactId, site, props));
    if (!this.holding) return this.deliverEnter(time, contactId, site, props);
    const held = (this.held ??= []);
    let i = this.count;
    held[i++] = ENTER;
    held[i++] = time;
    held[i++] = contactId;
    held[i++] = site;
    held[i++] = props;
    this.count = i;
  }

  /** `emit(exitEvent(…))`, with no object built for writers. */
  exit(time: string, contactId: string, site: TraceSite, branch: string, outputs: Record<string, EncodedValue>, seconds: number, error?: string, interrupted?: string): void {
    if (this.hub.writers.length === 0) return this.emit(exitEvent(time, contactId, site, branch, outputs, seconds, error, interrupted));
    if (!this.holding) return this.deliverExit(time, contactId, site, branch, outputs, seconds, error, interrupted);
    const held = (this.held ??= []);
    let i = this.count;
    held[i++] = EXIT;
    held[i++] = time;
    held[i++] = contactId;
    held[i++] = site;
    held[i++] = branch;
    held[i++] = outputs;
    held[i++] = seconds;
    held[i++] = error;
    held[i++] = interrupted;
    this.count = i;
  }

  /** `emit(varSetEvent(…))`, with no object built for writers. */
  varSet(time: string, contactId: string, name: string, scope: 'local' | 'global', old: EncodedValue | undefined, value: EncodedValue): void {
    if (this.hub.writers.length === 0) return this.emit(varSetEvent(time, contactId, name, scope, old, value));
    if (!this.holding) return this.deliverVarSet(time, contactId, name, scope, old, value);
    const held = (this.held ??= []);
    let i = this.count;
    held[i++] = VAR_SET;
    held[i++] = time;
    held[i++] = contactId;
    held[i++] = name;
    held[i++] = scope;
    held[i++] = old;
    held[i++] = value;
    this.count = i;
  }

  /**
   * Holds events until `release` (one step of one run). Not needed when only
   * writers get the events and no variable is secret by name: a step learns a
   * secret only from such a variable (a secret property's value is learned
   * before the step emits anything), and writers do not look at the run.
   */
  hold(): void {
    if (this.hub.listening || this.redactor.names.size > 0 || this.count > 0) this.holding = true;
  }

  /** Redacts and delivers the held events, with every secret the step learned. */
  release(): void {
    const held = this.held;
    const n = this.count;
    this.holding = false;
    if (held === null || n === 0) return;
    // A listener may start another step meanwhile: it gets a list of its own.
    this.held = null;
    this.count = 0;
    const h = held as never[];
    for (let i = 0; i < n; ) {
      switch (held[i]) {
        case ENTER:
          this.deliverEnter(h[i + 1], h[i + 2], h[i + 3], h[i + 4]);
          i += 5;
          break;
        case EXIT:
          this.deliverExit(h[i + 1], h[i + 2], h[i + 3], h[i + 4], h[i + 5], h[i + 6], h[i + 7], h[i + 8]);
          i += 9;
          break;
        case VAR_SET:
          this.deliverVarSet(h[i + 1], h[i + 2], h[i + 3], h[i + 4], h[i + 5], h[i + 6]);
          i += 7;
          break;
        default:
          this.hub.emit(this.redact(h[i + 1]));
          i += 2;
      }
    }
    // The list serves the next step; what it still refers to is overwritten there (a step of many events does not keep them).
    if (this.held === null) this.held = n <= MAX_KEPT_HELD ? held : null;
  }

  // A record that redaction leaves as it is goes to the writers as it is, and
  // as an object to the listeners; one it changes goes to all as the changed
  // object. The checks are redact's quick ones.

  private deliverEnter(time: string, contactId: string, site: TraceSite, props: Record<string, EncodedValue>): void {
    if (!this.redactor.cleanMembers(props)) return this.hub.emit(this.redact(enterEvent(time, contactId, site, props)));
    if (this.hub.listening) this.hub.listen(enterEvent(time, contactId, site, props));
    for (const w of this.hub.writers) w.enter(time, contactId, site, props);
  }

  private deliverExit(
    time: string,
    contactId: string,
    site: TraceSite,
    branch: string,
    outputs: Record<string, EncodedValue>,
    seconds: number,
    error: string | undefined,
    interrupted: string | undefined,
  ): void {
    if (!this.cleanExit(outputs, error)) return this.hub.emit(this.redact(exitEvent(time, contactId, site, branch, outputs, seconds, error, interrupted)));
    if (this.hub.listening) this.hub.listen(exitEvent(time, contactId, site, branch, outputs, seconds, error, interrupted));
    for (const w of this.hub.writers) w.exit(time, contactId, site, branch, outputs, seconds, error, interrupted);
  }

  private deliverVarSet(time: string, contactId: string, name: string, scope: 'local' | 'global', old: EncodedValue | undefined, value: EncodedValue): void {
    if (!this.cleanVarSet(name, old, value)) return this.hub.emit(this.redact(varSetEvent(time, contactId, name, scope, old, value)));
    if (this.hub.listening) this.hub.listen(varSetEvent(time, contactId, name, scope, old, value));
    for (const w of this.hub.writers) w.varSet(time, contactId, name, scope, old, value);
  }

  private cleanExit(outputs: Record<string, EncodedValue>, error: string | undefined): boolean {
    return this.redactor.cleanMembers(outputs) && (error === undefined || this.redactor.clean(error));
  }

  private cleanVarSet(name: string, old: EncodedValue | undefined, value: EncodedValue): boolean {
    const r = this.redactor;
    return (old === undefined || r.clean(old)) && r.clean(value) && !r.isSecretName(name);
  }

  /** A run value as event JSON; `***` when it is held by a secret variable `name` (emit scrubs the rest). */
  encode(v: Value | undefined, name?: string): EncodedValue {
    return name !== undefined && this.redactor.isSecretName(name) ? REDACTED : toResultJson(v);
  }

  /**
   * The event with its run data scrubbed. Copy-on-write: the event (and each
   * value in it) is copied only where something is masked, so the usual event
   * leaves as the engine built it.
   */
  private redact(event: TraceEvent): TraceEvent {
    const r = this.redactor;
    // The events of every action, checked member by member without the walk: most mask nothing.
    switch (event.type) {
      case 'action.enter':
        if (r.cleanMembers(event.props)) return event;
        break;
      case 'action.exit':
        if (this.cleanExit(event.outputs, event.error)) return event;
        break;
      case 'var.set':
        if (this.cleanVarSet(event.name, event.old, event.value)) return event;
        break;
      default:
        break;
    }
    const src = event as unknown as Record<string, unknown>;
    let out: Record<string, unknown> | null = null;
    for (const field of DATA_FIELDS[event.type] as readonly string[]) {
      const v = src[field];
      if (v === undefined) continue;
      const w =
        NAMED_FIELDS.has(field) && v !== null && typeof v === 'object' && !Array.isArray(v)
          ? r.namedShared(v as Record<string, EncodedValue>)
          : r.shownShared(v as EncodedValue);
      if (w !== v) (out ??= { ...src })[field] = w;
    }
    // Values whose secrecy comes from a variable name the event carries.
    if (event.type === 'var.set' && r.isSecretName(event.name)) {
      out ??= { ...src };
      if (event.old !== undefined) out.old = REDACTED;
      if (!event.removed) out.value = REDACTED;
    } else if (event.type === 'run.start' && r.names.size > 0) {
      const given = (out ?? src).vars as Record<string, EncodedValue>;
      if (Object.keys(given).some((k) => r.isSecretName(k))) {
        const vars: Record<string, EncodedValue> = {};
        for (const [k, v] of Object.entries(given)) setMember(vars, k, r.isSecretName(k) ? REDACTED : v);
        (out ??= { ...src }).vars = vars;
      }
    }
    return (out ?? event) as TraceEvent;
  }
}
