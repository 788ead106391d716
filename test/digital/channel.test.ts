// The middleware request of a BYOC channel: its body is JSON with the
// documented members in order, whatever text, names and optional members a
// message carries, and consecutive channels do not share their parts.
import { describe, expect, it } from 'vitest';
import { outboundRequest, type OutboundMessage } from '../../src/tenant/digital/channel.js';
import type { ChannelRecord, IntegrationRecord } from '../../src/tenant/digital/records.js';

const integration = (id: string, outboundUrl: string) => ({ id, outboundUrl }) as IntegrationRecord;
const channel = (id: string) => ({ id }) as ChannelRecord;

/** The body as the documented object (docs/digital.md "The sender"), members in that order. */
function expected(i: IntegrationRecord, c: ChannelRecord, m: OutboundMessage): unknown {
  return {
    channelId: c.id,
    integrationId: i.id,
    thread: { idOnExternalPlatform: m.thread },
    recipients: [{ idOnExternalPlatform: m.thread, ...(m.recipientName ? { name: m.recipientName } : {}) }],
    messageContent: { type: 'TEXT', payload: { text: m.text } },
    direction: 'outbound',
    isRightToLeft: m.rtl,
    ...(m.externalId !== undefined ? { externalId: m.externalId } : {}),
    ...(m.skill !== undefined ? { skillId: m.skill } : {}),
    ...(m.contactId !== undefined ? { contactId: m.contactId } : {}),
    ...(m.author !== undefined ? { author: { name: m.author } } : {}),
  };
}

describe('outboundRequest', () => {
  const acme = integration('7f3c-byoc', 'http://localhost:8787');
  const messages: OutboundMessage[] = [
    { thread: '+13035550101', text: 'Hi Ada, your offer ends 31/10.', rtl: false, recipientName: 'Ada Lovelace', externalId: 'C-1', skill: 4100 },
    { thread: 'ada@example.com', text: 'Quotes " and \\ and\nnew lines, \u202e and 😀', rtl: true, contactId: '100000002', author: 'System' },
    { thread: '+13035550102', text: '', rtl: false },
  ];

  it('posts every message to the channel with the documented body, special characters escaped', () => {
    for (const m of messages) {
      const r = outboundRequest(acme, channel('acme-chat-us'), m);
      expect(r.method).toBe('POST');
      expect(r.url).toBe('http://localhost:8787/channels/acme-chat-us/outbound');
      expect(r.headers).toEqual({ 'content-type': 'application/json' });
      expect(r.body).toBe(JSON.stringify(expected(acme, channel('acme-chat-us'), m)));
    }
  });

  it('another channel or integration gets its own URL and ids', () => {
    const other = integration('other "id"', 'https://mw.example.com/base');
    outboundRequest(acme, channel('acme-chat-us'), messages[0]!);
    const r = outboundRequest(other, channel('chat/eu'), messages[0]!);
    expect(r.url).toBe('https://mw.example.com/base/channels/chat%2Feu/outbound');
    expect(JSON.parse(r.body!)).toEqual(expected(other, channel('chat/eu'), messages[0]!));
    expect(JSON.parse(outboundRequest(acme, channel('acme-chat-us'), messages[0]!).body!).integrationId).toBe('7f3c-byoc');
  });
});
