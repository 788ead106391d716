// The tenant store interface: every read and change an action makes to the
// emulated business unit goes through it. Implementations: in memory (default)
// and SQLite (`--state file.db`). Bulk rows live here, never in run state.
export interface TenantStore {
  /** The business unit's IANA time zone (UTC without a tenant file). */
  readonly timeZone: string;
  readonly businessUnit: number | null;
  /** Runs `fn` as one transaction: all of an action's changes land, or none. */
  transaction<T>(fn: () => T): T;
}
