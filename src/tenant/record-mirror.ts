// What a SQLite collection keeps in memory once it needs an index the state
// file does not keep (RecordIndex.inMemory): every record, read and parsed to
// build that index anyway, and the indexes themselves, kept up to date by the
// collection's own writes. A custom search then reads its leads, and the
// custom update that follows reads them again, without a statement or a JSON
// parse each. The file stays the truth: the collection forgets its mirror
// whenever the file changed in a way its writes did not see (sqlite-collection.ts).
import type { RecordIndex } from '../contract/tenant-store.js';
import { MemoryIndex, type Ordered } from './memory-collection.js';

export class RecordMirror<T> {
  private readonly records = new Map<string, Ordered<T>>();
  private readonly indexes = new Map<string, MemoryIndex<T>>();

  /** `rows`: the whole collection, as the state file holds it. */
  constructor(rows: Iterable<{ id: string; seq: number; data: string }>) {
    for (const row of rows) this.records.set(row.id, { seq: row.seq, value: JSON.parse(row.data) as T });
  }

  get(id: string): T | undefined {
    return this.records.get(id)?.value;
  }

  /**
   * Creates or replaces a record: a new one takes `place` in insertion order,
   * a replaced one keeps its own. True when it replaced one.
   */
  put(id: string, place: number, rec: T): boolean {
    const old = this.records.get(id);
    const entry = { seq: old?.seq ?? place, value: rec };
    this.records.set(id, entry);
    for (const index of this.indexes.values()) {
      if (old) index.remove(id, old);
      index.add(id, entry);
    }
    return old !== undefined;
  }

  delete(id: string): void {
    const old = this.records.get(id);
    if (!old) return;
    this.records.delete(id);
    for (const index of this.indexes.values()) index.remove(id, old);
  }

  /** The records under `key`, in insertion order, built from the records the first time the index is asked for. */
  *find(spec: RecordIndex<T>, key: string): Iterable<[string, T]> {
    let index = this.indexes.get(spec.name);
    if (!index) {
      index = new MemoryIndex(spec);
      for (const [id, entry] of this.records) index.add(id, entry);
      this.indexes.set(spec.name, index);
    }
    for (const id of index.ids(key)) yield [id, this.records.get(id)!.value];
  }
}
