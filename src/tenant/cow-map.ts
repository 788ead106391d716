// A keyed map that can sit on a frozen base map and copies nothing until it is
// written: the memory store's calling lists, queues, collections and indexes,
// so a test session opens a large tenant once and gives every case its own
// copy at a cost that does not depend on the tenant's size. Order is a Map's:
// insertion order, a changed key keeps its place, a deleted and re-added key
// goes to the end.

/** A map no one writes any more, shared by every copy made from it. */
class FrozenLayer<K, V> {
  private keyList: K[] | undefined;
  constructor(readonly map: Map<K, V>) {}
  /** The keys in order, listed once (so iteration can start past a deleted prefix). */
  keys(): K[] {
    return (this.keyList ??= [...this.map.keys()]);
  }
}

export class CowMap<K, V> implements Iterable<[K, V]> {
  /** Entries that are not the base's: keys new to this copy (or re-added after a delete), in insertion order. */
  private added = new Map<K, V>();
  /** Base keys given another value, in place. */
  private changed: Map<K, V> | null = null;
  /** Base keys deleted. */
  private hidden: Set<K> | null = null;
  /** How many leading base keys are known to be hidden (a queue is dialed from its front). */
  private skip = 0;

  private constructor(private base: FrozenLayer<K, V> | null) {}

  static empty<K, V>(): CowMap<K, V> {
    return new CowMap<K, V>(null);
  }

  /**
   * A copy that shares this map's entries: what either side writes afterwards
   * stays its own. The entries are frozen into a layer both sit on; forking
   * again without writes in between shares the same layer.
   */
  fork(): CowMap<K, V> {
    if (this.base === null) this.base = new FrozenLayer(this.added);
    else if (this.added.size > 0 || this.changed !== null || this.hidden !== null) this.base = new FrozenLayer(new Map(this));
    else return new CowMap(this.base);
    this.added = new Map();
    this.changed = null;
    this.hidden = null;
    this.skip = 0;
    return new CowMap(this.base);
  }

  /** True when this map has no entries of its own on top of its base (nothing written since it was forked). */
  isClean(): boolean {
    return this.base !== null && this.added.size === 0 && this.changed === null && this.hidden === null;
  }

  /** True when both maps sit on the same frozen entries. */
  sharesBaseWith(other: CowMap<K, V>): boolean {
    return this.base !== null && this.base === other.base;
  }

  /** True when the key's entry is this map's own (written here), not its base's. */
  owns(key: K): boolean {
    return this.base === null || this.added.has(key) || this.changed?.has(key) === true;
  }

  /**
   * What this map changed on top of its base: each key written or deleted
   * here, its value now (undefined: deleted) and its base value (undefined:
   * not in the base).
   */
  *changes(): IterableIterator<[K, V | undefined, V | undefined]> {
    if (this.base === null) return;
    const base = this.base.map;
    for (const key of this.hidden ?? []) if (!this.added.has(key)) yield [key, undefined, base.get(key)];
    for (const [key, value] of this.changed ?? []) yield [key, value, base.get(key)];
    for (const [key, value] of this.added) yield [key, value, this.hidden?.has(key) ? base.get(key) : undefined];
  }

  get size(): number {
    return this.base === null ? this.added.size : this.base.map.size - (this.hidden?.size ?? 0) + this.added.size;
  }

  get(key: K): V | undefined {
    if (this.base === null) return this.added.get(key);
    const own = this.added.get(key);
    if (own !== undefined || this.added.has(key)) return own;
    if (this.hidden?.has(key)) return undefined;
    if (this.changed?.has(key)) return this.changed.get(key);
    return this.base.map.get(key);
  }

  has(key: K): boolean {
    if (this.added.has(key)) return true;
    return this.base !== null && !this.hidden?.has(key) && this.base.map.has(key);
  }

  private inBase(key: K): boolean {
    return this.base !== null && this.base.map.has(key) && !this.hidden?.has(key);
  }

  set(key: K, value: V): this {
    if (this.base === null || this.added.has(key)) this.added.set(key, value);
    else if (this.inBase(key)) (this.changed ??= new Map()).set(key, value);
    else this.added.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (this.added.delete(key)) return true;
    if (!this.inBase(key)) return false;
    (this.hidden ??= new Set()).add(key);
    this.changed?.delete(key);
    return true;
  }

  clear(): void {
    if (this.base !== null) for (const key of this.base.keys()) if (!this.hidden?.has(key)) (this.hidden ??= new Set()).add(key);
    this.added.clear();
    this.changed = null;
  }

  /**
   * Puts back an entry deleted earlier (a rolled-back delete), in its old
   * place when it was a base entry (the same value, or the same `order`);
   * otherwise at the end, and then the added entries are re-ordered by
   * `order` (lower first) when given.
   */
  restore(key: K, value: V, order?: (v: V) => number): void {
    if (this.base !== null && this.hidden?.has(key) && !this.added.has(key)) {
      // The base's entry goes back to its place; an entry this map had added since (same key, later place) does not.
      const baseValue = this.base.map.get(key)!;
      if (order ? order(baseValue) === order(value) : baseValue === value) {
        this.hidden.delete(key);
        this.skip = 0;
        if (baseValue !== value) (this.changed ??= new Map()).set(key, value);
        return;
      }
    }
    this.added.set(key, value);
    if (order) {
      const sorted = [...this.added].sort(([, a], [, b]) => order(a) - order(b));
      this.added = new Map(sorted);
    }
  }

  entries(): IterableIterator<[K, V]> {
    return this.base === null ? this.added.entries() : this.layered();
  }

  private *layered(): IterableIterator<[K, V]> {
    const base = this.base!;
    const keys = base.keys();
    const hidden = this.hidden;
    if (hidden) while (this.skip < keys.length && hidden.has(keys[this.skip]!)) this.skip++;
    for (let i = this.skip; i < keys.length; i++) {
      const key = keys[i]!;
      if (hidden?.has(key)) continue;
      yield [key, this.changed?.has(key) ? this.changed.get(key)! : base.map.get(key)!];
    }
    yield* this.added;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  keys(): IterableIterator<K> {
    return this.base === null ? this.added.keys() : mapIterator(this.layered(), ([key]) => key);
  }

  values(): IterableIterator<V> {
    return this.base === null ? this.added.values() : mapIterator(this.layered(), ([, value]) => value);
  }

  /** The first value in order, or undefined. */
  first(): V | undefined {
    const next = this.values().next();
    return next.done ? undefined : next.value;
  }
}

function* mapIterator<A, B>(it: Iterable<A>, fn: (a: A) => B): IterableIterator<B> {
  for (const a of it) yield fn(a);
}
