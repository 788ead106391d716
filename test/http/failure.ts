// Awaits a request that must fail and returns its HttpError (shared by the HTTP tests).
import { expect } from 'vitest';
import { HttpError } from '../../src/contract/http.js';

export async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    return e as HttpError;
  }
  throw new Error('expected the request to fail');
}
