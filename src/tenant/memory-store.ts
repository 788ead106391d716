// The in-memory tenant store (the default). Transactions are real: every
// change inside `transaction(fn)` records how to undo itself, and a throw rolls
// the whole transaction back, so an action that fails half-way leaves no trace
// here either (the same guarantee the SQLite store gives). `fork()` gives a
// copy that shares every record until one side writes (copy-on-write maps,
// cow-map.ts): a test session loads a tenant once and runs each case on a copy.
import type {
  AgentRecord,
  BulkLoad,
  Collection,
  ProspectQuery,
  ProspectRecord,
  SkillRecord,
  SourceRecord,
  TenantStore,
} from '../contract/tenant-store.js';
import { CowMap } from './cow-map.js';
import { MemoryCollection, nextSequence, restoreOrdered, type Ordered } from './memory-collection.js';
import { digitsOf, samePhoneNumber } from './phones.js';
import { decodeProspect } from './encoded-prospect.js';

type Undo = () => void;

/** What the undo log needs of a map (Map and CowMap both have it). */
interface KeyedMap<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
}

/** Marks "the key was not there" in the undo log. */
const ABSENT = Symbol('absent');

/** Undoes, newest first, every change logged after `mark`, and forgets them. */
function rollback(log: unknown[], mark = 0): void {
  for (let i = log.length - 3; i >= mark; i -= 3) {
    const target = log[i];
    if (typeof target === 'function') (target as (arg: unknown) => void)(log[i + 1]);
    else {
      const map = target as KeyedMap<unknown, unknown>;
      const old = log[i + 2];
      if (old === ABSENT) map.delete(log[i + 1]);
      else map.set(log[i + 1], old);
    }
  }
  log.length = mark;
}

/** Queue of one skill: external id -> when it was queued, in queue order. */
type Queue = CowMap<string, Ordered<number>>;
/** Calling list of one skill: external id -> prospect, in creation order. */
type List = CowMap<string, ProspectRecord>;


export class MemoryTenantStore implements TenantStore {
  readonly kind = 'memory' as const;
  private skillMap = new Map<number, SkillRecord>();
  private agentMap = new Map<number, AgentRecord>();
  private sourceMap = new Map<string, SourceRecord>();
  /** Calling lists: skill -> external id -> prospect (nested maps: no key string per record). */
  private lists = new Map<number, List>();
  private queues = new Map<number, Queue>();
  /**
   * Prospects created since their skill's queue was last read or otherwise
   * written, in creation order: their queue places, entered into the queue
   * map when it is next used (settleFresh). A batch of creations then costs one
   * map entry per prospect, not two; every queue entry already in the map is
   * older than these, so settling appends them in queue order.
   */
  private fresh = new Map<number, ProspectRecord[]>();
  private collections = new Map<string, MemoryCollection<unknown>>();
  private nextSourceId = 1;
  /** listChanges(): calling-list writes through this object (a rolled-back one counts too: readers only look again). */
  private listWrites = 0;
  /**
   * Undo entries, flat to keep a 100,000-record batch cheap: triples of
   * (map, key, previous value or ABSENT), or (function, argument, null).
   */
  private undoLog: unknown[] | null = null;
  /** Where the innermost open transaction's entries start in the undo log (a run of creations never reaches below it). */
  private savepoint = 0;
  /** Undoes the creation of a prospect (one undo entry for its list and queue places). */
  private readonly uncreate = (p: ProspectRecord): void => {
    this.lists.get(p.skillNo)?.delete(p.externalId);
    // Undone newest first: a prospect not yet settled is the last of its skill's fresh ones.
    const fresh = this.fresh.get(p.skillNo);
    if (fresh && fresh.length > 0 && fresh[fresh.length - 1] === p) fresh.pop();
    else this.queues.get(p.skillNo)?.delete(p.externalId);
  };
  /** Undoes a run of consecutive creations, newest first (one undo entry for a whole batch). */
  private readonly uncreateRun = (run: ProspectRecord[]): void => {
    for (let i = run.length - 1; i >= 0; i--) this.uncreate(run[i]!);
  };

  constructor(
    readonly timeZone: string = 'UTC',
    readonly businessUnit: number | null = null,
  ) {}

