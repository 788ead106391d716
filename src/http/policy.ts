// The rules every HTTP client of the emulator applies the same way, whether the
// answer comes from a stub or from the network: Studio's 32 KB response cap,
// the 90-second timeout ceiling, and how requests are named in messages and
// effects (credentials masked).
import type { HttpRequest } from '../contract/http.js';
import { setMember } from '../contract/value.js';
import { isCredentialName, MASK, maskCredentials } from './credentials.js';

/** Studio's REST API and snippet proxy refuse responses above 32 KB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024;
/** Studio lets a request wait at most 90 seconds. */
export const MAX_TIMEOUT_SECONDS = 90;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** A timeout the clients accept: positive, at most 90 s (non-numbers fall back to the default). */
export function clampTimeout(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return DEFAULT_TIMEOUT_SECONDS;
  return Math.min(seconds, MAX_TIMEOUT_SECONDS);
}

/** The reason phrase of a status code (`404` -> `Not Found`); empty for unknown codes. */
export function statusTextOf(status: number): string {
  // node:http is looked up here, not imported: `check` loads this module but never makes a request.
  return process.getBuiltinModule('node:http').STATUS_CODES[status] ?? '';
}

/** `GET https://host/path` — how messages, stubs and effects name a request. */
export function describeRequest(req: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${req.method.toUpperCase()} ${maskUrl(req.url)}`;
}

/** True when a header's value is a credential (the names in credentials.ts). */
export function isSecretHeader(name: string): boolean {
  return isCredentialName(name);
}

/** A copy of `headers` with credential values replaced by `***`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // A header named __proto__ stays a header.
  for (const [k, v] of Object.entries(headers)) setMember(out, k, isSecretHeader(k) ? MASK : maskCredentials(v));
  return out;
}

/** A URL as shown in messages, effects and request logs: passwords, tokens and credential parameters masked (credentials.ts). */
export function maskUrl(url: string): string {
  return maskCredentials(url);
}

/** Byte length of a UTF-8 string without allocating a buffer. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
