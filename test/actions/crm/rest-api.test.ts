// REST API: the JSON answer in ResultSet and the status variables; error
// outcomes for non-2xx, non-JSON, too large, timeout, connection failure and a
// refused (unstubbed) request; virtual time from stub delays; credentials
// masked in effects; and one real call to a local server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRealHttp, createStubHttp, type HttpStub } from '../../../src/http/index.js';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { CRM_TENANT } from '../../crm/fixtures.js';
import { fakeContact } from '../fake-context.js';

const URL_ = 'https://api.example.com/orders/42';
const contactWith = (stubs: HttpStub[]) => fakeContact(tenantFromData(CRM_TENANT).store, { http: createStubHttp(stubs) });

describe('REST API', () => {
  it('Default: parsed JSON in ResultSet, status variables, virtual delay, effect', async () => {
    const c = contactWith([{ match: { http: `GET ${URL_}` }, body: { id: 42, items: [{ sku: 'A' }] }, delay: 1.5 }]);
    const out = await c.run('REST API', { Url: URL_, Headers: { Authorization: 'Bearer abc', Accept: 'application/json' } });
    expect(out).toEqual({
      branch: 'Default',
      outputs: { ResultSet: { id: 42, items: [{ sku: 'A' }] } },
      vars: { __httpstatuscode: 200, __httpstatusdescription: 'OK' },
    });
    expect(c.elapsed()).toBe(1.5);
    expect(c.effects).toEqual([
      { kind: 'http', data: { method: 'GET', url: URL_, headers: { Authorization: '***', Accept: 'application/json' }, status: 200, seconds: 1.5 } },
    ]);
  });

  it('sends the body as JSON with the verb, and takes headers as JSON text', async () => {
    let seen: unknown;
    const http = createStubHttp([{ match: { http: 'POST https://api.example.com/orders' }, status: 201, body: { created: true } }]);
    const spy = { ...http, request: (req: Parameters<typeof http.request>[0]) => ((seen = req), http.request(req)) };
    const c = fakeContact(tenantFromData(CRM_TENANT).store, { http: spy });
    const out = await c.run('REST API', { Verb: 'POST', Url: 'https://api.example.com/orders', Headers: '{"X-Trace":"1"}', Body: '{"sku":"A"}', TimeoutSeconds: 30 });
    expect(out.vars).toEqual({ __httpstatuscode: 201, __httpstatusdescription: 'Created' });
    expect(seen).toEqual({ method: 'POST', url: 'https://api.example.com/orders', headers: { 'X-Trace': '1', 'Content-Type': 'application/json' }, body: '{"sku":"A"}', timeoutSeconds: 30 });
  });

  it('an empty 204 answer is an empty ResultSet', async () => {
    const out = await contactWith([{ match: { http: `DELETE ${URL_}` }, status: 204 }]).run('REST API', { Verb: 'DELETE', Url: URL_ });
    expect(out).toMatchObject({ branch: 'Default', outputs: { ResultSet: {} }, vars: { __httpstatuscode: 204, __httpstatusdescription: 'No Content' } });
  });

  it.each<[string, HttpStub[], Record<string, unknown>, string, number, string]>([
    ['a non-2xx status (error body kept)', [{ match: { http: `GET ${URL_}` }, status: 404, body: { error: 'no order' } }], {}, 'answered 404 Not Found', 404, 'Not Found'],
    ['a non-JSON body', [{ match: { http: `GET ${URL_}` }, body: '<html>hi</html>' }], {}, 'the response is not JSON (it starts with "<html>hi</html>")', 200, 'OK'],
    ['a body over 32 KB', [{ match: { http: `GET ${URL_}` }, body: 'x'.repeat(33_000) }], {}, 'exceeds the 32768-byte limit', 200, 'Response too large (limit 32768 bytes)'],
    ['a timeout', [{ match: { http: `GET ${URL_}` }, delay: 20 }], { TimeoutSeconds: 5 }, 'timed out after 5 s', 408, 'Request Timeout'],
    ['a connection failure after the retry', [{ match: { http: `GET ${URL_}` }, error: 'ECONNREFUSED' }], {}, 'failed: ECONNREFUSED', 0, 'Connection failed'],
    ['a request no stub answers', [], {}, 'No HTTP stub answers GET https://api.example.com/orders/42', 0, 'Network access not allowed'],
  ])('OnError for %s, with the status set', async (_what, stubs, props, message, code, description) => {
    const c = contactWith(stubs);
    const out = await c.run('REST API', { Url: URL_, ...props });
    expect(out.branch).toBe('OnError');
    expect(out.error).toContain(message);
    expect(out.vars).toEqual({ __httpstatuscode: code, __httpstatusdescription: description });
    expect(c.effects).toHaveLength(1);
  });

  it('keeps the JSON error body of a non-2xx answer in ResultSet', async () => {
    const out = await contactWith([{ match: { http: `GET ${URL_}` }, status: 500, body: { error: 'boom' } }]).run('REST API', { Url: URL_ });
    expect(out.outputs).toEqual({ ResultSet: { error: 'boom' } });
  });

  it('advances the virtual clock by the timeout when a stub is too slow', async () => {
    const c = contactWith([{ match: { http: `GET ${URL_}` }, delay: 120 }]);
    await c.run('REST API', { Url: URL_, TimeoutSeconds: 90 });
    expect(c.elapsed()).toBe(90);
  });

  it('retries a connection failure once and succeeds', async () => {
    const c = contactWith([
      { match: { http: `GET ${URL_}` }, error: 'ECONNRESET', times: 1 },
      { match: { http: `GET ${URL_}` }, body: { ok: true } },
    ]);
    expect((await c.run('REST API', { Url: URL_ })).branch).toBe('Default');
  });

  it.each([
    [{ Url: 'ftp://x' }, 'is not an http:// or https:// URL'],
    [{ Url: URL_, Headers: 'not json' }, 'Headers must be a DDO or JSON text'],
    [{ Url: URL_, Headers: '[1]' }, 'Headers must be a DDO or JSON object'],
  ])('OnError before sending for %j', async (props, message) => {
    const c = contactWith([]);
    const out = await c.run('REST API', props);
    expect(out).toMatchObject({ branch: 'OnError', error: expect.stringContaining(message), vars: { __httpstatuscode: 0, __httpstatusdescription: 'Invalid request' } });
    expect(c.effects).toEqual([]);
  });

  it('masks a tenant credential and key-like query parameters in effects and messages', async () => {
    const c = contactWith([{ match: { http: 'GET https://ven12345.api.kustomerapp.com/v1/customers' }, status: 401, body: {} }]);
    const out = await c.run('REST API', { Url: 'https://ven12345.api.kustomerapp.com/v1/customers?api_key=abc123', Headers: { 'X-Key': 'kst-SECRET-1234567890' } });
    const shown = JSON.stringify([out, c.effects]);
    expect(shown).not.toContain('kst-SECRET');
    expect(shown).not.toContain('abc123');
    expect(shown).toContain('api_key=***');
  });

  it.each([
    ['no network at all', () => fakeContact(tenantFromData(CRM_TENANT).store)],
    ['a stub table with no matching row', () => contactWith([{ match: { http: 'GET https://api.example.com/other' }, body: {} }])],
  ])('names a refused request without its key (%s)', async (_name, contact) => {
    const c = contact();
    const out = await c.run('REST API', { Url: 'https://api.example.com/orders/42?token=s3cr3t&page=2' });
    expect(out).toMatchObject({ branch: 'OnError', error: expect.stringContaining('GET https://api.example.com/orders/42') });
    const shown = JSON.stringify([out, c.effects]);
    expect(shown).not.toContain('s3cr3t');
  });

  it('calls a real local server when the network is allowed', async () => {
    const server = createServer((req, res) => res.end(JSON.stringify({ path: req.url, method: req.method })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const http = createRealHttp();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
      const c = fakeContact(tenantFromData(CRM_TENANT).store, { http });
      const out = await c.run('REST API', { Verb: 'PUT', Url: url, Body: '{}' });
      expect(out).toMatchObject({ branch: 'Default', outputs: { ResultSet: { path: '/ping', method: 'PUT' } }, vars: { __httpstatuscode: 200 } });
    } finally {
      await http.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
