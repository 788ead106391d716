// The HTTP layer's public surface: the client interface, the stub table, the
// real client (network only when allowed) and the shared limits.
export { HttpError } from '../contract/http.js';
export { noNetwork } from './no-network.js';
export type { HttpClient, HttpErrorDetail, HttpRequest, HttpResponse } from '../contract/http.js';
export { checkHttpStub, createStubHttp, parseHttpMatch } from './stubs.js';
export type { HttpStub, StubCall, StubHttpClient, StubHttpOptions, UnmatchedStub } from './stubs.js';
export { createRealHttp } from './real.js';
export type { RealHttpClient, RealHttpOptions } from './real.js';
export { clampTimeout, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_SECONDS, describeRequest, MAX_TIMEOUT_SECONDS, redactHeaders } from './policy.js';
