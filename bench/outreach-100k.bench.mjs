// Row outreach.100k (spec/performance.md): an outbound digital skill's sender
// renders its template for 100,000 calling-list records and posts each
// message to the middleware (a stub answering 202), deliveries recorded in
// the memory store. Peer `js`: the same template rendered for the same
// records with plain string replacement.
import { createStubHttp } from '../dist/src/http/stubs.js';
import { DigitalSender } from '../dist/src/tenant/digital/sender.js';
import { DIGITAL_SKILLS_COLLECTION } from '../dist/src/tenant/digital/records.js';
import { tenantFromData } from '../dist/src/tenant/tenant.js';
import { DEFAULT_LIMITS } from '../dist/src/contract/limits.js';
import { medianOf } from './measure.mjs';

const WORK = 100_000;
const ROUNDS = 3;
const T0 = Date.parse('2026-11-23T16:00:00Z');
const BODY = 'Hi {FirstName} {LastName}, your {Plan} plan offer ends {OfferEnd}. Reply YES to book a call with {Agent}.';
const AREAS = ['303', '720', '212', '312', '415', '206', '404', '305', '617', '214'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Donald', 'Frances', 'Niklaus'];
const PLANS = ['Gold', 'Silver', 'Bronze'];

const TENANT = {
  timeZone: 'America/Denver',
  skills: [
    {
      id: 4100, name: 'BYOC_Promo_Oct', media: 'Digital', direction: 'Outbound', personalConnection: true, campaign: 'Promotions',
      channel: 'acme-chat-us', template: 'promo', source: 'PromoList', started: true, sender: { ratePerMinute: 100000 },
    },
  ],
  byoc: [{ id: 'acme', name: 'AcmeChat', outboundUrl: 'http://localhost:8787', channels: [{ id: 'acme-chat-us', name: 'Acme Chat US' }] }],
  messageTemplates: [{ name: 'promo', body: BODY }],
  campaigns: [{ name: 'Promotions' }],
  sources: [{ name: 'PromoList', mapping: { ExternalID: 'Id', FirstName: 'FirstName', LastName: 'LastName', Destinations: ['Mobile'], Custom1: 'Plan', Custom2: 'OfferEnd', Custom3: 'Agent' } }],
};

function records() {
  const out = new Array(WORK);
  for (let i = 0; i < WORK; i++) {
    const raw = { Id: `C-${i}`, FirstName: FIRST[i % 10], LastName: `Lovelace${i}`, Mobile: `(${AREAS[i % 10]}) 555-${String(i % 10000).padStart(4, '0')}`, Plan: PLANS[i % 3], OfferEnd: `${1 + (i % 28)} November`, Agent: FIRST[(i + 3) % 10] };
    out[i] = {
      skillNo: 4100, externalId: raw.Id, sourceName: 'PromoList', firstName: raw.FirstName, lastName: raw.LastName, destinations: [`+1${AREAS[i % 10]}555${String(i % 10000).padStart(4, '0')}`],
      timeZone: 'America/Denver', expiresAtMs: null, fields: { FirstName: raw.FirstName, LastName: raw.LastName, Custom1: raw.Plan, Custom2: raw.OfferEnd, Custom3: raw.Agent, Record: raw },
      status: 'queued', createdAtMs: T0, updatedAtMs: T0, dialedAtMs: null,
    };
  }
  return out;
}

/** One campaign: a fresh tenant with the list, its sender on a stub middleware, driven until the list is sent. */
function campaign(list, work = list.length) {
  const tenant = tenantFromData(TENANT);
  for (const p of list) tenant.store.upsertProspect({ ...p });
  const settings = tenant.store.collection(DIGITAL_SKILLS_COLLECTION).get('4100');
  const sender = new DigitalSender(tenant.store, settings);
  const http = createStubHttp([{ match: { http: 'POST http://localhost:8787/channels/acme-chat-us/outbound' }, status: 202 }]);
  let effects = 0;
  sender.attach({ clock: undefined, tenant: tenant.store, random: () => 0, limits: DEFAULT_LIMITS, http, effect: () => effects++ });
  return () => {
    let now = T0;
    for (let due = sender.nextDueMs(); due !== null; due = sender.nextDueMs()) {
      now = Math.max(now, due);
      sender.runDue(now);
    }
    if (sender.sent !== work || effects !== work) throw new Error(`sent ${sender.sent} of ${work} (${effects} effects)`);
  };
}

function plainReplace(list) {
  let chars = 0;
  for (const p of list) {
    const r = p.fields.Record;
    chars += BODY.replace(/\{(\w+)\}/g, (_, k) => r[k] ?? '').length;
  }
  return chars;
}

export default async function () {
  const list = records();
  campaign(list.slice(0, 1000))(); // warm-up
  plainReplace(list);
  const ours = [];
  const js = [];
  for (let r = 0; r < ROUNDS; r++) {
    const run = campaign(list);
    globalThis.gc?.();
    let t = process.hrtime.bigint();
    run();
    ours.push(Number(process.hrtime.bigint() - t) / 1e9);
    globalThis.gc?.();
    t = process.hrtime.bigint();
    if (plainReplace(list) === 0) throw new Error('nothing rendered');
    js.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return [{ name: 'outreach.100k', work: WORK, unit: 'messages', seconds: medianOf(ours), peers: { js: medianOf(js) } }];
}
