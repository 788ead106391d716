// A SnippetEnv for tests: variables from plain JSON, a fixed clock, a
// scripted random source and a table of stubbed HTTP answers.
import { DateTime } from 'luxon';
import type { SnippetEnv } from '../../src/contract/snippet.js';
import { freezeValue, fromJson } from '../../src/snippet/json.js';
import type { Value } from '../../src/contract/value.js';
import { HttpError, type HttpClient, type HttpRequest, type HttpResponse } from '../../src/contract/http.js';

export interface HttpStub {
  method?: string;
  url: string;
  status?: number;
  statusText?: string;
  body?: string | object;
  /** Simulates a refused or failed request. */
  fail?: string;
}

export interface EnvOptions {
  vars?: Record<string, unknown>;
  globals?: Record<string, unknown>;
  now?: string;
  zone?: string;
  random?: number[];
  http?: HttpStub[];
  maxStringSize?: number;
  maxLoopIterations?: number;
}

export function stubHttp(stubs: HttpStub[], seen: HttpRequest[] = []): HttpClient {
  const answer = (req: HttpRequest): HttpResponse => {
    seen.push(req);
    const stub = stubs.find((s) => s.url === req.url && (s.method === undefined || s.method.toUpperCase() === req.method));
    if (stub === undefined) throw new HttpError(`No stub for ${req.method} ${req.url}`, 'no-stub');
    if (stub.fail !== undefined) throw new HttpError(stub.fail, 'connection');
    const body = typeof stub.body === 'string' ? stub.body : stub.body === undefined ? '' : JSON.stringify(stub.body);
    return { status: stub.status ?? 200, statusText: stub.statusText ?? 'OK', headers: {}, body, elapsedSeconds: 0 };
  };
  return { requestSync: answer, request: async (req) => answer(req) };
}

export function makeEnv(o: EnvOptions = {}, seen: HttpRequest[] = []): SnippetEnv {
  // Inputs are frozen, as the runtime's state is: a snippet that mutated one would throw.
  const lower = (r: Record<string, unknown> | undefined) =>
    new Map<string, Value>(Object.entries(r ?? {}).map(([k, v]) => [k.toLowerCase(), freezeValue(fromJson(v))]));
  const locals = lower(o.vars);
  const globals = lower(o.globals);
  const zone = o.zone ?? 'UTC';
  const now = DateTime.fromISO(o.now ?? '2026-11-21T09:30:00', { zone });
  const randoms = o.random ?? [0.5];
  let next = 0;
  return {
    vars: {
      get: (n) => locals.get(n) ?? globals.get(n),
      getGlobal: (n) => globals.get(n),
    },
    clock: { now: () => now, zone },
    random: () => randoms[next++ % randoms.length]!,
    http: stubHttp(o.http ?? [], seen),
    limits: { maxLoopIterations: o.maxLoopIterations ?? 1_000_000, maxArrayElements: 63_000_000, maxObjectBytes: 32 * 1024, maxResponseBytes: 32 * 1024 },
    maxStringSize: o.maxStringSize ?? 2048,
  };
}
