// The HTTP layer's interface, shared by the REST API action and the snippet
// REST proxy. Implementations (src/http/): a stub table (tests), a real client
// (only when the caller allows the network), and one that refuses every request.
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Timeout in seconds (≤ 90). */
  timeoutSeconds: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** Virtual seconds the exchange took (stub delay); real calls report wall time. */
  elapsedSeconds: number;
}

export interface HttpClient {
  /** Performs a request; rejects with HttpError for refused, timed-out or failed requests. */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Synchronous form used by the snippet REST proxy (snippets run synchronously). */
  requestSync(req: HttpRequest): HttpResponse;
}

/** What an HttpError knows about the exchange that failed (all optional). */
export interface HttpErrorDetail {
  /** Seconds the failed exchange took (the timeout, a stub's delay…), so the caller can advance its clock. */
  elapsedSeconds?: number;
  /** The HTTP status when a response arrived (a too-large body still had one). */
  status?: number;
  statusText?: string;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'timeout' | 'connection' | 'too-large' | 'no-stub',
    readonly detail: HttpErrorDetail = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
