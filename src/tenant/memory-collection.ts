// A keyed collection of the memory store (CRM records, dialer state…), with
// secondary indexes built on first use and kept up to date by every change:
// SearchForANI finds a customer by normalised phone, a CRM custom search its
// leads by field value, at a cost that does not grow with the collection.
// Records and indexes are copy-on-write maps (cow-map.ts), so a forked store's
// collection shares both with the one it came from.
import type { Collection, RecordIndex } from '../contract/tenant-store.js';
import { CowMap } from './cow-map.js';

type Undo = () => void;

/** A value with its insertion sequence, so a rolled-back delete goes back to its place. */
export interface Ordered<T> {
  seq: number;
  value: T;
}

let sequence = 0;
/** The next insertion sequence number (shared by the memory store's ordered maps). */
export const nextSequence = (): number => ++sequence;

/** Puts a deleted entry back in sequence order (rollbacks only, so sorting what this copy added is fine). */
export function restoreOrdered<V>(map: CowMap<string, Ordered<V>>, key: string, entry: Ordered<V>): void {
  map.restore(key, entry, (e) => e.seq);
}

/** The ids found under one key, with their insertion sequence. */
class Posting {
  constructor(
    readonly ids: CowMap<string, number>,
    /** Largest sequence ever added (an upper bound after removals). */
    public maxSeq: number,
    /** True while the ids are in sequence order (a record joining late with an old sequence breaks it). */
    public sorted: boolean,
  ) {}

  /** A copy this collection may change (the original may be shared with another store). */
  copy(): Posting {
    return new Posting(this.ids.fork(), this.maxSeq, this.sorted);
  }

  add(id: string, seq: number): void {
    this.ids.set(id, seq);
    if (seq < this.maxSeq) this.sorted = false;
    else this.maxSeq = seq;
  }
}

/** One index: key -> posting (the SQLite store's in-memory indexes too: record-mirror.ts). */
export class MemoryIndex<T> {
  constructor(
    readonly spec: RecordIndex<T>,
    private readonly postings: CowMap<string, Posting> = CowMap.empty(),
  ) {}

  fork(): MemoryIndex<T> {
    return new MemoryIndex(this.spec, this.postings.fork());
  }

  /** The posting of `key` this index owns (copied from the shared one first when needed), or undefined. */
  private own(key: string, create: boolean): Posting | undefined {
    let p = this.postings.get(key);
    if (p && !this.postings.owns(key)) {
      p = p.copy();
      this.postings.set(key, p);
    } else if (!p && create) {
      p = new Posting(CowMap.empty(), 0, true);
      this.postings.set(key, p);
    }
    return p;
  }

  add(id: string, entry: Ordered<T>): void {
    for (const key of new Set(this.spec.keys(entry.value))) this.own(key, true)!.add(id, entry.seq);
  }

  remove(id: string, entry: Ordered<T>): void {
    for (const key of new Set(this.spec.keys(entry.value))) {
      const p = this.own(key, false);
      if (!p) continue;
      p.ids.delete(id);
      if (p.ids.size === 0) this.postings.delete(key);
    }
  }

  /** The ids of `key` in sequence order (a posting found out of order is sorted once, then kept sorted). */
  ids(key: string): Iterable<string> {
    let p = this.postings.get(key);
    if (!p) return [];
    if (!p.sorted) {
      const ordered = [...p.ids].sort(([, a], [, b]) => a - b);
      p = new Posting(CowMap.empty(), ordered.length ? ordered[ordered.length - 1]![1] : 0, true);
      for (const [id, seq] of ordered) p.ids.set(id, seq);
      this.postings.set(key, p);
    }
    return p.ids.keys();
  }
}

export class MemoryCollection<T> implements Collection<T> {
  private readonly indexes = new Map<string, MemoryIndex<T>>();
  /** Writes and undone writes so far (MemoryTenantStore.collectionChanges). */
  private writes = 0;

  constructor(
    private readonly onUndo: (fn: Undo) => void,
    private readonly map: CowMap<string, Ordered<T>> = CowMap.empty(),
    /** The collection this one was forked from: it builds indexes both can share. */
    private readonly origin?: MemoryCollection<T>,
  ) {}

