// The one way out for trace events. Every event the runtime builds goes
// through `emit`, which redacts it before any subscriber or the kept trace
// sees it, so no event can leak a secret by forgetting to scrub a field.
// Which fields of an event carry run data is declared once per event type
// (DATA_FIELDS): a new event type does not compile until it says.
// During a step, events are held and leave when the step ends: a secret the
// step learns (the value ASSIGN gives a redacted variable) is then known
// before its action.enter, which shows that value, is emitted.
import type { EncodedValue, Value } from '../contract/value.js';
import { REDACTED, type Redactor } from './redactor.js';
import type { TraceEvent, TraceEventType } from './result.js';
import { toResultJson, type TraceHub } from './trace.js';
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

/** A step's list of held events is reused by the next step when it held at most this many. */
const MAX_KEPT_HELD = 64;

/** Fields that map names (variables, properties, outputs) to values: the names themselves are not data members. */
const NAMED_FIELDS: ReadonlySet<string> = new Set(['vars', 'props', 'outputs']);

export class TraceEmitter {
  /** Between `hold` and `release`: the step's events wait in `held`, the first `count` of it. */
  private holding = false;
  private held: TraceEvent[] | null = null;
  private count = 0;

  constructor(
    readonly hub: TraceHub,
    readonly redactor: Redactor,
  ) {}

  /** True when events must be built at all (someone listens or the trace is kept). */
  get active(): boolean {
    return this.hub.active;
  }

  /** Redacts the event, then hands it to subscribers and the kept trace. */
  emit(event: TraceEvent): void {
    if (this.holding) (this.held ??= [])[this.count++] = event;
    else this.hub.emit(this.redact(event));
  }

  /** Holds events until `release` (one step of one run). */
  hold(): void {
    this.holding = true;
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
    for (let i = 0; i < n; i++) this.hub.emit(this.redact(held[i]!));
    // The list serves the next step; what it still refers to is overwritten there (a step of many events does not keep them).
    if (this.held === null) this.held = n <= MAX_KEPT_HELD ? held : null;
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
        if (r.cleanMembers(event.outputs) && (event.error === undefined || r.clean(event.error))) return event;
        break;
      case 'var.set':
        if ((event.old === undefined || r.clean(event.old)) && r.clean(event.value) && !r.isSecretName(event.name)) return event;
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
