// A collection's secondary index held in memory: the ids of the records found
// under each key, in insertion order (by sequence). The SQLite store keeps
// here the indexes its state file does not (RecordIndex.inMemory): a CRM
// field index whose key changes at nearly every write (a lead's status), where
// keeping it in the file moved an index row at every update. Each record's
// keys are remembered, so a change removes the old ones without reading the
// record it replaces.

interface Posting {
  /** id -> sequence, in the order added. */
  ids: Map<string, number>;
  /** The largest sequence added (an upper bound after removals). */
  maxSeq: number;
  /** True while `ids` is in sequence order (an older record joining breaks it). */
  sorted: boolean;
}

export class KeyIndex {
  /** Every record of the collection (keys or none) with its sequence. */
  private readonly records = new Map<string, { seq: number; keys: readonly string[] }>();
  private readonly postings = new Map<string, Posting>();

  /** Creates or replaces a record; a new one takes `seq`, a replaced one keeps its own. */
  put(id: string, seq: number, keys: readonly string[]): void {
    const old = this.records.get(id);
    if (old) {
      this.unlist(id, old.keys);
      seq = old.seq;
    }
    const unique = keys.length > 1 ? [...new Set(keys)] : keys;
    this.records.set(id, { seq, keys: unique });
    for (const key of unique) {
      let p = this.postings.get(key);
      if (!p) this.postings.set(key, (p = { ids: new Map(), maxSeq: seq, sorted: true }));
      p.ids.set(id, seq);
      if (seq < p.maxSeq) p.sorted = false;
      else p.maxSeq = seq;
    }
  }

  delete(id: string): void {
    const old = this.records.get(id);
    if (!old) return;
    this.records.delete(id);
    this.unlist(id, old.keys);
  }

  /** The ids under `key` in sequence order (a posting found out of order is sorted once). */
  ids(key: string): Iterable<string> {
    const p = this.postings.get(key);
    if (!p) return [];
    if (!p.sorted) {
      p.ids = new Map([...p.ids].sort(([, a], [, b]) => a - b));
      p.sorted = true;
    }
    return p.ids.keys();
  }

  private unlist(id: string, keys: readonly string[]): void {
    for (const key of keys) {
      const p = this.postings.get(key);
      if (!p) continue;
      p.ids.delete(id);
      if (p.ids.size === 0) this.postings.delete(key);
    }
  }
}
