// Digital contacts are contacts of the same model as calls: their status
// transitions, their events through the contact services (the digital
// actions', an agent's), their release when closed, and the run result that
// shows them like a call.
import { describe, expect, it } from 'vitest';
import type { ContactEvent, ContactServices, ContactView } from '../../src/contract/contact.js';
import type { BackgroundProcess, ProcessServices } from '../../src/contract/process.js';
import { createStubHttp, type HttpStub } from '../../src/http/stubs.js';
import type { TraceEvent } from '../../src/runtime/result.js';
import { applyDigitalEvent, digitalContact, newDigitalContact, putDigitalContact } from '../../src/tenant/digital/contacts.js';
import { deliverInbound } from '../../src/tenant/digital/inbox.js';
import { checkTenantText, openCheckedTenant, type Tenant } from '../../src/tenant/tenant.js';
import { NOW, run } from '../runtime/helpers.js';
import { OUTREACH_TENANT_YAML } from './fixtures.js';

const OK: HttpStub = { match: { http: 'POST http://localhost:8787/*' }, status: 202 };
const START = 'script Start\nstart: BEGIN -> done\ndone: END';
const T0 = Date.parse(NOW);
const ADA = { id: '1001', firstName: 'Ada', lastName: 'Lovelace' };
const open = () => newDigitalContact({ contactId: '77', channel: 'acme-chat-us', thread: '+13035550109', skill: 4101, startedMs: T0 });

describe('the digital contact model', () => {
  it('opens Open; status events move it; Closed is its release, after which nothing applies', () => {
    const c = open();
    expect(c).toMatchObject({ status: 'Open', agent: null, released: null });
    const pending = applyDigitalEvent(c, { type: 'status', status: 'Pending', by: 'script' }, T0)!;
    expect(pending.status).toBe('Pending');
    const closed = applyDigitalEvent(pending, { type: 'status', status: 'Closed', by: 'agent' }, T0 + 1000)!;
    expect(closed).toMatchObject({ status: 'Closed', released: { atMs: T0 + 1000, by: 'agent', cause: { callResult: 'Closed' } } });
    for (const e of [{ type: 'status', status: 'Open', by: 'script' }, { type: 'answer', agent: ADA, skillName: 'x' }] as ContactEvent[]) expect(applyDigitalEvent(closed, e, T0)).toBeUndefined();
  });

  it('an agent answering records the agent, status unchanged; an agent hanging up, a hold or a signal change nothing', () => {
    expect(applyDigitalEvent(open(), { type: 'answer', agent: ADA, skillName: 'Digital_Replies' }, T0)).toMatchObject({ status: 'Open', agent: ADA });
    for (const e of [{ type: 'release', by: 'agent' }, { type: 'hold' }, { type: 'signal', from: '1', params: [] }] as ContactEvent[]) expect(applyDigitalEvent(open(), e, T0)).toBeUndefined();
  });
});

/** A background process that, one virtual minute after the start, does `act` with the contact services. */
class AtOneMinute implements BackgroundProcess {
  readonly name = 'test:contacts';
  private services: ProcessServices | undefined;
  private done = false;
  constructor(private readonly act: (contacts: ContactServices) => void) {}
  attach(services: ProcessServices): void {
    this.services = services;
  }
  nextDueMs(): number | null {
    return this.done ? null : T0 + 60_000;
  }
  runDue(): void {
    this.done = true;
    this.act(this.services!.contacts!);
  }
}

function outreachTenant(extra: BackgroundProcess[] = []): Tenant {
  const tenant = openCheckedTenant(checkTenantText(OUTREACH_TENANT_YAML, 'tenant.yaml'));
  const background = tenant.background.bind(tenant);
  return { ...tenant, background: () => [...background(), ...extra] };
}

/** Runs AnswerReplies (`steps` after BEGIN) for one reply on +13035550101; returns the result and the trace's contact events. */
async function replyRun(steps: string, tenant = outreachTenant()) {
  deliverInbound(tenant.store, 'acme-chat-us', '+13035550101', T0 + 5000, 'hi');
  const script = `script AnswerReplies\ntype Digital\nstart: BEGIN -> act\n${steps}\nok: END\nfailed: END`;
  const r = await run([START, script], { keepTrace: true }, { tenant, http: createStubHttp([OK]) });
  const events = (r.trace ?? []).filter((e): e is Extract<TraceEvent, { type: 'contact' }> => e.type === 'contact').map((e) => `${e.contactId} ${e.event}: ${e.text}${e.ignored ? ' (ignored)' : ''}`);
  return { r, spawned: r.spawned![0]!, events, tenant };
}

