// The tenant store interface: every read and change an action makes to the
// emulated business unit goes through it. Implementations (src/tenant/): in
// memory (default, memory-store.ts) and SQLite (`--state file.db`, sqlite-store.ts). Bulk rows
// (prospects, CRM records) live here, never in run state. Other domains keep
// their records in generic keyed collections (`collection(name)`) so they need
// no change to this file.

export type SkillMedia = 'Phone' | 'Digital' | 'Email' | 'Chat' | 'WorkItem' | 'Voicemail' | 'SMS';
export type SkillDirection = 'Inbound' | 'Outbound';

export interface SkillRecord {
  id: number;
  name: string;
  media: SkillMedia;
  direction: SkillDirection;
  /** A Proactive XS / Personal Connection skill: the target of CREATEPROSPECTS. */
  personalConnection: boolean;
  campaign: string | null;
  active: boolean;
  /** The skill's XS brain script, if any. */
  script: string | null;
  /** Simulated dialing; null: the calling list is never drained. */
  dialer: { ratePerMinute: number } | null;
}

export interface AgentRecord {
  id: number;
  email: string;
  name: string;
}

/**
 * A source map: prospect field -> source field name (`Destinations`: a list of
 * source field names, in dialing order). ExternalID and one destination are required.
 */
export interface SourceMapping {
  ExternalID: string;
  Destinations: string[];
  [prospectField: string]: string | string[];
}

export interface SourceRecord {
  id: number;
  name: string;
  /** null until CREATESOURCEMAP (or the tenant file) gives it one. */
  mapping: SourceMapping | null;
  maxDestinations: number;
}

export type ProspectStatus = 'queued' | 'dialed' | 'expired';

export interface ProspectRecord {
  skillNo: number;
  externalId: string;
  sourceName: string;
  firstName: string | null;
  lastName: string | null;
  /** E.164 numbers in dialing order. */
  destinations: string[];
  /** IANA zone. */
  timeZone: string;
  /** Epoch milliseconds; null when the record never expires. */
  expiresAtMs: number | null;
  /** Every mapped field plus the untouched source record, JSON-encoded. */
  fields: Record<string, unknown>;
  status: ProspectStatus;
  createdAtMs: number;
  updatedAtMs: number;
  dialedAtMs: number | null;
}

/**
 * A prospect as flat values (a new or replacing record, queued): the
 * destinations as JSON text and the fields as the SQLite store's `fields`
 * column text (prospect-fields.ts).
 */
export interface EncodedProspect {
  skillNo: number;
  externalId: string;
  sourceName: string;
  firstName: string | null;
  lastName: string | null;
  destinations: string;
  timeZone: string;
  expiresAtMs: number | null;
  fields: string;
  createdAtMs: number;
  updatedAtMs: number;
}

/** How GETPROSPECT finds records (one criterion; FirstName needs LastName). */
export type ProspectQuery =
  | { sourceName: string; externalId: string }
  | { sourceName: string; phone: string }
  | { sourceName: string; firstName: string; lastName: string };

/** A generic keyed-record collection (CRM customers, POCs, events…). Records are JSON data. */
export interface Collection<T> {
  get(id: string): T | undefined;
  /** Creates or replaces the record. */
  put(id: string, rec: T): void;
  /** True when a record was removed. */
  delete(id: string): boolean;
  /** Every record, in insertion order. */
  all(): T[];
  /** The records `pred` accepts, in insertion order; at most `limit` (the scan stops there). */
  find(pred: (rec: T, id: string) => boolean, limit?: number): T[];
  /**
   * The records found under `key` in `index`, in insertion order; at most
   * `limit` of those `filter` accepts. The index is built the first time it
   * is used and kept up to date by every later change, so a look-up costs
   * what it finds, not the size of the collection.
   */
  findBy(index: RecordIndex<T>, key: string, opts?: { limit?: number; filter?: (rec: T, id: string) => boolean }): T[];
  count(): number;
  /** [id, record] pairs, in insertion order. */
  entries(): [string, T][];
  clear(): void;
}

/**
 * A secondary index of a collection: the keys each record is found under
 * (`phone:+13035550100`, a normalised field value…). The SQLite store keeps
 * the keys in the state file under `name` (give the index a new name when
 * `keys` changes what it returns), unless `inMemory`.
 */
export interface RecordIndex<T> {
  readonly name: string;
  keys(rec: T): readonly string[];
  /**
   * The SQLite store keeps this index in memory only, built at a process's
   * first look-up: for keys that change at most writes (a lead's status),
   * where keeping them in the file moves an index row at every write.
   */
  readonly inMemory?: boolean;
}

/**
 * A bulk load, from `TenantStore.bulkLoad()`: rows go in as they come and land
 * together at `commit()`, or not at all at `abort()` (also after a crash: the
 * SQLite store commits nothing before `commit()`). Other writes to the store
 * while it is open join it, as they would join an open transaction.
 */
export interface BulkLoad {
  /** Creates or updates a prospect, as `upsertProspect` does. */
  upsertProspect(p: ProspectRecord): 'Created' | 'Updated';
  /**
   * The same for a prospect already encoded (tenant/encoded-prospect.ts
   * `encodeProspect`): the flat values the SQLite store binds, which a reading
   * thread can build and hand over cheaply.
   */
  upsertEncoded(p: EncodedProspect): 'Created' | 'Updated';
  /** Creates or replaces a record of a collection, as `collection(name).put` does. */
  put(collection: string, id: string, rec: unknown): void;
  commit(): void;
  abort(): void;
}

