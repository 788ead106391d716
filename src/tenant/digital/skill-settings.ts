// The digital members of an outbound digital skill in the tenant file
// (`channel`, `template`, `source`, `schedule`, `started`, `sender`): their
// schema, the cross-section rules (channel, campaign, template, source and
// schedule must exist; every `{Field}` of the template must be a mapped field
// of the skill's calling list) and how they load into the store.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import type { TenantStore } from '../../contract/tenant-store.js';
import { dirname, resolve } from 'node:path';
import { checkNamedFile } from '../data-file.js';
import type { Locate, TenantDocument } from '../section.js';
import { DIGITAL_DEFAULTS, DIGITAL_SKILLS_COLLECTION, type DigitalSkillRecord } from './records.js';
import { parseTemplate } from './template.js';

export interface DigitalSkillInput {
  id: number;
  name: string;
  media?: string;
  direction?: string;
  personalConnection?: boolean;
  campaign?: string;
  channel?: string;
  template?: string;
  source?: string;
  schedule?: string;
  started?: boolean;
  sender?: { ratePerMinute?: number; maxAttempts?: number; retrySeconds?: number };
  list?: string;
}

const DIGITAL_MEMBERS = ['channel', 'template', 'source', 'schedule', 'started', 'sender', 'list'] as const;

export const DIGITAL_SKILL_PROPERTIES: Record<string, unknown> = {
  channel: { type: 'string', minLength: 1, description: 'Outbound digital skills: the BYOC channel (id or name) messages go out on.' },
  template: { type: 'string', minLength: 1, description: 'Outbound digital skills: the Digital message template.' },
  source: { type: 'string', minLength: 1, description: "Outbound digital skills: the lead source whose mapped fields fill the template's {Field} placeholders." },
  schedule: { type: 'string', minLength: 1, description: 'Outbound digital skills: an hoursOfOperation profile; the skill sends only while it is open.' },
  started: { type: 'boolean', default: false, description: 'Outbound digital skills: started (Start in ACD Skills) or stopped.' },
  list: { type: 'string', minLength: 1, description: 'Outbound digital skills: a CSV calling list (relative to the tenant file) streamed into the skill with its source map when a run starts (once per store: a state file keeps it).' },
  sender: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ratePerMinute: { type: 'number', exclusiveMinimum: 0, maximum: 100000, default: DIGITAL_DEFAULTS.ratePerMinute, description: 'Messages sent per virtual minute.' },
      maxAttempts: { type: 'integer', minimum: 1, maximum: 10, default: DIGITAL_DEFAULTS.maxAttempts, description: 'Delivery attempts per record before it is marked failed.' },
      retrySeconds: { type: 'number', minimum: 0, maximum: 86400, default: DIGITAL_DEFAULTS.retrySeconds, description: 'Seconds between attempts of a record whose delivery failed.' },
    },
  },
};

/** True for a skill that declares the digital members or is an outbound Personal Connection Digital skill. */
export function isDigitalOutbound(s: DigitalSkillInput): boolean {
  return DIGITAL_MEMBERS.some((m) => s[m] !== undefined) || (s.media === 'Digital' && s.direction === 'Outbound' && s.personalConnection === true);
}

const names = (list: unknown, key: string): string[] => (Array.isArray(list) ? list.map((x) => String((x as Record<string, unknown>)[key])) : []);
/** ` (known: a, b, c)` after a message, or ` (there are none)`. */
export const known = (list: readonly string[], what = 'known'): string => (list.length ? ` (${what}: ${list.join(', ')})` : ' (there are none)');