  transaction<T>(fn: () => T): T {
    // Nested transactions are savepoints: a throw undoes this one's changes, the outer one goes on.
    const outer = this.undoLog;
    const log = outer ?? [];
    const mark = log.length;
    const outerSavepoint = this.savepoint;
    this.undoLog = log;
    this.savepoint = mark;
    try {
      const result = fn();
      return result;
    } catch (err) {
      rollback(log, mark);
      throw err;
    } finally {
      this.undoLog = outer;
      this.savepoint = outerSavepoint;
    }
  }

  /** Nothing waits for a commit in memory: one transaction. */
  background<T>(fn: () => T): T {
    return this.transaction(fn);
  }
  settle(): void {}
  beforeCommit(_key: string, write: () => void): void {
    write();
  }

  bulkLoad(): BulkLoad {
    if (this.undoLog) throw new Error('a bulk load cannot start inside a transaction');
    const log: unknown[] = [];
    this.undoLog = log;
    this.savepoint = 0;
    let open = true;
    const end = (): void => {
      if (!open) throw new Error('this bulk load has already ended');
      open = false;
      this.undoLog = null;
    };
    return {
      upsertProspect: (p) => this.upsertProspect(p),
      upsertEncoded: (p) => this.upsertProspect(decodeProspect(p)),
      put: (name, id, rec) => this.collection(name).put(id, rec),
      commit: end,
      abort: () => {
        if (!open) return;
        rollback(log);
        end();
      },
    };
  }

  close(): void {}

  /**
   * A copy of this store that shares its records until either writes: what
   * the copy changes never reaches this store, nor the other way round. Its
   * cost depends on the number of skills and collections, not of records.
   * Records are shared, so they must stay immutable (the store replaces
   * records, it never changes one in place).
   */
  fork(): MemoryTenantStore {
    if (this.undoLog) throw new Error('a store cannot be copied inside a transaction or bulk load');
    for (const skillNo of this.fresh.keys()) this.settleFresh(skillNo);
    const copy = new MemoryTenantStore(this.timeZone, this.businessUnit);
    copy.skillMap = new Map(this.skillMap);
    copy.agentMap = new Map(this.agentMap);
    copy.sourceMap = new Map(this.sourceMap);
    copy.nextSourceId = this.nextSourceId;
    for (const [skillNo, list] of this.lists) copy.lists.set(skillNo, list.fork());
    for (const [skillNo, queue] of this.queues) copy.queues.set(skillNo, queue.fork());
    for (const [name, c] of this.collections) copy.collections.set(name, c.fork((fn) => copy.undo(fn)));
    return copy;
  }

  /** Records how to undo a change when inside a transaction. */
  private undo(fn: Undo): void {
    this.undoLog?.push(fn, null, null);
  }

  private setIn<K, V>(map: KeyedMap<K, V>, key: K, value: V): void {
    if (this.undoLog) this.undoLog.push(map, key, map.has(key) ? map.get(key) : ABSENT);
    map.set(key, value);
  }

  private deleteIn<K, V>(map: KeyedMap<K, V>, key: K): boolean {
    if (!map.has(key)) return false;
    if (this.undoLog) this.undoLog.push(map, key, map.get(key));
    return map.delete(key);
  }

  /** Deletes from an ordered map; a rollback puts the entry back in its place. */
  private deleteOrdered<V>(map: CowMap<string, Ordered<V>>, key: string): boolean {
    const old = map.get(key);
    if (!old) return false;
    this.undo(() => restoreOrdered(map, key, old));
    return map.delete(key);
  }

  skill(id: number): SkillRecord | undefined {
    return this.skillMap.get(id);
  }
  skills(): SkillRecord[] {
    return [...this.skillMap.values()];
  }
  putSkill(skill: SkillRecord): void {
    this.setIn(this.skillMap, skill.id, { ...skill });
  }
  agents(): AgentRecord[] {
    return [...this.agentMap.values()];
  }
  putAgent(agent: AgentRecord): void {
    this.setIn(this.agentMap, agent.id, { ...agent });
  }

