// The `run --trace-json` writer (trace-writer.ts): each event as one JSON line,
// exactly the text JSON.stringify gives for it (for a record: for the event it
// stands for). Events that come as objects go to the shape writer
// (trace-json.ts). Records need no walk over what cannot change: a site's
// script, label, type and caption, and a variable's name and scope, are text
// made once. A line opens with its head (`{"time":…,"contactId":…`) and that
// text; while one contact's lines follow each other at one time, the two are
// kept joined, so the fixed part of a line is one copy. Props are walked
// against a plan of their members (which of them have changed so far), so
// only the values that vary are written one by one.
import type { EncodedValue } from '../contract/value.js';
import type { LineBytes } from './line-bytes.js';
import type { TraceEvent } from './result.js';
import { givesUp, traceJsonTo } from './trace-json.js';
import type { TraceSite, TraceWriter } from './trace-writer.js';

/** How many variable names and member names keep their texts; past it, they are made for each line. */
const MAX_CACHED = 4096;
/** How many branches of one action keep their whole exit line. */
const MAX_EXIT_LINES = 8;

const EMPTY = Buffer.alloc(0);
const BRACE = Buffer.from('}');
const BRACES = Buffer.from('}}');
const OUTPUTS = Buffer.from(',"outputs":{');
const SECONDS = Buffer.from(',"seconds":');
const NO_OUTPUTS = Buffer.from(',"outputs":{},"seconds":');
const NO_DATA = Buffer.from(',"outputs":{},"seconds":0}');

/**
 * A trace writer putting each event in `out` as one line. Records hold what
 * the runtime gives: plain objects for props and outputs, with JSON values (or
 * undefined, left out) in them.
 */
export function traceJsonWriter(out: LineBytes): TraceWriter {
  return new JsonLines(out);
}

/** The opening of the lines of one time and contact. */
interface Head {
  readonly time: string;
  readonly contactId: string;
  readonly bytes: Buffer;
}

/**
 * The fixed text that follows the head in one kind of line, and the two
 * joined for the head it came with twice in a row. Lines of one contact in a
 * row copy one piece; lines of contacts taking turns copy two, and nothing is
 * made for each of them.
 */
class Opening {
  body: Buffer;
  /** The head `joined` was made with, and the one the text came with last (when not that one). */
  head: Head | undefined;
  private candidate: Head | undefined;
  private joined = EMPTY;
  /** Whole lines that open with `joined` (exits without data, by branch): [key, line, …]. */
  lines: (string | Buffer)[] = [];

  constructor(text: string) {
    this.body = Buffer.from(text);
  }

  /** Writes the head and the text. */
  write(out: LineBytes, head: Head): void {
    if (this.head !== head) {
      if (this.candidate !== head) {
        this.candidate = head;
        out.bytes(head.bytes);
        return out.bytes(this.body);
      }
      this.head = head;
      this.joined = Buffer.concat([head.bytes, this.body]);
      this.lines = [];
    }
    out.bytes(this.joined);
  }

  /** Another text (the props' plan changed). */
  change(text: string): void {
    this.body = Buffer.from(text);
    this.head = undefined;
  }
}

/**
 * The members of a site's props in order, with the value of those that have
 * not changed so far, and the fixed text around the ones that have.
 */
class PropsPlan {
  readonly keys: string[] = [];
  readonly values: unknown[] = [];
  readonly varying: boolean[] = [];
  /** For a varying member: the fixed text since the one before, ending with its `"name":`. */
  before: Buffer[] = [];
  /** The first varying member (-1 when none) and the fixed text before it, name included (joined to the line's opening). */
  first = -1;
  lead = '';
  /** The fixed text after the last varying member, with the closing braces. */
  tail = EMPTY;

  constructor(props: Record<string, EncodedValue>) {
    for (const k in props) {
      this.keys.push(k);
      this.values.push(props[k]);
      // Objects and arrays may change inside while staying the same object: never fixed.
      const v = props[k];
      this.varying.push(v !== null && typeof v === 'object');
    }
    this.plan();
  }

  /** Computes the fixed texts around the varying members. */
  plan(): void {
    const { keys, values, varying } = this;
    this.before = [];
    this.first = -1;
    let fixed = '';
    let written = false;
    for (let i = 0; i < keys.length; i++) {
      const key = `${written ? ',' : ''}${JSON.stringify(keys[i])}:`;
      if (varying[i]) {
        if (this.first < 0) {
          this.first = i;
          this.lead = fixed + key;
        } else this.before[i] = Buffer.from(fixed + key);
        fixed = '';
        written = true;
      } else {
        // A member left out (undefined) has no text.
        if (values[i] === undefined) continue;
        fixed += key + JSON.stringify(values[i]);
        written = true;
      }
    }
    if (this.first < 0) this.lead = fixed;
    this.tail = Buffer.from(`${this.first < 0 ? '' : fixed}}}`);
  }
}

