// Arms a list of checked stubs for one run: action stubs become the runtime's
// interceptor, HTTP stubs the HTTP client (with an optional fallback behind
// them), and after the run the stubs that never answered are reported. Used
// by test cases and by `studio-script run --stubs`.
import { createStubHttp, type HttpStub } from '../http/stubs.js';
import type { HttpClient } from '../contract/http.js';
import type { ActionRegistry } from '../actions/registry.js';
import { createInterceptor, type Intercept } from './interceptor.js';
import type { UnmatchedStubReport } from './results.js';
import type { ActionStub, HttpStubSpec, StubSpec } from './test-file.js';

export interface ArmedStubs {
  intercept: Intercept;
  http: HttpClient;
  /** Stubs that answered no call (action stubs in `before` are never reported). */
  unmatched(): UnmatchedStubReport[];
}

export function armStubs(
  stubs: readonly StubSpec[],
  registry: ActionRegistry,
  opts: { fallback?: HttpClient; before?: readonly ActionStub[] } = {},
): ArmedStubs {
  const before = opts.before ?? [];
  const actionStubs = [...before, ...stubs.filter((s): s is ActionStub => s.kind === 'action')];
  const interceptor = createInterceptor(actionStubs, registry);
  const httpSpecs = stubs.filter((s): s is HttpStubSpec => s.kind === 'http');
  const http = createStubHttp(httpSpecs.map(toHttpStub), opts.fallback ? { fallback: opts.fallback } : {});
  return {
    intercept: interceptor.intercept,
    http,
    unmatched() {
      const out: UnmatchedStubReport[] = [];
      for (const u of interceptor.usage()) {
        if (u.answered > 0 || before.includes(u.stub)) continue;
        out.push({ id: u.stub.id, description: describeStub(u.stub), span: u.stub.span });
      }
      for (const u of http.unmatchedStubs()) {
        const spec = httpSpecs[u.index]!;
        out.push({ id: spec.id, description: `${spec.method} ${spec.url}`, span: spec.span });
      }
      return out;
    },
  };
}

function toHttpStub(s: HttpStubSpec): HttpStub {
  return {
    match: { http: `${s.method} ${s.url}` },
    status: s.status,
    headers: s.headers,
    body: s.body,
    ...(s.delaySeconds > 0 ? { delay: s.delaySeconds } : {}),
    ...(s.times !== undefined ? { times: s.times } : {}),
    ...(s.call !== undefined ? { nth: s.call } : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
  };
}

export function describeStub(s: ActionStub): string {
  if (s.label !== undefined) return `label ${s.label}`;
  const props = Object.entries(s.props).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const which = s.call !== undefined ? ` (call ${s.call})` : '';
  return `${s.actionType}${s.version !== undefined ? ` v${s.version}` : ''}${props.length ? ` ${props.join(' ')}` : ''}${which}`;
}
