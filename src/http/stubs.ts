// The HTTP stub table used by tests and `run --stubs`: canned answers matched by
// method and URL, with a virtual delay, a status, headers, a body, and limits on
// which matching call they answer (`times`, `nth`). Requests no stub answers go
// to the fallback client (the network, when allowed) or fail naming the request.
import { clampTimeout, DEFAULT_MAX_RESPONSE_BYTES, describeRequest, maskUrl, statusTextOf, utf8Length } from './policy.js';
import { HttpError, type HttpClient, type HttpRequest, type HttpResponse } from '../contract/http.js';
import { noNetwork } from './no-network.js';

/** One row of the table, as written in a stub file (`match: { http: "GET https://…" }`). */
export interface HttpStub {
  match: { http: string };
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Text is sent as is; anything else is sent as JSON. */
  body?: unknown;
  /** Virtual seconds the answer takes; longer than the request's timeout is a timeout. */
  delay?: number;
  /** Answer only the first `times` matching calls. */
  times?: number;
  /** Answer only the n-th matching call (1-based). */
  nth?: number;
  /** Simulates a connection failure with this message instead of answering. */
  error?: string;
}

export interface StubCall {
  method: string;
  url: string;
  /** Index of the stub that answered; undefined when the fallback (or nothing) did. */
  stub?: number;
  status?: number;
  error?: string;
}

export interface UnmatchedStub {
  index: number;
  stub: HttpStub;
  /** `GET https://…` as written. */
  description: string;
}

export interface StubHttpClient extends HttpClient {
  /** Stubs that never answered a request, in table order (reported by the test runner). */
  unmatchedStubs(): UnmatchedStub[];
  /** Every request seen, in order. */
  calls(): StubCall[];
}

export interface StubHttpOptions {
  /** Where requests go that no stub answers (for example createRealHttp()). Default: refuse them. */
  fallback?: HttpClient;
  maxResponseBytes?: number;
}

interface Pattern {
  method: string | undefined;
  /** `parsed` is the request URL parsed once per request (undefined when it does not parse). */
  matches(url: string, parsed: ParsedUrl | undefined): boolean;
}

/** The parts of a request URL the patterns compare (URL getters are slow; read them once). */
interface ParsedUrl {
  origin: string;
  path: string;
  query(): string;
}

