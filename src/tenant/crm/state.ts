// Where CRM data lives in the tenant store: configurations, records of each
// configuration and record type, the day each configuration last refreshed its
// token, id counters, and workflow data profiles — all in the store's generic
// collections, so the memory and SQLite stores both keep them (and SQL can
// inspect them).
import type { Collection, TenantStore } from '../../contract/tenant-store.js';
import { entityKey, type CrmConfiguration, type CrmRecord, type WorkflowDataProfile } from './types.js';
import { setMember } from '../../snippet/json.js';

const CONFIGS = 'crm.configurations';
const TOKENS = 'crm.tokens';
const COUNTERS = 'crm.counters';
const PROFILES = 'workflowData.profiles';
const recordsName = (configId: string, entity: string): string => `crm.records.${configId.toLowerCase()}.${entityKey(entity)}`;
/** Entities seeded or written per configuration (so memorialization and tests can list them). */
const ENTITIES = 'crm.entities';

/** What was read of one collection, while `store.collectionChanges` still gives `changes`. */
interface KeptReads {
  changes: number;
  values: Map<string, unknown>;
}

/**
 * Reads of the CRM's configurations, entity lists and token days kept per
 * store: every WORKFLOW EXECUTE reads them, and they change rarely (a state
 * file parsed them again at every call).
 */
const kept = new WeakMap<TenantStore, Map<string, KeptReads>>();

/** Every record of a collection, as a kept read (never a record id: ids are lower-case). */
const ALL = '\u0000all';

/** Typed access to the CRM part of a tenant store. */
export class CrmState {
  constructor(readonly store: TenantStore) {}

  private configs(): Collection<CrmConfiguration> {
    return this.store.collection<CrmConfiguration>(CONFIGS);
  }

  /**
   * `read()`, or what it gave last time for this collection and key while the
   * store says the collection has not changed since. Callers never change
   * what they get (the memory store hands out its own records too).
   */
  private keptRead<V>(collection: string, key: string, read: () => V): V {
    let byCollection = kept.get(this.store);
    if (!byCollection) kept.set(this.store, (byCollection = new Map()));
    const changes = this.store.collectionChanges(collection);
    let reads = byCollection.get(collection);
    if (!reads || reads.changes !== changes) byCollection.set(collection, (reads = { changes, values: new Map() }));
    if (reads.values.has(key)) return reads.values.get(key) as V;
    const value = read();
    reads.values.set(key, value);
    return value;
  }

  configuration(id: string): CrmConfiguration | undefined {
    const key = id.toLowerCase();
    return this.keptRead(CONFIGS, key, () => this.configs().get(key));
  }

  configurations(): CrmConfiguration[] {
    return [...this.keptRead(CONFIGS, ALL, () => this.configs().all())];
  }

  putConfiguration(config: CrmConfiguration): void {
    this.configs().put(config.id.toLowerCase(), config);
  }

  records(configId: string, entity: string): Collection<CrmRecord> {
    return this.store.collection<CrmRecord>(this.recordsCollection(configId, entity));
  }

  /** The store collection of a record type (known to the configuration from now on): for bulk loads. */
  recordsCollection(configId: string, entity: string): string {
    const key = entityKey(entity);
    const list = this.entities(configId);
    if (!list.includes(key)) this.store.collection<string[]>(ENTITIES).put(configId.toLowerCase(), [...list, key]);
    return recordsName(configId, entity);
  }

  /** Record types that have (or had) records in this configuration. */
  entities(configId: string): string[] {
    const id = configId.toLowerCase();
    return [...this.keptRead(ENTITIES, id, () => this.store.collection<string[]>(ENTITIES).get(id) ?? [])];
  }

  /** A fresh id for a created record: `customer-3`, unique within its record type. */
  newId(configId: string, entity: string): string {
    const key = `${configId.toLowerCase()}.${entityKey(entity)}`;
    const counters = this.store.collection<number>(COUNTERS);
    const records = this.records(configId, entity);
    const stem = entityKey(entity).replace(/s$/, '');
    let n = counters.get(key) ?? records.count();
    let id: string;
    do id = `${stem}-${++n}`;
    while (records.get(id) !== undefined);
    counters.put(key, n);
    return id;
  }

  /** The virtual day (yyyy-mm-dd, BU zone) of the configuration's last token refresh. */
  tokenDay(configId: string): string | undefined {
    const id = configId.toLowerCase();
    return this.keptRead(TOKENS, id, () => this.store.collection<string>(TOKENS).get(id));
  }

  setTokenDay(configId: string, day: string): void {
    this.store.collection<string>(TOKENS).put(configId.toLowerCase(), day);
  }

  profile(name: string): WorkflowDataProfile | undefined {
    return this.store.collection<WorkflowDataProfile>(PROFILES).get(name.toLowerCase());
  }

  putProfile(p: WorkflowDataProfile): void {
    this.store.collection<WorkflowDataProfile>(PROFILES).put(p.name.toLowerCase(), p);
  }

  profiles(): WorkflowDataProfile[] {
    return this.store.collection<WorkflowDataProfile>(PROFILES).all();
  }

  /** Every credential of every configuration (for masking). */
  secrets(): string[] {
    return this.configurations().flatMap((c) => c.secrets);
  }
}

/** Replaces every credential in a JSON-like value (or text) with `***`. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= 4);
  if (live.length === 0) return value;
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') return live.reduce((t, s) => t.split(s).join('***'), v);
    if (Array.isArray(v)) return v.map(fix);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) setMember(out, k, fix(x));
      return out;
    }
    return v;
  };
  return fix(value) as T;
}
