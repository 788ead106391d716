// The credential forms every output masks (http/credentials.ts), one row per
// form the reliability audit found unmasked, and text that must stay as is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCredentialName, maskCredentials, mayHoldCredential } from '../../src/http/credentials.js';
import { maskUrl, redactHeaders } from '../../src/http/policy.js';

describe('credential masking', () => {
  it.each([
    ['https://user:hunter2@api.example.com/v1', 'https://user:***@api.example.com/v1'],
    ['https://user:p@ss@word@api.example.com/v1', 'https://user:***@api.example.com/v1'],
    ['https://ghp_abcdef123456@api.example.com/repo', 'https://***@api.example.com/repo'],
    ['https://h.example.com/x?api_key=K123&q=1', 'https://h.example.com/x?api_key=***&q=1'],
    ['https://h.example.com/x?client_secret=S1&client_id=app', 'https://h.example.com/x?client_secret=***&client_id=app'],
    ['https://h.example.com/x?sig=abc%2Bdef&sv=2020', 'https://h.example.com/x?sig=***&sv=2020'],
    ['https://h.example.com/x?access-token=T1', 'https://h.example.com/x?access-token=***'],
    ['https://s3.example.com/o?X-Amz-Signature=beef&X-Amz-Date=20260101', 'https://s3.example.com/o?X-Amz-Signature=***&X-Amz-Date=20260101'],
    ['https://app.example.com/cb#token=T2&state=s', 'https://app.example.com/cb#token=***&state=s'],
    ['https://h.example.com/x?password=pw&key=k2', 'https://h.example.com/x?password=***&key=***'],
  ])('masks %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
    expect(maskCredentials(`GET ${url} failed`)).toBe(`GET ${masked} failed`);
  });

  it('masks bearer tokens and credential headers in text', () => {
    expect(maskCredentials('sent Bearer eyJhbGciOi.abc-def_1 to the API')).toBe('sent Bearer *** to the API');
    expect(maskCredentials('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic ***');
    expect(maskCredentials('{"x-api-key": "K-9", "accept": "json"}')).toBe('{"x-api-key": "***", "accept": "json"}');
    expect(maskCredentials('Cookie: session=abc')).toBe('Cookie: ***');
  });

  it('leaves ordinary text and URLs alone', () => {
    for (const text of ['https://h.example.com/x?q=1&page=2#top', 'a = b + 1', 'mail me at a@b.example', 'Basic plan', 'key/value pairs', 'x == y']) expect(maskCredentials(text)).toBe(text);
  });

  it('names credentials by the maintained list', () => {
    for (const n of ['password', 'api_key', 'ApiKey', 'client_secret', 'access-token', 'X-Amz-Signature', 'sig', 'refresh_token', 'Authorization', 'x-api-key', 'Cookie'])
      expect(isCredentialName(n), n).toBe(true);
    for (const n of ['q', 'page', 'state', 'client_id', 'primaryKey', 'monkey', 'name', 'bypass']) expect(isCredentialName(n), n).toBe(false);
  });

  it('masks credential headers, and credential forms in the other headers', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'X-Api-Key': 'k', Accept: 'application/json', Referer: 'https://u:pw@h.example.com/' })).toEqual({
      Authorization: '***',
      'X-Api-Key': '***',
      Accept: 'application/json',
      Referer: 'https://u:***@h.example.com/',
    });
  });

  it('says text may hold a credential whenever masking would change it', () => {
    // Short pieces of the forms, so that short text with `@`, `=` and the words' letters is common.
    // Digits and signs (text without a letter is scanned, not matched), and letters a case-insensitive match might fold to ASCII.
    const piece = fc.constantFrom('@', '=', '//', 'a', 'b', 'e', 'k', 'r', 'Bearer ', 'bearer', 'cookie', 'Cookie: ', 'api-key', 'x', '1', ' ', '?sig=', 'Authorization: ', 'auth-token', '0123456789', '+1 (303) 555-0100', ':', '.', 'ſ', '\u212a', 'é', 'İ');
    const text = fc.oneof(
      fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
      fc.string({ maxLength: 8 }),
      // Past the length that is scanned.
      fc.array(piece, { minLength: 20, maxLength: 80 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        if (!mayHoldCredential(t)) expect(maskCredentials(t)).toBe(t);
      }),
      { numRuns: 3000 },
    );
    for (const t of ['', 'i', 'i + 1', '2K', 'last', '12345', '123456789', '+1 (303) 555-0100', '2026-11-21T09:00:00.000Z', 'ſ'.repeat(300)]) expect(mayHoldCredential(t), t).toBe(false);
    for (const t of ['a=b', '@', 'x@y', 'Bearer', 'cookie', 'https://u:p@h.example.com', '12=34', `${'1'.repeat(300)}@`]) expect(mayHoldCredential(t), t).toBe(true);
  });
});