  /** A copy sharing this collection's records and indexes (see MemoryTenantStore.fork). */
  fork(onUndo: (fn: Undo) => void): MemoryCollection<T> {
    const copy = new MemoryCollection(onUndo, this.map.fork(), this);
    for (const [name, index] of this.indexes) copy.indexes.set(name, index.fork());
    return copy;
  }

  private indexed(entry: Ordered<T> | undefined, id: string, change: 'add' | 'remove'): void {
    if (!entry) return;
    for (const index of this.indexes.values()) index[change](id, entry);
  }

  /** How many times this collection was written or had a write undone. */
  changes(): number {
    return this.writes;
  }

  private write(id: string, entry: Ordered<T> | undefined, old: Ordered<T> | undefined): void {
    this.writes++;
    this.indexed(old, id, 'remove');
    if (entry) this.map.set(id, entry);
    else this.map.delete(id);
    this.indexed(entry, id, 'add');
  }

  get(id: string): T | undefined {
    return this.map.get(id)?.value;
  }
  put(id: string, rec: T): void {
    const old = this.map.get(id);
    const entry = { seq: old?.seq ?? nextSequence(), value: rec };
    this.onUndo(() => this.write(id, old, entry));
    this.write(id, entry, old);
  }
  delete(id: string): boolean {
    const old = this.map.get(id);
    if (!old) return false;
    this.writes++;
    this.onUndo(() => {
      this.writes++;
      restoreOrdered(this.map, id, old);
      this.indexed(old, id, 'add');
    });
    this.indexed(old, id, 'remove');
    return this.map.delete(id);
  }
  all(): T[] {
    return [...this.map.values()].map((e) => e.value);
  }
  find(pred: (rec: T, id: string) => boolean, limit = Infinity): T[] {
    const out: T[] = [];
    if (limit <= 0) return out;
    for (const [id, { value }] of this.map) if (pred(value, id) && out.push(value) >= limit) break;
    return out;
  }
  findBy(spec: RecordIndex<T>, key: string, opts: { limit?: number; filter?: (rec: T, id: string) => boolean } = {}): T[] {
    const limit = opts.limit ?? Infinity;
    const out: T[] = [];
    if (limit <= 0) return out;
    for (const id of this.index(spec).ids(key)) {
      const rec = this.map.get(id)!.value;
      if (opts.filter && !opts.filter(rec, id)) continue;
      if (out.push(rec) >= limit) break;
    }
    return out;
  }
  count(): number {
    return this.map.size;
  }
  entries(): [string, T][] {
    return [...this.map.entries()].map(([id, e]) => [id, e.value]);
  }
  clear(): void {
    const snapshot = [...this.map.entries()];
    const built = [...this.indexes.values()].map((i) => i.spec);
    this.writes++;
    this.onUndo(() => {
      this.writes++;
      this.map.clear();
      for (const [k, v] of snapshot) this.map.set(k, v);
      this.indexes.clear();
      for (const spec of built) this.index(spec);
    });
    this.map.clear();
    // Built again on the next look-up.
    this.indexes.clear();
  }

  /**
   * The index of `spec`, built on first use. A fork asks the collection it
   * came from to build it over the records they share (so a session's cases
   * build an index once, not once each), then applies its own changes.
   */
  private index(spec: RecordIndex<T>): MemoryIndex<T> {
    let index = this.indexes.get(spec.name);
    if (index) return index;
    const shared = this.origin?.sharedIndex(spec, this.map);
    if (shared) {
      index = shared.fork();
      for (const [id, now, before] of this.map.changes()) {
        if (before) index.remove(id, before);
        if (now) index.add(id, now);
      }
    } else {
      index = new MemoryIndex(spec);
      for (const [id, entry] of this.map) index.add(id, entry);
    }
    this.indexes.set(spec.name, index);
    return index;
  }

  /** This collection's index, when its records are exactly those the fork's `map` sits on (nothing written here since). */
  private sharedIndex(spec: RecordIndex<T>, map: CowMap<string, Ordered<T>>): MemoryIndex<T> | undefined {
    return this.map.isClean() && this.map.sharesBaseWith(map) ? this.index(spec) : undefined;
  }
}
