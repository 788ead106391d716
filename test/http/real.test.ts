// The real client against a local HTTP server on 127.0.0.1 started by the test:
// async and synchronous requests, the 32 KB cap, the real-clock timeout and the
// single retry on connection failure. The synchronous client blocks its thread,
// so for those tests the server runs in a worker thread of its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealHttp, createStubHttp, HttpError, type HttpRequest } from '../../src/http/index.js';
import { failure } from './failure.js';

// One routing table for both servers: /json, /echo (method, headers, body), /big, /slow, /status/<n>.
const HANDLER = String.raw`(req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/json') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ hello: 'world', n: 1 })); }
    else if (url.pathname === '/echo') res.end(JSON.stringify({ method: req.method, auth: req.headers['authorization'] || null, body }));
    else if (url.pathname === '/big') res.end('x'.repeat(40 * 1024));
    else if (url.pathname === '/slow') setTimeout(() => res.end('{}'), 3000);
    else if (url.pathname.startsWith('/status/')) { res.statusCode = Number(url.pathname.slice(8)); res.end('{"error":true}'); }
    else { res.statusCode = 404; res.end('not found'); }
  });
}`;

const handler = new Function(`return ${HANDLER}`)() as Parameters<typeof createServer>[1];
const req = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', url, headers: {}, timeoutSeconds: 10, ...extra });


/** A port nothing listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('createRealHttp (async)', () => {
  let server: Server;
  let base: string;
  const http = createRealHttp();
  beforeAll(async () => {
    server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await http.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('returns status, headers, body and the wall time taken', async () => {
    const res = await http.request(req(`${base}/json`));
    expect(res.status).toBe(200);
    expect(res.statusText).toBe('OK');
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ hello: 'world', n: 1 });
    expect(res.elapsedSeconds).toBeGreaterThanOrEqual(0);
    expect(res.elapsedSeconds).toBeLessThan(5);
  });

  it('sends the method, headers and body', async () => {
    const res = await http.request(req(`${base}/echo`, { method: 'put', headers: { Authorization: 'Bearer t0k' }, body: '{"a":1}' }));
    expect(JSON.parse(res.body)).toEqual({ method: 'PUT', auth: 'Bearer t0k', body: '{"a":1}' });
  });

  it('returns non-2xx answers as responses (the caller decides)', async () => {
    const res = await http.request(req(`${base}/status/503`));
    expect(res.status).toBe(503);
    expect(res.statusText).toBe('Service Unavailable');
  });

  it('refuses a body over 32 KB, keeping the status', async () => {
    const err = await failure(http.request(req(`${base}/big`)));
    expect(err.kind).toBe('too-large');
    expect(err.detail.status).toBe(200);
  });

  it('times out on the real clock', async () => {
    const err = await failure(http.request(req(`${base}/slow`, { timeoutSeconds: 0.3 })));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/slow: timed out after 0\.3 s$/);
  });

  it('retries a refused connection once, then reports it', async () => {
    const port = await closedPort();
    const err = await failure(http.request(req(`http://127.0.0.1:${port}/x`)));
    expect(err.kind).toBe('connection');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('is the fallback of a stub table', async () => {
    const stubbed = createStubHttp([{ match: { http: `GET ${base}/echo` }, body: { stubbed: true } }], { fallback: http });
    expect(JSON.parse((await stubbed.request(req(`${base}/echo`))).body)).toEqual({ stubbed: true });
    expect(JSON.parse((await stubbed.request(req(`${base}/json`))).body)).toEqual({ hello: 'world', n: 1 });
  });
});

describe('createRealHttp (synchronous, for snippets)', () => {
  let worker: Worker;
  let base: string;
  const http = createRealHttp();
  beforeAll(async () => {
    worker = new Worker(
      `const { createServer } = require('node:http'); const { parentPort } = require('node:worker_threads');
       const s = createServer(${HANDLER}); s.listen(0, '127.0.0.1', () => parentPort.postMessage(s.address().port));`,
      { eval: true },
    );
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await http.close();
    await worker.terminate();
  });

  it('blocks until the answer arrives', () => {
    const res = http.requestSync(req(`${base}/json`));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ hello: 'world', n: 1 });
    const echo = http.requestSync(req(`${base}/echo`, { method: 'POST', body: 'hi' }));
    expect(JSON.parse(echo.body)).toMatchObject({ method: 'POST', body: 'hi' });
  });

  it('throws the same errors as the async form', () => {
    expect(() => http.requestSync(req(`${base}/big`))).toThrow(/exceeds the 32768-byte limit/);
    let err: unknown;
    try {
      http.requestSync(req(`${base}/slow`, { timeoutSeconds: 0.3 }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).kind).toBe('timeout');
  });
});
