import { describe, expect, it } from 'vitest';
import { checkTenantText, openCheckedTenant } from '../../src/tenant/tenant.js';
import { CHANNELS_COLLECTION, DIGITAL_SKILLS_COLLECTION, INTEGRATIONS_COLLECTION, TEMPLATES_COLLECTION } from '../../src/tenant/digital/records.js';
import { OUTREACH_TENANT_YAML, outreachWith } from './fixtures.js';

const check = (text: string) => checkTenantText(text, 'tenant.yaml').diagnostics;
const errors = (text: string) => check(text).filter((d) => d.severity === 'error');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('digital tenant sections', () => {
  it('loads integrations, channels, templates and the digital skill', () => {
    expect(check(OUTREACH_TENANT_YAML)).toEqual([]);
    const t = openCheckedTenant(checkTenantText(OUTREACH_TENANT_YAML, 'tenant.yaml'));
    expect(t.store.collection(INTEGRATIONS_COLLECTION).get('7f3c2a10-byoc')).toMatchObject({ name: 'AcmeChat', outboundUrl: 'http://localhost:8787' });
    expect(t.store.collection(CHANNELS_COLLECTION).get('acme-chat-us')).toMatchObject({ integration: '7f3c2a10-byoc', script: 'AnswerReplies', skill: 4101 });
    expect(t.store.collection(TEMPLATES_COLLECTION).get('promo-ar')).toMatchObject({ rtl: true, type: 'Digital' });
    expect(t.store.collection(DIGITAL_SKILLS_COLLECTION).get('4100')).toEqual({
      skill: 4100, channel: 'acme-chat-us', template: 'promo-oct', source: 'PromoList', schedule: null, started: true, ratePerMinute: 2, maxAttempts: 2, retrySeconds: 600, list: null,
    });
    expect(t.store.skill(4100)).toMatchObject({ media: 'Digital', direction: 'Outbound', personalConnection: true, campaign: 'Promotions' });
    t.close();
  });

  // [what, edit from, edit to, message, line containing]
  const rules: [string, string, string, RegExp, string][] = [
    ['a missing channel lists the known ones', 'channel: acme-chat-us', 'channel: acme-chat-eu', /channel acme-chat-eu is not a channel of any byoc integration \(known: acme-chat-us\)/, 'channel: acme-chat-eu'],
    ['a missing campaign', 'campaign: Promotions', 'campaign: Autumn', /campaign Autumn is not in campaigns \(known: Promotions\)/, 'campaign: Autumn'],
    ['a missing template', 'template: promo-oct', 'template: promo-nov', /message template promo-nov is not in messageTemplates \(known: promo-oct, promo-ar\)/, 'template: promo-nov'],
    ['a missing source', 'source: PromoList', 'source: Nope', /source Nope is not in sources \(known: PromoList\)/, 'source: Nope'],
    ['a missing schedule', 'started: true', 'schedule: Weekdays', /schedule Weekdays is not an hoursOfOperation profile \(there are none\)/, 'schedule: Weekdays'],
    [
      'a template field that is not mapped lists the available fields',
      'Custom1: OfferEnd',
      'Custom1: Offer',
      /message template promo-oct uses \{OfferEnd\}, which is not a field of the calling list mapped to this skill \(source PromoList\) \(available fields: ExternalID, Id, FirstName, Email, Custom1, Offer\)/,
      'template: promo-oct',
    ],
    ['a template with fields needs a source', '    source: PromoList\n', '', /uses \{FirstName\}, \{OfferEnd\}: name the calling list's source/, 'template: promo-oct'],
    ['an SMS template on a digital skill', 'type: Digital, body: "Hi', 'type: SMS, body: "Hi', /is of type SMS; a digital skill sends a Digital template/, 'template: promo-oct'],
    ['media must be Digital', 'media: Digital\n    direction: Outbound', 'media: Phone\n    direction: Outbound', /has media Digital, not Phone/, 'media: Phone'],
    ['direction must be Outbound', 'direction: Outbound', 'direction: Inbound', /needs direction Outbound/, 'direction: Inbound'],
    ['Personal Connection', 'personalConnection: true', 'personalConnection: false', /set personalConnection: true/, 'personalConnection: false'],
    ['a template placeholder never closed', 'your offer ends {OfferEnd}.', 'your offer ends {OfferEnd.', /message template promo-oct: a "\{" that is never closed .* at character 33 of the body/, 'name: promo-oct'],
    ['an empty placeholder', 'Hi {FirstName}', 'Hi {}', /an empty placeholder "\{\}"/, 'name: promo-oct'],
    ['a duplicate template name', 'name: promo-ar', 'name: Promo-Oct', /message template name Promo-Oct is already used by messageTemplates\[0\]/, 'name: Promo-Oct'],
    ['a duplicate channel id', 'skill: 4101 }', 'skill: 4101 }\n      - { id: acme-chat-us, name: Other }', /channel id acme-chat-us is already used by byoc\[0\]\.channels\[0\]/, 'name: Other'],
    ['a channel skill that does not exist', 'skill: 4101 }', 'skill: 9 }', /channel Acme Chat US: skill 9 is not in skills \(known: 4100, 4101\)/, 'skill: 9 }'],
    ['a channel skill that is not Digital', '{ id: 4101, name: Digital_Replies, media: Digital, direction: Inbound }', '{ id: 4101, name: Digital_Replies }', /is a Phone skill; a digital channel routes to a Digital skill/, 'skill: 4101 }'],
    ['an outbound URL that is not http', 'outboundUrl: http://localhost:8787', 'outboundUrl: ftp://x', /byoc\[0\]\.outboundUrl: must be an http:\/\/ or https:\/\/ URL/, 'outboundUrl: ftp://x'],
    ['an unknown sender member', 'retrySeconds: 600 }', 'retrySeconds: 600, burst: 3 }', /unknown member of skills\[0\]\.sender: "burst"/, 'burst: 3'],
    ['a skill name breaking the seed rule', 'name: BYOC_Promo_Oct', 'name: BYOC Promo October 2026 campaign!', /skill names are 2–30 characters/, 'name: BYOC Promo'],
  ];
  for (const [what, from, to, message, line] of rules) {
    it(`${what}: a located error`, () => {
      const text = outreachWith(from, to);
      const es = errors(text);
      expect(es.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
      const e = es.find((x) => message.test(x.message))!;
      expect(e.span.line).toBe(lineOf(text, line));
    });
  }

  it('a skill with a channel but no template says what to add', () => {
    const es = errors(outreachWith('    template: promo-oct\n', ''));
    expect(es.map((e) => e.message)).toContain('skill 4100 (BYOC_Promo_Oct): an outbound digital skill names its message template (template: <name>)');
  });

  it('a channel may be named by its name, any case', () => {
    expect(errors(outreachWith('channel: acme-chat-us', 'channel: acme chat us'))).toEqual([]);
  });
});

describe('tenant check and show', () => {
  it('show lists the integration, its channel, the templates and the digital skill', async () => {
    const { runCli } = await import('../cli/run-cli.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'digital-show-')), 'tenant.yaml');
    writeFileSync(f, OUTREACH_TENANT_YAML);
    const r = await runCli(['tenant', 'show', f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('bring your own channel:\n  7f3c2a10-byoc AcmeChat → http://localhost:8787\n    channel acme-chat-us (Acme Chat US); replies: AnswerReplies; skill 4101');
    expect(r.out).toContain('  promo-ar (Digital, right to left): "مرحبا {FirstName}"');
    expect(r.out).toContain('  4100: started, channel acme-chat-us, template promo-oct, 2/min; messages: 0 sent, 0 retrying, 0 failed, 0 skipped');
    const json = JSON.parse((await runCli(['tenant', 'show', f, '--json'])).out);
    expect(json.digital.skills[0]).toMatchObject({ skill: 4100, started: true, deliveries: { sent: 0 } });
  });
});