/** A site's texts (see the top of the file). */
class SiteLines {
  readonly enterText: string;
  /** The enter line's opening with the props' fixed text before their first varying member (all of it when none varies). */
  readonly enter: Opening;
  readonly exit: Opening;
  plan: PropsPlan | undefined;
  /** Lines written with the plan, and times it failed (another member, another order, a member left out); `plain` once it failed too often. */
  hits = 0;
  misses = 0;
  plain = false;

  constructor(readonly site: TraceSite) {
    const fixed = `"script":${JSON.stringify(site.script)},"label":${JSON.stringify(site.label)}`;
    this.enterText = `,"type":"action.enter",${fixed},"actionType":${JSON.stringify(site.actionType)},"caption":${JSON.stringify(site.caption)},"props":{`;
    this.enter = new Opening(this.enterText);
    this.exit = new Opening(`,"type":"action.exit",${fixed},"branch":`);
  }

  /** A new plan (or none): the enter opening takes its lead. */
  usePlan(plan: PropsPlan | undefined): void {
    this.plan = plan;
    this.enter.change(this.enterText + (plan?.lead ?? ''));
  }
}

/** A variable's openings: without `old`, and with `,"old":`. */
interface VarLines {
  readonly open: Opening;
  readonly openOld: Opening;
}

const VALUE = Buffer.from(',"value":');

class JsonLines implements TraceWriter {
  readonly event: (event: TraceEvent) => void;
  private head: Head = { time: '', contactId: '', bytes: EMPTY };
  /** The heads of the current time by contact (contacts taking turns keep theirs). */
  private readonly heads = new Map<string, Head>();
  /** By site id (a site not this one's at its index was another runtime's: it takes the place). */
  private readonly sites: (SiteLines | undefined)[] = [];
  private readonly vars = { local: new Map<string, VarLines>(), global: new Map<string, VarLines>() };
  /** `"name":` and `,"name":` of member names. */
  private readonly keys = new Map<string, [Buffer, Buffer]>();

  constructor(private readonly out: LineBytes) {
    this.event = traceJsonTo(out);
  }

  enter(time: string, contactId: string, site: TraceSite, props: Record<string, EncodedValue>): void {
    const head = this.headOf(time, contactId);
    const lines = this.linesOf(site);
    const { out } = this;
    if (lines.plan !== undefined && this.planned(head, lines, lines.plan, props)) return out.end();
    out.drop();
    if (!lines.plain) {
      if (lines.plan === undefined || !this.changed(lines.plan, props)) {
        // A plan that keeps failing (members that come and go) gives way to the plain walk.
        if (lines.plan !== undefined && givesUp(++lines.misses, lines.hits)) lines.plain = true;
        lines.usePlan(lines.plain ? undefined : new PropsPlan(props));
      } else lines.usePlan(lines.plan);
      if (lines.plan !== undefined && this.planned(head, lines, lines.plan, props)) return out.end();
      out.drop();
    }
    // Props whose members keep changing: walked member by member.
    out.bytes(head.bytes);
    out.text(lines.enterText);
    this.members(props);
    out.bytes(BRACES);
    out.end();
  }

  /** Writes the enter line from the plan; false when the props do not fit it. */
  private planned(head: Head, lines: SiteLines, plan: PropsPlan, props: Record<string, EncodedValue>): boolean {
    const { out } = this;
    const { keys, values, varying, first } = plan;
    const n = keys.length;
    let i = 0;
    for (const k in props) {
      if (i >= n || keys[i] !== k) return false;
      const v = props[k];
      if (!varying[i]) {
        if (v !== values[i]) return false;
      } else {
        if (v === undefined) return false;
        if (i === first) lines.enter.write(out, head);
        else out.bytes(plan.before[i]!);
        this.value(v);
      }
      i++;
    }
    if (i !== n) return false;
    if (first < 0) lines.enter.write(out, head);
    out.bytes(plan.tail);
    lines.hits++;
    return true;
  }

  /**
   * The props have the plan's members in its order, and only fixed values
   * changed: those become varying. False when the members differ, or one is
   * left out (undefined).
   */
  private changed(plan: PropsPlan, props: Record<string, EncodedValue>): boolean {
    const { keys, values, varying } = plan;
    let i = 0;
    for (const k in props) {
      if (i >= keys.length || keys[i] !== k) return false;
      const v = props[k];
      // A varying member left out would move the commas after it.
      if (v === undefined) return false;
      if (!varying[i] && v !== values[i]) varying[i] = true;
      i++;
    }
    if (i !== keys.length) return false;
    plan.plan();
    return true;
  }