export interface TenantStore {
  /** The business unit's IANA time zone (UTC without a tenant file). */
  readonly timeZone: string;
  readonly businessUnit: number | null;
  /** `memory` or `sqlite`. */
  readonly kind: 'memory' | 'sqlite';
  /** Runs `fn` as one transaction: all of its changes land, or none (nests). */
  transaction<T>(fn: () => T): T;
  /**
   * Runs background work (the processes due between two script steps) as one
   * transaction whose commit may wait: the SQLite store commits it with the
   * next transaction that changes something, or at `settle()` (docs/tenant.md
   * "Nothing lost"); in memory it is `transaction`.
   */
  background<T>(fn: () => T): T;
  /** Commits background work left waiting (the scheduler calls it when it stops driving); nothing to do when none waits. */
  settle(): void;
  /**
   * Makes `write` inside the open transaction just before it commits (a later
   * call with the same key replaces it); outside a transaction, and in memory,
   * at once. A dialer writes its clock this way: once per commit, not per tick.
   */
  beforeCommit(key: string, write: () => void): void;
  /**
   * Opens a bulk load (calling-list uploads, tenant data files): a transaction
   * that stays open across the caller's asynchronous reads, so rows are
   * written as they arrive and memory stays flat however many there are.
   */
  bulkLoad(): BulkLoad;
  /** Closes the underlying database (no-op in memory). */
  close(): void;

  // Skills and agents (declared by the tenant file).
  skill(id: number): SkillRecord | undefined;
  skills(): SkillRecord[];
  putSkill(skill: SkillRecord): void;
  agents(): AgentRecord[];
  putAgent(agent: AgentRecord): void;

  // Sources and source maps. Names are case-insensitive.
  source(name: string): SourceRecord | undefined;
  sources(): SourceRecord[];
  /** Creates or replaces the source with that name; returns its id (assigned when `id` is 0). */
  putSource(source: SourceRecord): number;

  // Prospects: one calling list per skill, keyed by (skillNo, externalId).
  prospect(skillNo: number, externalId: string): ProspectRecord | undefined;
  /**
   * Creates or updates (same skill and external id). An update keeps the
   * record's queue position and creation time and re-queues a dialed record.
   * The store may keep `p` itself: do not change it afterwards.
   */
  upsertProspect(p: ProspectRecord): 'Created' | 'Updated';
  /** Removes from the calling list of every skill fed by `sourceName`; true when one was removed. */
  removeProspect(sourceName: string, externalId: string): boolean;
  findProspects(q: ProspectQuery): ProspectRecord[];
  /** Every prospect of a skill (or all): creation order in memory, queue order in SQLite. */
  prospects(skillNo?: number): ProspectRecord[];
  prospectCount(skillNo?: number): number;
  /**
   * A number that grows whenever a record is added to a calling list, updated
   * or removed (any skill), through this store object: a background process
   * compares it with what it saw last to learn, at no cost per scheduler
   * step, that a list changed (the preview dialer then looks for new records).
   */
  listChanges(): number;
  /** Records of the skill still waiting to be dialed. */
  queueDepth(skillNo: number): number;
  /** Epoch ms of the oldest queued record's last queueing (for LongestWait); null when none. */
  oldestQueuedMs(skillNo: number): number | null;
  /**
   * Whether any record of the skill waits to be dialed: what a background
   * process asks after every scheduler step, answered from what the store
   * already knows where it can (a queue depth kept up to date by the dials).
   */
  hasQueued(skillNo: number): boolean;
  /**
   * Takes up to `max` queued records of the skill in queue order and marks them
   * dialed at `nowMs`; queued records already expired at `nowMs` are marked
   * expired on the way and not counted. Returns the dialed ones.
   */
  dialNext(skillNo: number, max: number, nowMs: number): ProspectRecord[];
  /** As dialNext, returning only how many were dialed (the records are not read back). */
  dial(skillNo: number, max: number, nowMs: number): number;
  /**
   * Marks one queued record dialed at `nowMs` (an agent accepted its preview),
   * or expired when its expiration has passed; returns it when dialed, null
   * when it was not queued or has expired.
   */
  dialProspect(skillNo: number, externalId: string, nowMs: number): ProspectRecord | null;
  /**
   * Marks every queued record of the skill whose expiration is at or before
   * `nowMs` expired (off the queue), wherever it sits in the queue; returns
   * how many. Queue readers call it so expired records are not counted as
   * waiting while a slow (or absent) dialer has not reached them yet.
   */
  expireDue(skillNo: number, nowMs: number): number;
  /**
   * The skill's queue as GETQUEUE reads it at `nowMs`: records past their
   * expiration expired first (expireDue), then its depth and the oldest
   * queueing time (oldestQueuedMs), read together.
   */
  queueAt(skillNo: number, nowMs: number): { depth: number; oldestMs: number | null };

  /** A named keyed-record collection; the same name returns the same data. */
  collection<T>(name: string): Collection<T>;
  /**
   * A number that grows whenever the named collection may have changed: a
   * write to it through this store object (a rolled-back one counts too), a
   * rollback, and in a state file a commit by another connection. A reader
   * that keeps what it read (the CRM's configurations) keeps it while the
   * number stays the same.
   */
  collectionChanges(name: string): number;
  /** Names of the collections that hold records, sorted. */
  collectionNames(): string[];
}
