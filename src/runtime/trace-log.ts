// The kept trace of a run (RunOptions.keepTrace), stored in columns: a
// million-action run keeps about three million events, and as one object each
// (plus their props and outputs) the garbage collector spent most of the run
// copying them. The three common kinds (action.enter, action.exit, var.set)
// keep only what varies per event — an index of their constant part (script,
// label, type, caption; branch; variable name and scope), of their time and
// contact, and references to their data — in typed arrays; any other event is
// kept as it is. A run's first events are kept as they come (most runs are
// short). `result.trace` builds the event objects when it is first read.
import type { EncodedValue } from '../contract/value.js';
import type { TraceEvent } from './result.js';
import { setMember } from '../snippet/json.js';

const OTHER = 0;
const ENTER = 1;
const EXIT = 2;
const VAR = 3;

type Kind = typeof ENTER | typeof EXIT | typeof VAR;

/** The part of an event that repeats: everything but its time, contact and data. */
interface Site {
  readonly kind: Kind;
  /** Enter and exit: the script; var.set: the scope. */
  readonly a: string;
  /** Enter and exit: the label; var.set: the variable name. */
  readonly b: string;
  /** Enter: the action type; exit: the branch. */
  readonly c: string;
  /** Enter: the caption. */
  readonly d: string;
  /** Enter: the first props seen here; later props that differ from it in one member keep only that member. */
  props?: Record<string, EncodedValue>;
  /** Enter: the names of `props`, in order. */
  names?: readonly string[];
}

const FIRST_SIZE = 1024;
const CHUNK_BITS = 15;
const CHUNK = 1 << CHUNK_BITS;

/**
 * The first HEAD events of a run are kept as they come, and columns start only
 * after them: a short run (a test case, a few dozen events) allocates no
 * columns, and its trace is built at once (attachTrace).
 */
const HEAD = 4096;

export class TraceLog {
  private readonly head: TraceEvent[] = [];
  private rest: TraceColumns | null = null;

  get length(): number {
    return this.head.length + (this.rest ? this.rest.length : 0);
  }

  push(e: TraceEvent): void {
    if (this.head.length < HEAD) this.head.push(e);
    else (this.rest ??= new TraceColumns()).push(e);
  }

  /** Event `i` as a new object sharing nothing with the run or other events (see TraceColumns.event). */
  event(i: number): TraceEvent {
    const n = this.head.length;
    return i < n ? (copyJson(this.head[i] as unknown as EncodedValue) as unknown as TraceEvent) : this.rest!.event(i - n);
  }

  /** Every event, in order, as new objects. */
  toArray(): TraceEvent[] {
    const out = new Array<TraceEvent>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.event(i);
    return out;
  }
}

/** The events of a long run past its head, in columns. */
class TraceColumns {
  private size = 0;
  private kinds = new Uint8Array(FIRST_SIZE);
  private sites = new Int32Array(FIRST_SIZE);
  private times = new Int32Array(FIRST_SIZE);
  private contacts = new Int32Array(FIRST_SIZE);
  /**
   * The data of each event (props, outputs, a variable's value, or the whole
   * event of other kinds), then a second datum (an exit's seconds, a
   * variable's old value, the member of the props that changed): two slots an
   * event, in chunks of CHUNK events (pushing onto one array of millions was
   * most of the cost of keeping an event).
   */
  private readonly chunks: unknown[][] = [];
  private readonly siteList: Site[] = [];
  /** Sites by label (enter, exit) or variable name (var.set): a short list each. */
  private readonly siteIndex = [new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>()];
  private readonly timeTexts: string[] = [];
  private lastTime: string | undefined;
  private readonly contactIds: string[] = [];
  private lastContact: string | undefined;

  get length(): number {
    return this.size;
  }

  push(e: TraceEvent): void {
    const i = this.size;
    if (i === this.kinds.length) this.grow();
    this.size = i + 1;
    let kind: number = OTHER;
    let site = 0;
    let datum: unknown = e;
    let datum2: unknown = undefined;
    // Only the exact shapes the engine builds are kept in columns; an event with an optional member is kept whole.
    if (e.type === 'action.enter') {
      kind = ENTER;
      site = this.site(ENTER, e.script, e.label, e.actionType, e.caption);
      datum = e.props;
      // The props of an action differ from one run of it to the next in one member at most, usually (an evaluated
      // expression): only that member is kept, so a million enters keep no million props objects.
      const s = this.siteList[site]!;
      if (!s.props) {
        s.props = e.props;
        s.names = Object.keys(e.props);
      } else {
        const changed = e.props === s.props ? -1 : changedMember(s.props, s.names!, e.props);
        if (changed >= -1) {
          datum = changed === -1 ? undefined : e.props[s.names![changed]!];
          datum2 = changed;
        }
      }
    } else if (e.type === 'action.exit') {
      if (!('error' in e) && !('interrupted' in e)) {
        kind = EXIT;
        site = this.site(EXIT, e.script, e.label, e.branch, '');
        datum = e.outputs;
        datum2 = e.seconds;
      }
    } else if (e.type === 'var.set') {
      if (!('removed' in e)) {
        kind = VAR;
        site = this.site(VAR, e.scope, e.name, '', '');
        datum = e.value;
        datum2 = e.old;
      }
    }
    this.kinds[i] = kind;
    this.sites[i] = site;
    if (kind !== OTHER) {
      if (e.time !== this.lastTime) this.timeTexts.push((this.lastTime = e.time));
      this.times[i] = this.timeTexts.length - 1;
      if (e.contactId !== this.lastContact) this.contactIds.push((this.lastContact = e.contactId));
      this.contacts[i] = this.contactIds.length - 1;
    }
    const slot = (i & (CHUNK - 1)) * 2;
    if (slot === 0) this.chunks.push(new Array<unknown>(CHUNK * 2).fill(undefined));
    const chunk = this.chunks[i >>> CHUNK_BITS]!;
    chunk[slot] = datum;
    chunk[slot + 1] = datum2;
  }

