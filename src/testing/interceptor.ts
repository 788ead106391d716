// Answers action calls from stubs: the runtime asks before it executes each
// action (after its properties are evaluated); a matching stub's answer
// replaces `execute`. Counting is per stub and per run, so `times` and `call`
// mean "the first N" and "the N-th" calls that match that stub.
import type { Outcome } from '../contract/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { InterceptedCall, Interceptor as RuntimeInterceptor } from '../runtime/services.js';
import { valueMatches } from './match-value.js';
import type { ActionStub } from './test-file.js';

/** The runtime's interceptor hook, which stubs implement. */
export type Intercept = RuntimeInterceptor;
export type InterceptAnswer = NonNullable<ReturnType<Intercept>>;

export interface StubUsage {
  stub: ActionStub;
  /** Calls that matched the stub's `match`. */
  matched: number;
  /** Calls the stub answered. */
  answered: number;
}

export interface Interceptor {
  intercept: Intercept;
  usage(): StubUsage[];
}

/** Stubs are tried in order; the first matching stub with answers left answers the call. */
export function createInterceptor(stubs: readonly ActionStub[], registry: ActionRegistry): Interceptor {
  const usage: StubUsage[] = stubs.map((stub) => ({ stub, matched: 0, answered: 0 }));
  const intercept: Intercept = (call) => {
    let chosen: StubUsage | undefined;
    for (const u of usage) {
      if (!matches(u.stub, call)) continue;
      u.matched++;
      if (chosen) continue;
      const { times, call: nth } = u.stub;
      const eligible = nth !== undefined ? u.matched === nth : times !== undefined ? u.answered < times : true;
      if (eligible) chosen = u;
    }
    if (!chosen) return undefined;
    chosen.answered++;
    return answer(chosen.stub, call, registry);
  };
  return { intercept, usage: () => usage.map((u) => ({ ...u })) };
}

function matches(stub: ActionStub, call: InterceptedCall): boolean {
  if (stub.label !== undefined) return sameName(stub.label, `${call.script}.${call.label}`);
  if (stub.actionType !== call.type.toUpperCase()) return false;
  if (stub.version !== undefined && call.version !== undefined && stub.version !== call.version) return false;
  for (const [name, expected] of Object.entries(stub.props)) {
    const key = Object.keys(call.props).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!valueMatches(expected, key === undefined ? undefined : call.props[key])) return false;
  }
  return true;
}

/** Script names are case-insensitive in Studio; labels are compared the same way. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function answer(stub: ActionStub, call: InterceptedCall, registry: ActionRegistry): InterceptAnswer {
  const seconds = stub.delaySeconds > 0 ? { seconds: stub.delaySeconds } : {};
  if (stub.answer.kind === 'error') {
    const errorBranch = call.errorBranch ?? registry.lookup(call.type, call.version)?.errorBranch ?? 'OnError';
    return { outcome: { branch: errorBranch, error: stub.answer.message }, ...seconds };
  }
  const { branch, outputs, vars } = stub.answer;
  const outcome: Outcome = { branch: branch ?? 'Default' };
  if (Object.keys(outputs).length > 0) outcome.outputs = outputs;
  if (Object.keys(vars).length > 0) outcome.vars = vars;
  return { outcome, ...seconds };
}
