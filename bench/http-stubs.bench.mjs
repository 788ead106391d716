// Row http.stubs: 100,000 requests answered by a 50-row HTTP stub table
// (method + URL match, JSON bodies), through the synchronous form the snippet
// REST proxy uses. Peer `map`: a plain Map lookup by "METHOD url" returning
// the same prepared answers — the floor for any table lookup.
import { createStubHttp } from '../dist/src/http/index.js';
import { median } from './measure.mjs';

const WORK = 100_000;
const ROWS = 50;
const ROUNDS = 5;

export default async function () {
  const stubs = Array.from({ length: ROWS }, (_, i) => ({ match: { http: `GET https://api.example.com/orders/${i}` }, body: { id: i, items: [{ sku: `S${i}` }] } }));
  const http = createStubHttp(stubs);
  const requests = Array.from({ length: WORK }, (_, i) => ({ method: 'GET', url: `https://api.example.com/orders/${(i * 31) % ROWS}?page=1`, headers: {}, timeoutSeconds: 10 }));
  const ours = await median(() => {
    for (const req of requests) if (http.requestSync(req).status !== 200) throw new Error('unexpected status');
  }, ROUNDS);
  const table = new Map(stubs.map((s) => [s.match.http, { status: 200, body: JSON.stringify(s.body) }]));
  const map = await median(() => {
    for (const req of requests) if (table.get(`${req.method} ${req.url.split('?')[0]}`).status !== 200) throw new Error('peer mismatch');
  }, ROUNDS);
  return { name: 'http.stubs', work: WORK, unit: 'requests', seconds: ours, peers: { map } };
}
