import { describe, expect, it } from 'vitest';
import { createStubHttp, type HttpStub } from '../../src/http/stubs.js';
import type { ProspectRecord } from '../../src/contract/tenant-store.js';
import { digitalContact } from '../../src/tenant/digital/contacts.js';
import { scriptReplies } from '../../src/tenant/digital/inbox.js';
import { checkTenantText, openCheckedTenant } from '../../src/tenant/tenant.js';
import { run } from '../runtime/helpers.js';
import { OUTREACH_TENANT_YAML } from './fixtures.js';

const OUTBOUND = 'POST http://localhost:8787/channels/acme-chat-us/outbound';
const OK: HttpStub = { match: { http: OUTBOUND }, status: 202 };
const NOW = '2026-11-23T09:00:00-07:00';

const CAMPAIGN = `script PromoDay
type Generic
start: BEGIN -> done
done: END`;

const ANSWER = `// Answers replies to the promotion.
script AnswerReplies
type Digital
start: BEGIN -> check
check: IF "Said yes?" {
  Expression = "inboundmessage = 'YES'"
}
  True -> ask
  False -> bye
ask: ASKCALLER {
  Message = "Great! Which day suits you?"
  TimeoutSec = 172800
  ResultVar = day
}
  CallerResponded -> confirm
  Timeout -> late
  Default -> late
  Error -> failed
confirm: TEXTMSG {
  Message = "Booked for {day}. See you!"
  MessageStatus = Resolved
}
  Default -> agent
  Error -> failed
agent: REQAGENT DIGITAL {
  Priority = 5
} -> done
late: TEXTMSG { Message = "No answer, we will write again." } -> done
bye: UPDATE DIGITAL CONTACT STATUS { UpdateContactStatus = "Closed" } -> done
failed: ASSIGN { Variable = problem
  Value = "{_err}" } -> done
done: END`;

const record = (id: string, phone: string): ProspectRecord => ({
  skillNo: 4100, externalId: id, sourceName: 'PromoList', firstName: `Ada${id}`, lastName: null, destinations: [phone], timeZone: 'America/Denver',
  expiresAtMs: null, fields: { FirstName: `Ada${id}`, Custom1: '31/10', Record: { Id: id, OfferEnd: '31/10' } }, status: 'queued',
  createdAtMs: 0, updatedAtMs: 0, dialedAtMs: null,
});

function tenantWith(replies: Parameters<typeof scriptReplies>[1]) {
  const tenant = openCheckedTenant(checkTenantText(OUTREACH_TENANT_YAML, 'tenant.yaml'));
  tenant.store.upsertProspect(record('1', '+13035550101'));
  tenant.store.upsertProspect(record('2', '+13035550102'));
  scriptReplies(tenant.store, replies);
  return tenant;
}

const messages = (r: { effects: Record<string, unknown[]> }) =>
  (r.effects.messages as { direction: string; to?: string; from?: string; text: string; status: string; at: string }[]).map((m) => `${m.at.slice(5, 19)} ${m.direction === 'outbound' ? `→ ${m.to}` : `← ${m.from}`} [${m.status}] ${m.text}`);

describe('replies and the digital script', () => {
  it('a reply starts the channel script; ASKCALLER waits days for the next reply; TEXTMSG and REQAGENT DIGITAL act on the contact', async () => {
    const tenant = tenantWith([
      { to: '+1 303 555 0101', afterMs: 3_600_000, text: 'YES' },
      { to: '+13035550101', afterMs: 86_400_000, text: 'Friday' },
      { to: '+13035550102', afterMs: 60_000, text: 'no thanks' },
    ]);
    const r = await run([CAMPAIGN, ANSWER], {}, { tenant, now: NOW, http: createStubHttp([OK]) });
    expect(messages(r)).toEqual([
      '11-23T09:00:30 → +13035550101 [sent] Hi Ada1, your offer ends 31/10. Reply YES to book.',
      '11-23T09:01:00 → +13035550102 [sent] Hi Ada2, your offer ends 31/10. Reply YES to book.',
      '11-23T09:02:00 ← +13035550102 [received] no thanks',
      '11-23T10:00:30 ← +13035550101 [received] YES',
      '11-23T10:00:30 → +13035550101 [sent] Great! Which day suits you?',
      '11-24T10:00:30 ← +13035550101 [received] Friday',
      '11-24T10:00:30 → +13035550101 [sent] Booked for Friday. See you!',
    ]);
    const spawned = r.spawned!;
    expect(spawned.map((s) => [s.script, s.status])).toEqual([['AnswerReplies', 'completed'], ['AnswerReplies', 'completed']]);
    const [no, yes] = spawned.map((s) => digitalContact(tenant.store, s.contactId)!);
    expect(no).toMatchObject({ thread: '+13035550102', status: 'Closed' });
    // END stops the script, not the contact: it stays Resolved and routed to the channel's skill
    expect(yes).toMatchObject({ thread: '+13035550101', status: 'Resolved', routed: { skill: 4101, priority: 5 } });
  });

  it('ASKCALLER takes Timeout when no reply comes in TimeoutSec', async () => {
    const tenant = tenantWith([{ to: '+13035550101', afterMs: 60_000, text: 'YES' }]);
    const r = await run([CAMPAIGN, ANSWER], {}, { tenant, now: NOW, http: createStubHttp([OK]) });
    expect(messages(r).slice(-2)).toEqual(['11-23T09:01:30 → +13035550101 [sent] Great! Which day suits you?', '11-25T09:01:30 → +13035550101 [sent] No answer, we will write again.']);
  });
});