interface Row {
  stub: HttpStub;
  pattern: Pattern;
  /** The answer's body text and headers, prepared once. */
  body: string;
  headers: Record<string, string>;
  /** Matching calls seen so far (for `nth`). */
  seen: number;
  /** Calls this row answered. */
  used: number;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*']);

/** Problems with one stub row, as one-line messages (empty when it is valid). */
export function checkHttpStub(stub: unknown): string[] {
  if (stub === null || typeof stub !== 'object' || Array.isArray(stub)) return ['an HTTP stub must be a mapping'];
  const s = stub as Record<string, unknown>;
  const problems: string[] = [];
  const match = s.match as Record<string, unknown> | undefined;
  if (!match || typeof match.http !== 'string') problems.push('match.http must be text like "GET https://host/path"');
  else {
    try {
      parseHttpMatch(match.http);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (s.status !== undefined && !(Number.isInteger(s.status) && (s.status as number) >= 100 && (s.status as number) <= 599))
    problems.push('status must be an HTTP status code (100-599)');
  if (s.headers !== undefined && (typeof s.headers !== 'object' || s.headers === null || Array.isArray(s.headers)))
    problems.push('headers must be a mapping of header names to text');
  if (s.delay !== undefined && !(typeof s.delay === 'number' && s.delay >= 0)) problems.push('delay must be a number of seconds ≥ 0');
  if (s.times !== undefined && !(Number.isInteger(s.times) && (s.times as number) >= 1)) problems.push('times must be a whole number ≥ 1');
  if (s.nth !== undefined && !(Number.isInteger(s.nth) && (s.nth as number) >= 1)) problems.push('nth must be a whole number ≥ 1');
  if (s.times !== undefined && s.nth !== undefined) problems.push('use either times or nth, not both');
  if (s.error !== undefined && typeof s.error !== 'string') problems.push('error must be text (the connection failure message)');
  return problems;
}

/**
 * Parses `"GET https://host/path"` (or a bare URL, which matches any method).
 * `*` in the URL matches any characters; a URL without a query string matches
 * any query, one with a query needs the same parameters (in any order).
 */
export function parseHttpMatch(text: string): Pattern {
  const parts = text.trim().split(/\s+/);
  let method: string | undefined;
  let url: string;
  if (parts.length === 1) url = parts[0]!;
  else if (parts.length === 2) {
    method = parts[0]!.toUpperCase();
    url = parts[1]!;
    if (!METHODS.has(method)) throw new Error(`unknown HTTP method "${parts[0]}" in "${text}" (expected GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or *)`);
    if (method === '*') method = undefined;
  } else throw new Error(`"${text}" is not "METHOD URL"`);
  if (!/^https?:\/\//i.test(url)) throw new Error(`"${url}" is not an http:// or https:// URL`);
  if (url.includes('*')) {
    const glob = url.toLowerCase();
    return { method, matches: (u) => globMatches(glob, u.toLowerCase()) };
  }
  let expected: URL;
  try {
    expected = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL`);
  }
  const expectedQuery = expected.search ? sortedQuery(expected) : undefined;
  const origin = expected.origin;
  const path = trimSlash(expected.pathname);
  return {
    method,
    matches(_u, actual) {
      if (!actual || actual.origin !== origin || actual.path !== path) return false;
      return expectedQuery === undefined || actual.query() === expectedQuery;
    },
  };
}

export function createStubHttp(stubs: readonly HttpStub[], options: StubHttpOptions = {}): StubHttpClient {
  const rows: Row[] = stubs.map((stub, i) => {
    const problems = checkHttpStub(stub);
    if (problems.length > 0) throw new Error(`HTTP stub ${i + 1}: ${problems.join('; ')}`);
    const headers: Record<string, string> = { ...(stub.headers ?? {}) };
    const body = bodyText(stub.body, headers);
    return { stub, pattern: parseHttpMatch(stub.match.http), body, headers, seen: 0, used: 0 };
  });
  const fallback = options.fallback;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const log: StubCall[] = [];

  /** The last URL called, parsed and masked once: a sender or a loop calls one URL many times. */
  type Seen = { url: string; parsed: ParsedUrl | undefined; masked: string };
  let last: Seen | null = null;
  const urlOf = (url: string): Seen =>
    last?.url === url ? last : (last = { url, parsed: parseUrl(url), masked: maskUrl(url) });

  /** Picks the row answering this call, counting the call for every row whose pattern matches. */
  function pick(req: HttpRequest): { row?: Row; index?: number; exhausted: Row[] } {
    const method = req.method.toUpperCase();
    const parsed = urlOf(req.url).parsed;
    let chosen: Row | undefined;
    let index: number | undefined;
    const exhausted: Row[] = [];
    rows.forEach((row, i) => {
      if (row.pattern.method !== undefined && row.pattern.method !== method) return;
      if (!row.pattern.matches(req.url, parsed)) return;
      row.seen++;
      const applies =
        row.stub.nth !== undefined ? row.seen === row.stub.nth : row.stub.times !== undefined ? row.used < row.stub.times : true;
      if (!applies) exhausted.push(row);
      else if (!chosen) {
        chosen = row;
        index = i;
      }
    });
    if (chosen) chosen.used++;
    return { row: chosen, index, exhausted };
  }

  /** One attempt: a stub's answer, or undefined when no stub applies. */
  function answer(req: HttpRequest): HttpResponse | undefined {
    const { row, index, exhausted } = pick(req);
    if (!row) {
      if (!fallback) {
        log.push({ method: req.method, url: maskUrl(req.url), error: 'no stub' });
        throw noStub(req, exhausted);
      }
      return undefined;
    }
    const timeout = clampTimeout(req.timeoutSeconds);
    const delay = row.stub.delay ?? 0;
    if (delay > timeout) {
      log.push({ method: req.method, url: maskUrl(req.url), stub: index, error: 'timeout' });
      throw new HttpError(`${describeRequest(req)} timed out after ${timeout} s`, 'timeout', { elapsedSeconds: timeout });
    }
    if (row.stub.error !== undefined) {
      log.push({ method: req.method, url: maskUrl(req.url), stub: index, error: row.stub.error });
      throw new HttpError(`${describeRequest(req)} failed: ${row.stub.error}`, 'connection', { elapsedSeconds: delay });
    }
    const status = row.stub.status ?? 200;
    const headers = { ...row.headers };
    const body = row.body;
    log.push({ method: req.method, url: urlOf(req.url).masked, stub: index, status });
    const size = utf8Length(body);
    if (size > maxBytes)
      throw new HttpError(`${describeRequest(req)}: response of ${size} bytes exceeds the ${maxBytes}-byte limit`, 'too-large', {
        elapsedSeconds: delay,
        status,
        statusText: statusTextOf(status),
      });
    return { status, statusText: statusTextOf(status), headers, body, elapsedSeconds: delay };
  }

  /** A stubbed connection failure is retried once, as the real client does. */
  function withRetry<T>(attempt: () => T, onRetry?: (err: HttpError) => void): T {
    try {
      return attempt();
    } catch (err) {
      if (!(err instanceof HttpError) || err.kind !== 'connection') throw err;
      onRetry?.(err);
      return attempt();
    }
  }

  /** The stub table's answer (with the time a retried connection failure took), or undefined to fall back. */
  function stubbed(req: HttpRequest): HttpResponse | undefined {
    let spent = 0;
    const res = withRetry(
      () => answer(req),
      (e) => (spent += e.detail.elapsedSeconds ?? 0),
    );
    if (res) return spent ? { ...res, elapsedSeconds: res.elapsedSeconds + spent } : res;
    log.push({ method: req.method, url: maskUrl(req.url) });
    return undefined;
  }

  return {
    async request(req) {
      return stubbed(req) ?? (fallback ?? noNetwork).request(req);
    },
    requestSync(req) {
      return stubbed(req) ?? (fallback ?? noNetwork).requestSync(req);
    },
    unmatchedStubs() {
      return rows.flatMap((row, index) => (row.used === 0 ? [{ index, stub: row.stub, description: row.stub.match.http }] : []));
    },
    calls() {
      return log.map((c) => ({ ...c }));
    },
  };
}

function noStub(req: HttpRequest, exhausted: Row[]): HttpError {
  const used = exhausted.length
    ? ` (the stub "${exhausted[0]!.stub.match.http}" matches but ${exhausted[0]!.stub.nth !== undefined ? `answers only call ${exhausted[0]!.stub.nth}` : `was already used ${exhausted[0]!.used} time(s)`})`
    : '';
  return new HttpError(
    `No HTTP stub answers ${describeRequest(req)}${used}, and network access is not allowed: add a stub with match: { http: "${req.method.toUpperCase()} ${suggestedMatch(req.url)}" } or run with --allow-network`,
    'no-stub',
  );
}

/**
 * The URL to put in a suggested stub. A URL carrying a key or password is
 * suggested without its query and credentials (a stub without a query matches
 * any query), so the suggestion never repeats the secret.
 */
function suggestedMatch(url: string): string {
  if (maskUrl(url) === url) return url;
  const parsed = parseUrl(url);
  return parsed ? `${parsed.origin}${parsed.path}` : maskUrl(url);
}

function bodyText(body: unknown, headers: Record<string, string>): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}

function parseUrl(u: string): ParsedUrl | undefined {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return undefined;
  }
  let query: string | undefined;
  return { origin: url.origin, path: trimSlash(url.pathname), query: () => (query ??= sortedQuery(url)) };
}

/**
 * `*` matches any characters. One pass that backs up only to the last star
 * (at most pattern × text steps), where a pattern of `.*` groups could take
 * exponential time on a long URL that does not match.
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
const trimSlash = (p: string): string => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

function sortedQuery(u: URL): string {
  return [...u.searchParams.entries()]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
}
