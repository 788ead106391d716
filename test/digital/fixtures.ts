// A small outreach tenant (one BYOC integration, a channel, a template, an
// outbound digital skill fed by a lead source) shared by the digital tests.
export const OUTREACH_TENANT_YAML = `businessUnit: 4600123
timeZone: America/Denver
skills:
  - id: 4100
    name: BYOC_Promo_Oct
    media: Digital
    direction: Outbound
    personalConnection: true
    campaign: Promotions
    channel: acme-chat-us
    template: promo-oct
    source: PromoList
    started: true
    sender: { ratePerMinute: 2, maxAttempts: 2, retrySeconds: 600 }
  - { id: 4101, name: Digital_Replies, media: Digital, direction: Inbound }
byoc:
  - id: 7f3c2a10-byoc
    name: AcmeChat
    outboundUrl: http://localhost:8787
    addActionUrl: http://localhost:8787/channels/add
    channels:
      - { id: acme-chat-us, name: Acme Chat US, script: AnswerReplies, skill: 4101 }
messageTemplates:
  - { name: promo-oct, type: Digital, body: "Hi {FirstName}, your offer ends {OfferEnd}. Reply YES to book.", rtl: false }
  - { name: promo-ar, type: Digital, body: "مرحبا {FirstName}", rtl: true }
campaigns:
  - { name: Promotions }
sources:
  - name: PromoList
    mapping: { ExternalID: Id, FirstName: FirstName, Destinations: [Mobile], Email: Email, Custom1: OfferEnd }
`;

/** The outreach tenant with one line replaced (`from` must occur once). */
export function outreachWith(from: string, to: string): string {
  if (!OUTREACH_TENANT_YAML.includes(from)) throw new Error(`fixture has no ${from}`);
  return OUTREACH_TENANT_YAML.replace(from, to);
}
