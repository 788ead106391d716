// A collection's secondary index held in memory: the ids of the records found
// under each key, in insertion order (by sequence). The SQLite store keeps
// here, with the records (record-mirror.ts), the indexes its state file does
// not (RecordIndex.inMemory). Each record's keys are remembered, so a change
// removes the old ones without computing them again from the old record.

interface Posting {
  /** id -> sequence, in the order added. */
  ids: Map<string, number>;
  /** The largest sequence added (an upper bound after removals). */
  maxSeq: number;
  /** True while `ids` is in sequence order (an older record joining breaks it). */
  sorted: boolean;
}

export class KeyIndex {
  /** The keys of every record indexed (none for a record without any). */
  private readonly keysOf = new Map<string, readonly string[]>();
  private readonly postings = new Map<string, Posting>();

  /** Creates or replaces a record, at `seq` in insertion order. */
  put(id: string, seq: number, keys: readonly string[]): void {
    const old = this.keysOf.get(id);
    if (old) this.unlist(id, old);
    const unique = keys.length > 1 ? [...new Set(keys)] : keys;
    this.keysOf.set(id, unique);
    for (const key of unique) {
      let p = this.postings.get(key);
      if (!p) this.postings.set(key, (p = { ids: new Map(), maxSeq: seq, sorted: true }));
      p.ids.set(id, seq);
      if (seq < p.maxSeq) p.sorted = false;
      else p.maxSeq = seq;
    }
  }

  delete(id: string): void {
    const old = this.keysOf.get(id);
    if (!old) return;
    this.keysOf.delete(id);
    this.unlist(id, old);
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
