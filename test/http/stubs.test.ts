// The stub table: matching by method and URL, times/nth, delays against the
// timeout, the 32 KB cap, stubbed connection failures and the unmatched report.
import { describe, expect, it } from 'vitest';
import { checkHttpStub, createStubHttp, type HttpClient, type HttpRequest } from '../../src/http/index.js';
import { failure } from './failure.js';

const get = (url: string, timeoutSeconds = 10): HttpRequest => ({ method: 'GET', url, headers: {}, timeoutSeconds });


describe('createStubHttp', () => {
  it('answers by method and URL with status, headers and a JSON body', async () => {
    const http = createStubHttp([
      { match: { http: 'POST https://crm.example.com/leads' }, status: 201, body: { id: 7 } },
      { match: { http: 'GET https://crm.example.com/leads' }, body: { leads: [] }, headers: { 'x-total': '0' } },
    ]);
    const res = await http.request(get('https://crm.example.com/leads'));
    expect(res).toMatchObject({ status: 200, statusText: 'OK', body: '{"leads":[]}', elapsedSeconds: 0 });
    expect(res.headers).toEqual({ 'x-total': '0', 'content-type': 'application/json' });
    const created = await http.request({ ...get('https://crm.example.com/leads'), method: 'post', body: '{}' });
    expect(created.status).toBe(201);
    expect(created.statusText).toBe('Created');
  });

  it('ignores the query unless the stub names one, and accepts * wildcards and bare URLs', async () => {
    const http = createStubHttp([
      { match: { http: 'GET https://api.example.com/items?b=2&a=1' }, body: 'exact' },
      { match: { http: 'GET https://api.example.com/items' }, body: 'any-query' },
      { match: { http: 'https://api.example.com/users/*/orders' }, body: 'wild' },
    ]);
    expect((await http.request(get('https://api.example.com/items?a=1&b=2'))).body).toBe('exact');
    expect((await http.request(get('https://api.example.com/items/?page=3'))).body).toBe('any-query');
    expect((await http.request({ ...get('https://api.example.com/users/42/orders'), method: 'DELETE' })).body).toBe('wild');
  });

  it('uses a times-limited stub first, then falls through to the next row', async () => {
    const http = createStubHttp([
      { match: { http: 'GET https://x.test/a' }, status: 503, times: 2 },
      { match: { http: 'GET https://x.test/a' }, status: 200, body: {} },
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await http.request(get('https://x.test/a'))).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers only the n-th matching call with an nth stub', async () => {
    const http = createStubHttp([
      { match: { http: 'GET https://x.test/a' }, nth: 2, status: 500 },
      { match: { http: 'GET https://x.test/a' }, status: 200 },
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await http.request(get('https://x.test/a'))).status);
    expect(statuses).toEqual([200, 500, 200]);
  });

  it('reports the delay as virtual seconds and times out when the delay exceeds the timeout', async () => {
    const http = createStubHttp([{ match: { http: 'GET https://slow.test/' }, delay: 12, body: {} }]);
    expect((await http.request(get('https://slow.test/', 30))).elapsedSeconds).toBe(12);
    const err = await failure(http.request(get('https://slow.test/', 5)));
    expect(err.kind).toBe('timeout');
    expect(err.detail.elapsedSeconds).toBe(5);
    expect(err.message).toBe('GET https://slow.test/ timed out after 5 s');
  });

  it('caps the timeout at 90 seconds', async () => {
    const http = createStubHttp([{ match: { http: 'GET https://slow.test/' }, delay: 95 }]);
    const err = await failure(http.request(get('https://slow.test/', 600)));
    expect(err.detail.elapsedSeconds).toBe(90);
  });

  it('refuses bodies over 32 KB, keeping the status', async () => {
    const http = createStubHttp([{ match: { http: 'GET https://big.test/' }, body: 'x'.repeat(32 * 1024 + 1) }]);
    const err = await failure(http.request(get('https://big.test/')));
    expect(err.kind).toBe('too-large');
    expect(err.detail.status).toBe(200);
    expect(err.message).toContain('32769 bytes exceeds the 32768-byte limit');
  });

  it('retries a stubbed connection failure once', async () => {
    const http = createStubHttp([
      { match: { http: 'GET https://flaky.test/' }, error: 'ECONNRESET', times: 1, delay: 1 },
      { match: { http: 'GET https://flaky.test/' }, body: { ok: true } },
    ]);
    const res = await http.request(get('https://flaky.test/'));
    expect(res.body).toBe('{"ok":true}');
    expect(res.elapsedSeconds).toBe(1);
    expect(http.calls().map((c) => c.error ?? c.status)).toEqual(['ECONNRESET', 200]);

    const down = createStubHttp([{ match: { http: 'GET https://down.test/' }, error: 'ECONNREFUSED' }]);
    const err = await failure(down.request(get('https://down.test/')));
    expect(err.kind).toBe('connection');
    expect(down.calls()).toHaveLength(2);
  });

  it('names the request when no stub answers and the network is not allowed', async () => {
    const http = createStubHttp([{ match: { http: 'GET https://x.test/a' }, times: 1 }]);
    const err = await failure(http.request(get('https://other.test/b?q=1')));
    expect(err.kind).toBe('no-stub');
    expect(err.message).toContain('No HTTP stub answers GET https://other.test/b?q=1');
    expect(err.message).toContain('--allow-network');
    await http.request(get('https://x.test/a'));
    const again = await failure(http.request(get('https://x.test/a')));
    expect(again.message).toContain('was already used 1 time(s)');
  });

  it('hands unanswered requests to the fallback client', async () => {
    const seen: string[] = [];
    const fallback: HttpClient = {
      async request(req) {
        seen.push(req.url);
        return { status: 204, statusText: 'No Content', headers: {}, body: '', elapsedSeconds: 0.2 };
      },
      requestSync(req) {
        seen.push(`sync ${req.url}`);
        return { status: 204, statusText: 'No Content', headers: {}, body: '', elapsedSeconds: 0.2 };
      },
    };
    const http = createStubHttp([], { fallback });
    expect((await http.request(get('https://real.test/'))).status).toBe(204);
    expect(http.requestSync(get('https://real.test/s')).status).toBe(204);
    expect(seen).toEqual(['https://real.test/', 'sync https://real.test/s']);
  });

  it('answers synchronously for the snippet REST proxy', () => {
    const http = createStubHttp([{ match: { http: 'GET https://x.test/a' }, body: { a: 1 } }]);
    expect(http.requestSync(get('https://x.test/a')).body).toBe('{"a":1}');
    expect(() => http.requestSync(get('https://x.test/b'))).toThrow(/No HTTP stub answers GET https:\/\/x.test\/b/);
  });

  it('lists the stubs that never answered', async () => {
    const http = createStubHttp([
      { match: { http: 'GET https://x.test/used' } },
      { match: { http: 'POST https://x.test/never' } },
    ]);
    await http.request(get('https://x.test/used'));
    expect(http.unmatchedStubs()).toEqual([{ index: 1, stub: { match: { http: 'POST https://x.test/never' } }, description: 'POST https://x.test/never' }]);
  });
});

describe('checkHttpStub', () => {
  it.each([
    [{ match: { http: 'FETCH https://x' } }, 'unknown HTTP method "FETCH"'],
    [{ match: { http: 'GET ftp://x' } }, 'is not an http:// or https:// URL'],
    [{ match: { http: 'GET https://x extra' } }, 'is not "METHOD URL"'],
    [{ match: {} }, 'match.http must be text'],
    [{ match: { http: 'GET https://x' }, status: 42 }, 'status must be an HTTP status code'],
    [{ match: { http: 'GET https://x' }, delay: -1 }, 'delay must be a number'],
    [{ match: { http: 'GET https://x' }, times: 0 }, 'times must be a whole number'],
    [{ match: { http: 'GET https://x' }, times: 1, nth: 2 }, 'either times or nth'],
    ['nope', 'must be a mapping'],
  ])('rejects %j', (stub, message) => {
    expect(checkHttpStub(stub).join('; ')).toContain(message);
  });

  it('accepts a full stub', () => {
    expect(checkHttpStub({ match: { http: 'GET https://x.test/a' }, status: 404, headers: { a: 'b' }, body: {}, delay: 2, nth: 3 })).toEqual([]);
  });

  it('makes createStubHttp throw a numbered message for a bad row', () => {
    expect(() => createStubHttp([{ match: { http: 'GET https://ok.test' } }, { match: { http: 'BAD' } } as never])).toThrow(/^HTTP stub 2: /);
  });
});
