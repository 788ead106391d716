// Kustomer data memorialization of digital contacts: when the contact is
// transferred (REQAGENT DIGITAL) or closed, once — not at END, which stops
// the script but not the contact.
import { describe, expect, it } from 'vitest';
import { createStubHttp } from '../../src/http/stubs.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { CRM_TENANT } from '../crm/fixtures.js';
import { run } from '../runtime/helpers.js';

const TENANT = {
  ...CRM_TENANT,
  skills: [...CRM_TENANT.skills, { id: 4101, name: 'Digital_Replies', media: 'Digital', direction: 'Inbound' }],
  byoc: [{ id: 'acme', name: 'AcmeChat', outboundUrl: 'http://localhost:8787', channels: [{ id: 'chat-us', name: 'Chat US', script: 'Answer', skill: 4101 }] }],
};
const START = `script Start
start: BEGIN -> done
done: END`;
const answer = (ending: string) => `script Answer
type Digital
start: BEGIN -> awc
awc: AGENT WORKFLOW CONFIGURATION {
  ConfigurationId = "kustomer-prod"
  DataMemorialization = "chat-default"
} -> hello
hello: TEXTMSG { Message = "Thanks, one moment" } -> ending
${ending}
done: END`;

async function digitalRun(ending: string) {
  const tenant = tenantFromData(TENANT);
  const { deliverInbound } = await import('../../src/tenant/digital/inbox.js');
  deliverInbound(tenant.store, 'chat-us', '+13035550101', Date.parse('2026-11-21T09:00:05Z'), 'hello?');
  const r = await run([START, answer(ending)], {}, { tenant, http: createStubHttp([{ match: { http: 'POST http://localhost:8787/*' }, status: 202 }]) });
  return (r.effects.crm as { op: string; channel: string; fields: Record<string, unknown> }[]).filter((e) => e.op === 'memorialize');
}

describe('digital memorialization', () => {
  it('runs the Digital mapping when REQAGENT DIGITAL transfers the contact, once', async () => {
    const m = await digitalRun('ending: REQAGENT DIGITAL { Priority = 1 } -> close\nclose: UPDATE DIGITAL CONTACT STATUS { UpdateContactStatus = "Closed" } -> done');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ channel: 'Digital', fields: { Contact: '100000002' } });
  });

  it('runs it when the contact is closed', async () => {
    expect(await digitalRun('ending: UPDATE DIGITAL CONTACT STATUS { UpdateContactStatus = "Closed" } -> done')).toHaveLength(1);
  });

  it('END alone does not memorialize a digital contact', async () => {
    expect(await digitalRun('ending: ASSIGN { Variable = x\n  Value = 1 } -> done')).toEqual([]);
  });
});
