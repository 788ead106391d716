// The services the engine and the step context share with the scheduler
// (one object per runtime). Kept as an interface so the engine does not
// depend on how runs are scheduled.
import type { EffectKind } from '../contract/effects.js';
import type { Limits } from '../contract/limits.js';
import type { HttpClient } from '../contract/http.js';
import type { Value } from '../contract/value.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { VirtualClock } from './clock.js';
import type { Engine, Interceptor, RunDriver } from './engine.js';
import type { SpawnRequest } from '../contract/flow.js';
import type { SeededRandom } from './random.js';
import type { PreparedAction, ScriptCatalog } from './scripts.js';
import type { Redactor, TraceHub } from './trace.js';

export interface RuntimeCore {
  readonly catalog: ScriptCatalog;
  readonly limits: Limits;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly hub: TraceHub;
  readonly redactor: Redactor;
  readonly interceptor: Interceptor | undefined;
  readonly tenant: TenantStore;
  readonly http: HttpClient;
  readonly engine: Engine;
  /** Records a tenant / outside-world change of run `d` (result effects + `effect` event). */
  effect(d: RunDriver, kind: EffectKind | string, data: Value): void;
  /** Starts a spawned run; `limit` marks a refusal caused by maxSpawnedRuns. */
  spawn(d: RunDriver, action: PreparedAction, request: SpawnRequest): { spawnId: string } | { error: string; limit?: true };
  /** Called by the engine when a run ends, before its hooks run. */
  runEnded(d: RunDriver): void;
}