describe('digital contacts in runs', () => {
  it('a reply-started run shows its digital contact in the result the way a call shows its own', async () => {
    const { spawned, events } = await replyRun('act: TEXTMSG { Message = "Hello" } -> ok');
    expect(spawned.contact).toEqual({ contactId: spawned.contactId, kind: 'digital', ani: '+13035550101', dnis: 'acme-chat-us', status: 'Pending', releasedBy: null, agent: null });
    expect(events).toEqual([`${spawned.contactId} status: the script set the contact Pending`]);
  });

  it('closing is the contact’s release; a closed contact takes no more messages or status changes', async () => {
    const { spawned, events } = await replyRun(
      'act: UPDATE DIGITAL CONTACT STATUS { UpdateContactStatus = "Closed" } -> again\n' +
        'again: UPDATE DIGITAL CONTACT STATUS { UpdateContactStatus = "Open" }\n  Default -> ok\n  OnError -> write\n  OnInvalidContactId -> failed\n  OnInvalidStatus -> failed\n' +
        'write: TEXTMSG { Message = "Still there?" }\n  Default -> ok\n  Error -> failed',
    );
    expect(spawned.contact).toMatchObject({ kind: 'digital', status: 'Closed', releasedBy: 'script' });
    expect(spawned.path.slice(-3)).toEqual(['AnswerReplies.again', 'AnswerReplies.write', 'AnswerReplies.failed']);
    expect(spawned.lastError).toBe(`TEXTMSG: digital contact ${spawned.contactId} is Closed; a closed contact does not change any more`);
    expect(events).toEqual([`${spawned.contactId} status: the script set the contact Closed`]);
  });

  it('UPDATE DIGITAL CONTACT STATUS reaches another digital contact by id, one whose script ended long ago', async () => {
    const tenant = outreachTenant();
    putDigitalContact(tenant.store, open());
    const { spawned, events } = await replyRun('act: UPDATE DIGITAL CONTACT STATUS { ContactId = "77"\n  UpdateContactStatus = "Resolved" }\n  Default -> ok\n  OnInvalidContactId -> failed', tenant);
    expect(spawned.path.at(-1)).toBe('AnswerReplies.ok');
    expect(digitalContact(tenant.store, '77')).toMatchObject({ status: 'Resolved', released: null });
    expect(events).toEqual(['77 status: the script set the contact Resolved']);
    // Its own contact did not change.
    expect(spawned.contact?.status).toBe('Open');
  });

  it('background processes reach digital contacts like calls: an agent answers, closes it, and release listeners hear of it', async () => {
    const seen: { view?: ContactView; released: string[]; raised: boolean[] } = { released: [], raised: [] };
    const tenant = outreachTenant([
      new AtOneMinute((contacts) => {
        contacts.onRelease((id, atMs, by) => seen.released.push(`${id} at ${new Date(atMs).toISOString()} by ${by}`));
        seen.raised.push(contacts.raise('77', { type: 'answer', agent: ADA, skillName: 'Digital_Replies', skillNo: 4101 }));
        seen.raised.push(contacts.raise('77', { type: 'status', status: 'Closed', by: 'agent' }));
        seen.raised.push(contacts.raise('78', { type: 'status', status: 'Closed', by: 'agent' }));
        seen.view = contacts.get('77');
      }),
    ]);
    putDigitalContact(tenant.store, open());
    // ASKCALLER waits two minutes for an answer that never comes, so the run is there when the agent acts.
    await replyRun('act: ASKCALLER { Message = "Day?"\n  TimeoutSec = 120 }\n  CallerResponded -> ok\n  Timeout -> ok\n  Default -> ok\n  Error -> failed', tenant);
    expect(seen.raised).toEqual([true, true, false]);
    expect(seen.view).toEqual({ contactId: '77', masterId: '77', kind: 'digital', status: 'Closed', ani: '+13035550109', dnis: 'acme-chat-us', skillNo: 4101, skillName: 'Digital_Replies', agent: ADA, released: { atMs: T0 + 60_000, by: 'agent', cause: { callResult: 'Closed', causeCode: 0, categoryId: 0 } } });
    expect(seen.released).toEqual([`77 at ${new Date(T0 + 60_000).toISOString()} by agent`]);
  });
});
