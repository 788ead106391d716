// The code of the worker thread that performs real HTTP requests. It is kept as
// source text (started with `eval: true`) so the same worker runs from the
// compiled package and from the TypeScript sources under test. Both the async
// and the synchronous client talk to it: the synchronous one blocks on a shared
// flag (Atomics.wait) so snippets can make REST calls without becoming async.
//
// Protocol: { id, req, maxBytes, flag? } in; { id, result } out, where result is
// { ok: true, response } or { ok: false, kind, message, elapsedSeconds, status? }.
// Async requests use the parent port; synchronous ones `workerData.syncPort`.
// A connection failure before any response is retried once; the timeout (real
// clock) applies to each attempt; bodies above maxBytes abort the exchange.
export const REAL_HTTP_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');

function attempt(req, maxBytes) {
  return new Promise((resolve) => {
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    let settled = false;
    const done = (value) => { if (!settled) { settled = true; clearTimeout(timer); resolve(value); } };
    let url;
    try { url = new URL(req.url); } catch { return done({ ok: false, kind: 'connection', message: 'invalid URL', elapsedSeconds: 0 }); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return done({ ok: false, kind: 'connection', message: 'only http and https URLs are supported', elapsedSeconds: 0 });
    const mod = url.protocol === 'https:' ? https : http;
    const headers = Object.assign({}, req.headers);
    if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['content-length'] = String(Buffer.byteLength(req.body, 'utf8'));
    let responded = false;
    const request = mod.request(url, { method: req.method, headers }, (res) => {
      responded = true;
      const chunks = [];
      let size = 0;
      res.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBytes) {
          done({ ok: false, kind: 'too-large', message: 'response exceeds the ' + maxBytes + '-byte limit', status: res.statusCode, statusText: res.statusMessage || '', elapsedSeconds: elapsed() });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const flat = {};
        for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : String(v);
        done({ ok: true, response: { status: res.statusCode, statusText: res.statusMessage || '', headers: flat, body: Buffer.concat(chunks).toString('utf8'), elapsedSeconds: elapsed() } });
      });
      res.on('error', (e) => done({ ok: false, kind: 'connection', message: e.message, retry: false, elapsedSeconds: elapsed() }));
    });
    const timer = setTimeout(() => {
      done({ ok: false, kind: 'timeout', message: 'timed out after ' + req.timeoutSeconds + ' s', elapsedSeconds: elapsed() });
      request.destroy();
    }, Math.round(req.timeoutSeconds * 1000));
    request.on('error', (e) => done({ ok: false, kind: 'connection', message: e.code ? e.code + ' ' + e.message : e.message, retry: !responded, elapsedSeconds: elapsed() }));
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

async function perform(req, maxBytes) {
  const first = await attempt(req, maxBytes);
  if (first.ok || first.kind !== 'connection' || first.retry === false) return first;
  const second = await attempt(req, maxBytes);
  if (!second.ok) second.elapsedSeconds += first.elapsedSeconds;
  else second.response.elapsedSeconds += first.elapsedSeconds;
  return second;
}

function serve(port, flagged) {
  port.on('message', async (msg) => {
    let result;
    try { result = await perform(msg.req, msg.maxBytes); }
    catch (e) { result = { ok: false, kind: 'connection', message: String(e && e.message || e), elapsedSeconds: 0 }; }
    port.postMessage({ id: msg.id, result });
    if (flagged && msg.flag) { const f = new Int32Array(msg.flag); Atomics.store(f, 0, 1); Atomics.notify(f, 0); }
  });
}

serve(parentPort, false);
serve(workerData.syncPort, true);
`;