  source(name: string): SourceRecord | undefined {
    return this.sourceMap.get(name.toLowerCase());
  }
  sources(): SourceRecord[] {
    return [...this.sourceMap.values()];
  }
  putSource(source: SourceRecord): number {
    const existing = this.sourceMap.get(source.name.toLowerCase());
    const id = source.id || existing?.id || this.nextSourceId;
    if (id >= this.nextSourceId) {
      const before = this.nextSourceId;
      this.undo(() => (this.nextSourceId = before));
      this.nextSourceId = id + 1;
    }
    this.setIn(this.sourceMap, source.name.toLowerCase(), { ...source, id });
    return id;
  }

  prospect(skillNo: number, externalId: string): ProspectRecord | undefined {
    return this.lists.get(skillNo)?.get(externalId);
  }

  upsertProspect(p: ProspectRecord): 'Created' | 'Updated' {
    this.listWrites++;
    const k = p.externalId;
    const list = this.listOf(p.skillNo);
    const old = list.get(k);
    if (old) {
      const merged: ProspectRecord = { ...p, createdAtMs: old.createdAtMs, status: 'queued', dialedAtMs: null };
      this.setIn(list, k, merged);
      const queue = this.queueOf(p.skillNo);
      if (!queue.has(p.externalId)) this.setIn(queue, p.externalId, { seq: nextSequence(), value: p.updatedAtMs });
      return 'Updated';
    }
    // The store keeps the caller's record when it is already in queued form (no copy per row of a big batch).
    const created = p.status === 'queued' && p.dialedAtMs === null ? p : { ...p, status: 'queued' as const, dialedAtMs: null };
    list.set(k, created);
    this.freshOf(p.skillNo).push(created);
    const log = this.undoLog;
    if (log) {
      const last = log.length - 3;
      if (last >= this.savepoint && log[last] === this.uncreateRun) (log[last + 1] as ProspectRecord[]).push(created);
      else log.push(this.uncreateRun, [created], null);
    }
    return 'Created';
  }

  removeProspect(sourceName: string, externalId: string): boolean {
    let removed = false;
    const source = sourceName.toLowerCase();
    for (const [skillNo, list] of this.lists) {
      const p = list.get(externalId);
      if (!p || p.sourceName.toLowerCase() !== source) continue;
      this.deleteIn(list, externalId);
      this.deleteOrdered(this.queueOf(skillNo), externalId);
      removed = true;
    }
    if (removed) this.listWrites++;
    return removed;
  }

  findProspects(q: ProspectQuery): ProspectRecord[] {
    const source = q.sourceName.toLowerCase();
    const inSource = (p: ProspectRecord) => p.sourceName.toLowerCase() === source;
    if ('externalId' in q) {
      const out: ProspectRecord[] = [];
      for (const list of this.lists.values()) {
        const p = list.get(q.externalId);
        if (p && inSource(p)) out.push(p);
      }
      return out.sort((a, b) => a.skillNo - b.skillNo); // skill order, as the SQLite store answers
    }
    if ('phone' in q) {
      const wanted = digitsOf(q.phone);
      return this.prospects().filter((p) => inSource(p) && p.destinations.some((d) => samePhoneNumber(d, wanted)));
    }
    const first = q.firstName.toLowerCase();
    const last = q.lastName.toLowerCase();
    return this.prospects().filter(
      (p) => inSource(p) && (p.firstName ?? '').toLowerCase() === first && (p.lastName ?? '').toLowerCase() === last,
    );
  }

  prospects(skillNo?: number): ProspectRecord[] {
    if (skillNo !== undefined) return [...(this.lists.get(skillNo)?.values() ?? [])];
    const all: ProspectRecord[] = [];
    for (const list of this.lists.values()) for (const p of list.values()) all.push(p);
    return all;
  }

  prospectCount(skillNo?: number): number {
    if (skillNo !== undefined) return this.lists.get(skillNo)?.size ?? 0;
    let n = 0;
    for (const list of this.lists.values()) n += list.size;
    return n;
  }

  listChanges(): number {
    return this.listWrites;
  }

  queueDepth(skillNo: number): number {
    return this.queueIfAny(skillNo)?.size ?? 0;
  }

  hasQueued(skillNo: number): boolean {
    return this.queueDepth(skillNo) > 0;
  }

  oldestQueuedMs(skillNo: number): number | null {
    // Queue order is queueing order and the virtual clock never goes back, so the first entry is the oldest.
    return this.queueIfAny(skillNo)?.first()?.value ?? null;
  }