export function validateDigitalSkills(doc: TenantDocument, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = doc.data;
  const skills = (data.skills ?? []) as DigitalSkillInput[];
  const channels = ((data.byoc ?? []) as { channels?: { id: string; name: string }[] }[]).flatMap((i) => i.channels ?? []);
  const templates = (data.messageTemplates ?? []) as { name: string; type?: string; body: string }[];
  const sources = (data.sources ?? []) as { name: string; mapping?: Record<string, string | string[]> }[];
  const campaigns = names(data.campaigns, 'name');
  const profiles = names(data.hoursOfOperation, 'name');
  skills.forEach((s, i) => {
    if (!isDigitalOutbound(s)) return;
    const at = (member: string, part: 'value' | 'key' = 'value') => locate(['skills', i, member], part);
    const err = (member: string, message: string) => out.push(diagnostic('E-TENANT-DIGITAL', `skill ${s.id} (${s.name}): ${message}`, at(member)));
    const first = DIGITAL_MEMBERS.find((m) => s[m] !== undefined) ?? 'media';
    if (s.media !== 'Digital') err(s.media ? 'media' : first, `a skill with a BYOC channel and template has media Digital${s.media ? `, not ${s.media}` : ''}`);
    if (s.direction !== 'Outbound') err(s.direction ? 'direction' : first, 'proactive digital outreach needs direction Outbound');
    if (s.personalConnection !== true) err(s.personalConnection !== undefined ? 'personalConnection' : first, 'proactive digital outreach runs on Personal Connection: set personalConnection: true');
    if (s.channel === undefined) err(first, 'an outbound digital skill names its BYOC channel (channel: <channel id or name>)');
    else if (!channels.some((c) => c.id === s.channel || c.name.toLowerCase() === s.channel!.toLowerCase()))
      err('channel', `channel ${s.channel} is not a channel of any byoc integration${known(channels.map((c) => c.id))}`);
    if (s.campaign === undefined) err(first, 'an outbound digital skill belongs to a campaign (campaign: <name>)');
    else if (!campaigns.some((c) => c.toLowerCase() === s.campaign!.toLowerCase())) err('campaign', `campaign ${s.campaign} is not in campaigns${known(campaigns)}`);
    if (s.schedule !== undefined && !profiles.some((p) => p.toLowerCase() === s.schedule!.toLowerCase()))
      err('schedule', `schedule ${s.schedule} is not an hoursOfOperation profile${known(profiles)}`);
    const source = s.source === undefined ? undefined : sources.find((x) => x.name.toLowerCase() === s.source!.toLowerCase());
    if (s.source !== undefined && !source) err('source', `source ${s.source} is not in sources${known(sources.map((x) => x.name))}`);
    if (s.list !== undefined) {
      if (s.source === undefined) err('list', 'a calling list is loaded with a source map: name the source (source: <name>)');
      if (checkNamedFile(dirname(doc.file), s.list, 'calling list file', (message) => err('list', message)) && !/\.(csv|txt)$/i.test(s.list)) err('list', `calling list ${s.list}: the tenant file loads CSV lists (use lists upload for others)`);
    }
    if (s.template === undefined) {
      err(first, 'an outbound digital skill names its message template (template: <name>)');
      return;
    }
    const template = templates.find((t) => t.name.toLowerCase() === s.template!.toLowerCase());
    if (!template) {
      err('template', `message template ${s.template} is not in messageTemplates${known(templates.map((t) => t.name))}`);
      return;
    }
    if ((template.type ?? 'Digital') !== 'Digital') err('template', `message template ${template.name} is of type ${template.type}; a digital skill sends a Digital template`);
    const fields = parseTemplate(template.body).fields;
    if (fields.length === 0) return;
    if (s.source === undefined) {
      err('template', `message template ${template.name} uses ${fields.map((f) => `{${f}}`).join(', ')}: name the calling list's source (source: <name>) whose mapped fields fill them`);
      return;
    }
    if (!source) return;
    const available = mappedFields(source.mapping);
    const missing = fields.filter((f) => !available.some((a) => a === f || a.toLowerCase() === f.toLowerCase()));
    if (missing.length)
      err(
        'template',
        `message template ${template.name} uses ${missing.map((f) => `{${f}}`).join(', ')}, which ${missing.length === 1 ? 'is not a field' : 'are not fields'} of the calling list mapped to this skill (source ${source.name})${known(available, 'available fields')}`,
      );
  });
  return out;
}

/** The fields a template may name: each mapped field (FirstName) and the column it is mapped to (FName). */
export function mappedFields(mapping: Record<string, string | string[]> | null | undefined): string[] {
  const out: string[] = [];
  for (const [field, column] of Object.entries(mapping ?? {})) {
    if (field === 'Destinations') continue;
    for (const name of [field, ...(Array.isArray(column) ? [] : [column])]) if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export function loadDigitalSkills(store: TenantStore, skills: readonly DigitalSkillInput[], tenantFile: string): void {
  const col = store.collection<DigitalSkillRecord>(DIGITAL_SKILLS_COLLECTION);
  col.clear();
  for (const s of skills) {
    if (!isDigitalOutbound(s) || s.channel === undefined || s.template === undefined) continue;
    col.put(String(s.id), {
      skill: s.id,
      channel: s.channel,
      template: s.template.toLowerCase(),
      source: s.source ?? null,
      schedule: s.schedule?.toLowerCase() ?? null,
      started: s.started ?? false,
      ratePerMinute: s.sender?.ratePerMinute ?? DIGITAL_DEFAULTS.ratePerMinute,
      maxAttempts: s.sender?.maxAttempts ?? DIGITAL_DEFAULTS.maxAttempts,
      retrySeconds: s.sender?.retrySeconds ?? DIGITAL_DEFAULTS.retrySeconds,
      list: s.list === undefined ? null : resolve(dirname(tenantFile), s.list),
    });
  }
}
