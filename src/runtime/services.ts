// The services a runtime injects into its core, after XState v5's
// `createActor(logic, options)`: one object, built once by createRuntime and
// never replaced, read by the scheduler, the engine and the step context.
// Nothing in the core creates a clock, a random source, a store or an HTTP
// client itself, and nothing sends a trace event except through `trace.emit`.
// A new runtime-wide service is one more member here, filled in createRuntime.
import type { Limits } from '../contract/limits.js';
import type { HttpClient } from '../contract/http.js';
import type { Outcome } from '../contract/action.js';
import type { RoutingService } from '../contract/routing.js';
import type { TenantStore } from '../contract/tenant-store.js';
import type { Value } from '../contract/value.js';
import type { VirtualClock } from './clock.js';
import type { TraceEmitter } from './emitter.js';
import type { SeededRandom } from './random.js';
import type { ScriptCatalog } from './scripts.js';

export interface RuntimeServices {
  /** The loaded scripts, prepared for stepping, and the action registry. */
  readonly catalog: ScriptCatalog;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly tenant: TenantStore;
  readonly http: HttpClient;
  readonly limits: Limits;
  /** The one way out for trace events (redacting), and the redaction rules results use. */
  readonly trace: TraceEmitter;
  /** Test stubs: asked before every action executes. */
  readonly interceptor: Interceptor | undefined;
  /** The ACD simulation (one of the scheduler's processes). */
  readonly routing: RoutingService;
}

export interface InterceptedCall {
  script: string;
  label: string;
  type: string;
  version?: number;
  caption: string;
  props: Record<string, Value>;
  /** How many times this action has executed in this run, this call included (1-based). */
  callIndex: number;
  /** The branch an error takes (an opaque action's is the one its script routes). */
  errorBranch?: string;
}

/** Test stubs: return an outcome to skip `execute`; `seconds` advances the virtual clock. */
export type Interceptor = (call: InterceptedCall) => { outcome: Outcome; seconds?: number } | undefined;