  exit(time: string, contactId: string, site: TraceSite, branch: string, outputs: Record<string, EncodedValue>, seconds: number, error: string | undefined, interrupted: string | undefined): void {
    const head = this.headOf(time, contactId);
    const open = this.linesOf(site).exit;
    const { out } = this;
    const none = isEmpty(outputs);
    if (none && seconds === 0 && error === undefined && interrupted === undefined) {
      // Exits without data are whole lines by branch, for the head the opening is joined with.
      if (open.head === head) {
        const kept = open.lines;
        for (let i = 0; i < kept.length; i += 2) if (kept[i] === branch) return this.line(kept[i + 1] as Buffer);
      }
      open.write(out, head);
      out.jsonString(branch);
      out.bytes(NO_DATA);
      // Kept once the opening is joined for this head (write may have joined it now, with no lines yet).
      if (open.head === head && open.lines.length < MAX_EXIT_LINES * 2) open.lines.push(branch, Buffer.from(out.buf.subarray(out.start, out.pos)));
      return out.end();
    }
    open.write(out, head);
    out.jsonString(branch);
    if (none) out.bytes(NO_OUTPUTS);
    else {
      out.bytes(OUTPUTS);
      this.members(outputs);
      out.bytes(BRACE);
      out.bytes(SECONDS);
    }
    out.number(seconds);
    if (error !== undefined) this.member('error', error, false);
    if (interrupted !== undefined) this.member('interrupted', interrupted, false);
    out.bytes(BRACE);
    out.end();
  }

  varSet(time: string, contactId: string, name: string, scope: 'local' | 'global', old: EncodedValue | undefined, value: EncodedValue): void {
    const head = this.headOf(time, contactId);
    const byName = this.vars[scope];
    let lines = byName.get(name);
    if (lines === undefined) {
      const text = `,"type":"var.set","name":${JSON.stringify(name)},"scope":${JSON.stringify(scope)}`;
      lines = { open: new Opening(text), openOld: new Opening(`${text},"old":`) };
      if (byName.size < MAX_CACHED) byName.set(name, lines);
    }
    const { out } = this;
    // `old` is left out when there was none (as JSON.stringify leaves out undefined).
    if (old !== undefined) {
      lines.openOld.write(out, head);
      this.value(old);
    } else lines.open.write(out, head);
    if (value !== undefined) {
      out.bytes(VALUE);
      this.value(value);
    }
    out.bytes(BRACE);
    out.end();
  }

  private headOf(time: string, contactId: string): Head {
    const last = this.head;
    if (last.time === time && last.contactId === contactId) return last;
    if (last.time !== time) this.heads.clear();
    let head = this.heads.get(contactId);
    if (head === undefined) {
      head = { time, contactId, bytes: Buffer.from(`{"time":${JSON.stringify(time)},"contactId":${JSON.stringify(contactId)}`) };
      if (this.heads.size < MAX_CACHED) this.heads.set(contactId, head);
    }
    return (this.head = head);
  }

  private linesOf(site: TraceSite): SiteLines {
    let lines = this.sites[site.id];
    if (lines === undefined || lines.site !== site) this.sites[site.id] = lines = new SiteLines(site);
    return lines;
  }

  private line(bytes: Buffer): void {
    this.out.bytes(bytes);
    this.out.end();
  }

  /** The members of a map, as JSON.stringify writes them (those it leaves out left out). */
  private members(map: Record<string, EncodedValue>): void {
    let first = true;
    for (const k in map) if (this.member(k, map[k], first)) first = false;
  }

  /** Writes `"name":value` (after a comma unless `first`); false for undefined, which JSON.stringify leaves out. */
  private member(name: string, v: EncodedValue | undefined, first: boolean): boolean {
    if (v === undefined) return false;
    this.out.bytes(this.key(name, first));
    this.value(v);
    return true;
  }

  /** Writes a JSON value as JSON.stringify does. */
  private value(v: EncodedValue): void {
    if (v !== null && typeof v === 'object') this.out.text(JSON.stringify(v));
    else this.out.scalar(v);
  }

  private key(name: string, first: boolean): Buffer {
    let texts = this.keys.get(name);
    if (texts === undefined) {
      const quoted = JSON.stringify(name);
      texts = [Buffer.from(`${quoted}:`), Buffer.from(`,${quoted}:`)];
      if (this.keys.size < MAX_CACHED) this.keys.set(name, texts);
    }
    return first ? texts[0] : texts[1];
  }
}

function isEmpty(map: object): boolean {
  for (const _ in map) return false;
  return true;
}
