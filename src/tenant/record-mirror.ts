// What a SQLite collection keeps in memory once it needs an index the state
// file does not keep (RecordIndex.inMemory): every record, read and parsed to
// build that index anyway, and the indexes themselves, kept up to date by the
// collection's own writes. A custom search then reads its leads, and the
// custom update that follows reads them again, without a statement or a JSON
// parse each. The file stays the truth: the collection forgets its mirror
// whenever the file changed in a way its writes did not see (sqlite-collection.ts).
import type { RecordIndex } from '../contract/tenant-store.js';
import { KeyIndex } from './key-index.js';
import type { Ordered } from './memory-collection.js';

export class RecordMirror<T> {
  private readonly records = new Map<string, Ordered<T>>();
  private readonly indexes = new Map<string, { spec: RecordIndex<T>; index: KeyIndex }>();

  /** `rows`: the whole collection, as the state file holds it. */
  constructor(rows: Iterable<{ id: string; seq: number; data: string }>) {
    for (const row of rows) this.records.set(row.id, { seq: row.seq, value: JSON.parse(row.data) as T });
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  get(id: string): T | undefined {
    return this.records.get(id)?.value;
  }

  /** Creates or replaces a record: a new one takes `place` in insertion order, a replaced one keeps its own. */
  put(id: string, place: number, rec: T): void {
    const seq = this.records.get(id)?.seq ?? place;
    this.records.set(id, { seq, value: rec });
    for (const { spec, index } of this.indexes.values()) index.put(id, seq, spec.keys(rec));
  }

  delete(id: string): void {
    this.records.delete(id);
    for (const { index } of this.indexes.values()) index.delete(id);
  }

  /** The records under `key`, in insertion order, built from the records the first time the index is asked for. */
  *find(spec: RecordIndex<T>, key: string): Iterable<[string, T]> {
    let kept = this.indexes.get(spec.name);
    if (!kept) {
      const index = new KeyIndex();
      for (const [id, { seq, value }] of this.records) index.put(id, seq, spec.keys(value));
      this.indexes.set(spec.name, (kept = { spec, index }));
    }
    for (const id of kept.index.ids(key)) yield [id, this.records.get(id)!.value];
  }
}
