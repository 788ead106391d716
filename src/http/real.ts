// The real HTTP client, used only when the caller allows the network
// (`--allow-network`, or an `http` option of the embedding API). Requests run in
// one worker thread: `request` awaits its answer, `requestSync` blocks on a
// shared flag so the snippet REST proxy stays synchronous. Timeouts use the
// real clock (≤ 90 s), bodies above 32 KB are refused, and a connection failure
// is retried once.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { clampTimeout, DEFAULT_MAX_RESPONSE_BYTES, describeRequest } from './policy.js';
import { REAL_HTTP_WORKER_SOURCE } from './real-worker-source.js';
import { HttpError, type HttpClient, type HttpRequest, type HttpResponse } from '../contract/http.js';

export interface RealHttpOptions {
  maxResponseBytes?: number;
}

export interface RealHttpClient extends HttpClient {
  /** Stops the worker thread (it never keeps the process alive while idle). */
  close(): Promise<void>;
}

type WorkerResult =
  | { ok: true; response: HttpResponse }
  | { ok: false; kind: 'timeout' | 'connection' | 'too-large'; message: string; elapsedSeconds: number; status?: number; statusText?: string };

interface Pending {
  resolve(r: HttpResponse): void;
  reject(e: unknown): void;
  req: HttpRequest;
}

export function createRealHttp(options: RealHttpOptions = {}): RealHttpClient {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let worker: Worker | undefined;
  let syncPort: MessagePort | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function start(): Worker {
    if (worker) return worker;
    const channel = new MessageChannel();
    const w = new Worker(REAL_HTTP_WORKER_SOURCE, { eval: true, workerData: { syncPort: channel.port2 }, transferList: [channel.port2] });
    w.on('message', (msg: { id: number; result: WorkerResult }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (pending.size === 0) w.unref();
      settle(p.req, msg.result, p.resolve, p.reject);
    });
    // A worker that dies must not leave callers waiting for ever.
    const abandon = (reason: string) => {
      for (const p of pending.values()) p.reject(new HttpError(`${describeRequest(p.req)} failed: ${reason}`, 'connection'));
      pending.clear();
      if (worker === w) worker = undefined;
    };
    w.on('error', (err) => abandon(err.message));
    w.on('exit', (code) => abandon(`the HTTP worker stopped (exit code ${code})`));
    w.unref();
    channel.port1.unref();
    worker = w;
    syncPort = channel.port1;
    return w;
  }

  function prepared(req: HttpRequest): HttpRequest {
    return { ...req, method: req.method.toUpperCase(), timeoutSeconds: clampTimeout(req.timeoutSeconds) };
  }

  return {
    request(req) {
      const r = prepared(req);
      const w = start();
      const id = nextId++;
      return new Promise<HttpResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject, req: r });
        // Keep the process alive while an answer is awaited.
        w.ref();
        w.postMessage({ id, req: r, maxBytes });
      });
    },
    requestSync(req) {
      const r = prepared(req);
      start();
      const id = nextId++;
      const flag = new SharedArrayBuffer(4);
      syncPort!.postMessage({ id, req: r, maxBytes, flag });
      // Two attempts of at most the timeout each, plus slack for start-up.
      const waitMs = r.timeoutSeconds * 2000 + 5000;
      if (Atomics.wait(new Int32Array(flag), 0, 0, waitMs) === 'timed-out')
        throw new HttpError(`${describeRequest(r)} timed out after ${r.timeoutSeconds} s`, 'timeout', { elapsedSeconds: r.timeoutSeconds });
      const received = receiveMessageOnPort(syncPort!) as { message: { id: number; result: WorkerResult } } | undefined;
      if (!received || received.message.id !== id) throw new HttpError(`${describeRequest(r)} failed: no answer from the HTTP worker`, 'connection');
      let out: HttpResponse | undefined;
      let failure: unknown;
      settle(
        r,
        received.message.result,
        (res) => (out = res),
        (e) => (failure = e),
      );
      if (failure !== undefined) throw failure;
      return out!;
    },
    async close() {
      const w = worker;
      worker = undefined;
      syncPort?.close();
      syncPort = undefined;
      if (w) await w.terminate();
    },
  };
}

function settle(req: HttpRequest, result: WorkerResult, resolve: (r: HttpResponse) => void, reject: (e: unknown) => void): void {
  if (result.ok) return resolve(result.response);
  const detail = { elapsedSeconds: result.elapsedSeconds, status: result.status, statusText: result.statusText };
  const message =
    result.kind === 'connection'
      ? `${describeRequest(req)} failed: ${result.message}`
      : `${describeRequest(req)}: ${result.message}`;
  reject(new HttpError(message, result.kind, detail));
}
