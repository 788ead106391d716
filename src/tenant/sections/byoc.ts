// Section `byoc`: Bring Your Own Channel integrations (ACD > Digital > Bring
// Your Own Channel) and their digital channels (points of contact digital).
// The integration's outbound URL is where the emulated CXone posts the
// messages its channels send (docs/digital.md).
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { CHANNELS_COLLECTION, INTEGRATIONS_COLLECTION, type ChannelRecord, type IntegrationRecord } from '../digital/records.js';
import { known } from '../digital/skill-settings.js';
import { defineSection } from '../section.js';

export interface ChannelInput {
  id: string;
  name: string;
  script?: string;
  skill?: number;
}

export interface IntegrationInput {
  id: string;
  name: string;
  outboundUrl: string;
  addActionUrl?: string;
  removeActionUrl?: string;
  channels?: ChannelInput[];
}

const URL_PATTERN = '^https?://[^\\s/?#]+[^\\s]*$';
const url = (description: string) => ({ type: 'string', pattern: URL_PATTERN, 'x-message': 'must be an http:// or https:// URL', description });
const idText = { type: 'string', minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$', 'x-message': 'must not start or end with spaces' };

export const byocSection = defineSection<IntegrationInput[]>({
  key: 'byoc',
  description: 'Bring Your Own Channel integrations: id, name, outbound and action URLs, and their digital channels (id, name, reply script, skill).',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name', 'outboundUrl'],
      additionalProperties: false,
      properties: {
        id: { ...idText, description: 'The integration id CXone shows after saving the integration.' },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        outboundUrl: url('The middleware base URL: outbound messages are posted to {outboundUrl}/channels/{channelId}/outbound.'),
        addActionUrl: url('Add action URL (opened to create a channel).'),
        removeActionUrl: url('Remove action URL (opened to delete a channel).'),
        channels: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name'],
            additionalProperties: false,
            properties: {
              id: { ...idText, description: "The channel id (the channel's idOnExternalPlatform)." },
              name: { type: 'string', minLength: 1, maxLength: 100 },
              script: { type: 'string', minLength: 1, description: 'The Digital script that answers replies on this channel.' },
              skill: { type: 'integer', minimum: 1, description: "The channel's default skill (replies are routed with it)." },
            },
          },
        },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const integrations = (doc.data.byoc ?? []) as IntegrationInput[];
    const skills = new Map(((doc.data.skills ?? []) as { id: number; name: string; media?: string }[]).map((s) => [s.id, s]));
    const ids = new Map<string, number>();
    const names = new Map<string, number>();
    const channels = new Map<string, string>();
    integrations.forEach((integration, i) => {
      if (ids.has(integration.id)) out.push(diagnostic('E-TENANT-DUPLICATE', `integration id ${integration.id} is already used by byoc[${ids.get(integration.id)}]`, locate(['byoc', i, 'id'])));
      else ids.set(integration.id, i);
      const lower = integration.name.toLowerCase();
      if (names.has(lower)) out.push(diagnostic('E-TENANT-DUPLICATE', `integration name ${integration.name} is already used by byoc[${names.get(lower)}]`, locate(['byoc', i, 'name'])));
      else names.set(lower, i);
      (integration.channels ?? []).forEach((c, k) => {
        const at = (m: string) => locate(['byoc', i, 'channels', k, m]);
        for (const key of [c.id, c.name.toLowerCase()]) {
          if (channels.has(key)) {
            out.push(diagnostic('E-TENANT-DUPLICATE', `channel ${key === c.id ? `id ${c.id}` : `name ${c.name}`} is already used by ${channels.get(key)}`, at(key === c.id ? 'id' : 'name')));
            break;
          }
        }
        channels.set(c.id, `byoc[${i}].channels[${k}]`);
        channels.set(c.name.toLowerCase(), `byoc[${i}].channels[${k}]`);
        if (c.skill !== undefined) {
          const skill = skills.get(c.skill);
          if (!skill) out.push(diagnostic('E-TENANT-DIGITAL', `channel ${c.name}: skill ${c.skill} is not in skills${known([...skills.keys()].map(String))}`, at('skill')));
          else if ((skill.media ?? 'Phone') !== 'Digital')
            out.push(diagnostic('E-TENANT-DIGITAL', `channel ${c.name}: skill ${c.skill} (${skill.name}) is a ${skill.media ?? 'Phone'} skill; a digital channel routes to a Digital skill`, at('skill')));
        }
      });
    });
    return out;
  },
  load(store, integrations) {
    const integrationsCol = store.collection<IntegrationRecord>(INTEGRATIONS_COLLECTION);
    const channelsCol = store.collection<ChannelRecord>(CHANNELS_COLLECTION);
    integrationsCol.clear();
    channelsCol.clear();
    for (const i of integrations) {
      integrationsCol.put(i.id, {
        id: i.id,
        name: i.name,
        outboundUrl: withoutTrailingSlashes(i.outboundUrl),
        addActionUrl: i.addActionUrl ?? null,
        removeActionUrl: i.removeActionUrl ?? null,
      });
      for (const c of i.channels ?? []) channelsCol.put(c.id, { id: c.id, name: c.name, integration: i.id, script: c.script ?? null, skill: c.skill ?? null });
    }
  },
});

/** `https://h/x//` -> `https://h/x`; a loop, because a pattern anchored at the end rescans every run of slashes. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