  dialNext(skillNo: number, max: number, nowMs: number): ProspectRecord[] {
    const queue = this.queueIfAny(skillNo);
    const list = this.lists.get(skillNo);
    const dialed: ProspectRecord[] = [];
    if (!queue || !list) return dialed;
    const taken: string[] = [];
    for (const externalId of queue.keys()) {
      if (dialed.length >= max) break;
      taken.push(externalId);
      const p = list.get(externalId)!;
      const expired = p.expiresAtMs !== null && p.expiresAtMs <= nowMs;
      const next: ProspectRecord = expired ? { ...p, status: 'expired' } : { ...p, status: 'dialed', dialedAtMs: nowMs };
      this.setIn(list, externalId, next);
      if (!expired) dialed.push(next);
    }
    for (const externalId of taken) this.deleteOrdered(queue, externalId);
    return dialed;
  }

  dial(skillNo: number, max: number, nowMs: number): number {
    return this.dialNext(skillNo, max, nowMs).length;
  }

  dialProspect(skillNo: number, externalId: string, nowMs: number): ProspectRecord | null {
    const list = this.lists.get(skillNo);
    const p = list?.get(externalId);
    if (!list || !p || p.status !== 'queued') return null;
    const expired = p.expiresAtMs !== null && p.expiresAtMs <= nowMs;
    const next: ProspectRecord = expired ? { ...p, status: 'expired' } : { ...p, status: 'dialed', dialedAtMs: nowMs };
    this.setIn(list, externalId, next);
    this.deleteOrdered(this.queueOf(skillNo), externalId);
    return expired ? null : next;
  }

  queueAt(skillNo: number, nowMs: number): { depth: number; oldestMs: number | null } {
    this.expireDue(skillNo, nowMs);
    return { depth: this.queueDepth(skillNo), oldestMs: this.oldestQueuedMs(skillNo) };
  }

  expireDue(skillNo: number, nowMs: number): number {
    const queue = this.queueIfAny(skillNo);
    const list = this.lists.get(skillNo);
    if (!queue || !list) return 0;
    const due: string[] = [];
    for (const externalId of queue.keys()) {
      const p = list.get(externalId)!;
      if (p.expiresAtMs !== null && p.expiresAtMs <= nowMs) due.push(externalId);
    }
    for (const externalId of due) {
      this.setIn(list, externalId, { ...list.get(externalId)!, status: 'expired' });
      this.deleteOrdered(queue, externalId);
    }
    return due.length;
  }

  collectionChanges(name: string): number {
    return this.collections.get(name)?.changes() ?? 0;
  }

  collection<T>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection<unknown>((fn) => this.undo(fn));
      this.collections.set(name, c);
    }
    return c as Collection<T>;
  }

  collectionNames(): string[] {
    return [...this.collections].filter(([, c]) => c.count() > 0).map(([name]) => name).sort();
  }

  private listOf(skillNo: number): List {
    let l = this.lists.get(skillNo);
    if (!l) {
      l = CowMap.empty();
      this.lists.set(skillNo, l);
    }
    return l;
  }

  /** The skill's queue with its fresh prospects settled; undefined when it never had one. */
  private queueIfAny(skillNo: number): Queue | undefined {
    this.settleFresh(skillNo);
    return this.queues.get(skillNo);
  }

  private queueOf(skillNo: number): Queue {
    this.settleFresh(skillNo);
    let q = this.queues.get(skillNo);
    if (!q) {
      q = CowMap.empty();
      this.queues.set(skillNo, q);
    }
    return q;
  }

  private freshOf(skillNo: number): ProspectRecord[] {
    let f = this.fresh.get(skillNo);
    if (!f) {
      f = [];
      this.fresh.set(skillNo, f);
    }
    return f;
  }

  /**
   * Enters the skill's fresh prospects into its queue map, in creation order.
   * Nothing to undo: the queue holds the same entries before and after, and
   * a rollback of their creation finds them in the map.
   */
  private settleFresh(skillNo: number): void {
    const fresh = this.fresh.get(skillNo);
    if (!fresh || fresh.length === 0) return;
    let q = this.queues.get(skillNo);
    if (!q) {
      q = CowMap.empty();
      this.queues.set(skillNo, q);
    }
    for (const p of fresh) q.set(p.externalId, { seq: nextSequence(), value: p.updatedAtMs });
    fresh.length = 0;
  }
}