  /**
   * Event `i` as a new object, members in the order the runtime builds them.
   * Its data is copied, so events share nothing with each other or the run
   * (as when each was kept as its own redacted copy).
   */
  event(i: number): TraceEvent {
    const kind = this.kinds[i]!;
    const chunk = this.chunks[i >>> CHUNK_BITS]!;
    const slot = (i & (CHUNK - 1)) * 2;
    const datum = chunk[slot];
    const datum2 = chunk[slot + 1];
    if (kind === OTHER) return copyJson(datum as EncodedValue) as unknown as TraceEvent;
    const s = this.siteList[this.sites[i]!]!;
    const time = this.timeTexts[this.times[i]!]!;
    const contactId = this.contactIds[this.contacts[i]!]!;
    if (kind === ENTER) {
      const changed = datum2 as number | undefined;
      let props: Record<string, EncodedValue>;
      if (changed === undefined) props = copyJson(datum as EncodedValue) as Record<string, EncodedValue>;
      else {
        props = {};
        const names = s.names!;
        for (let j = 0; j < names.length; j++) setMember(props, names[j]!, copyJson(j === changed ? (datum as EncodedValue) : s.props![names[j]!]!));
      }
      return { time, contactId, type: 'action.enter', script: s.a, label: s.b, actionType: s.c, caption: s.d, props };
    }
    if (kind === EXIT)
      return { time, contactId, type: 'action.exit', script: s.a, label: s.b, branch: s.c, outputs: copyJson(datum as EncodedValue) as Record<string, EncodedValue>, seconds: datum2 as number };
    const old = datum2 as EncodedValue | undefined;
    return { time, contactId, type: 'var.set', name: s.b, scope: s.a as 'local' | 'global', old: old === undefined ? undefined : copyJson(old), value: copyJson(datum as EncodedValue) };
  }

  private site(kind: Kind, a: string, b: string, c: string, d: string): number {
    const index = this.siteIndex[kind]!;
    const known = index.get(b);
    if (known) {
      for (const n of known) {
        const s = this.siteList[n]!;
        if (s.a === a && s.c === c && s.d === d) return n;
      }
    }
    const n = this.siteList.push({ kind, a, b, c, d }) - 1;
    if (known) known.push(n);
    else index.set(b, [n]);
    return n;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    this.kinds = widened(this.kinds, new Uint8Array(size));
    this.sites = widened(this.sites, new Int32Array(size));
    this.times = widened(this.times, new Int32Array(size));
    this.contacts = widened(this.contacts, new Int32Array(size));
  }
}

/** `to`, a longer column, holding what `from` holds. */
function widened<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The position of the one member in which `props` differs from `first` (whose
 * names are `names`, in order): -1 when none differs, -2 when the names differ
 * or more than one member does. Values compare with Object.is (0 and -0 differ).
 */
function changedMember(first: Record<string, EncodedValue>, names: readonly string[], props: Record<string, EncodedValue>): number {
  let j = 0;
  let changed = -1;
  for (const k in props) {
    if (j >= names.length || k !== names[j] || !Object.hasOwn(props, k)) return -2;
    if (!Object.is(props[k], first[k])) {
      if (changed >= 0) return -2;
      changed = j;
    }
    j++;
  }
  return j === names.length ? changed : -2;
}

/** A JSON value copied: new objects and arrays throughout (holes and `undefined` members kept as they are). */
function copyJson(v: EncodedValue): EncodedValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyJson);
  const out: Record<string, EncodedValue> = {};
  for (const k of Object.keys(v)) setMember(out, k, copyJson(v[k]!));
  return out;
}

/**
 * Gives `result` a `trace` member read from `log`. A long trace is built the
 * first time it is read and is then an ordinary member (also when assigned); a
 * short one (the head alone) is built at once: a getter defined on every
 * result cost a run of a few dozen events more than building its events.
 */
export function attachTrace(result: { trace?: TraceEvent[] }, log: TraceLog): void {
  if (log.length <= HEAD) {
    result.trace = log.toArray();
    return;
  }
  let built: TraceEvent[] | null = null;
  const settle = (value: TraceEvent[]): void => {
    Object.defineProperty(result, 'trace', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(result, 'trace', {
    get(): TraceEvent[] {
      built ??= log.toArray();
      settle(built);
      return built;
    },
    set(value: TraceEvent[]) {
      settle(value);
    },
    enumerable: true,
    configurable: true,
  });
}
