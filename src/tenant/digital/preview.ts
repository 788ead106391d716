// `outreach preview`: the messages an outbound digital skill would send —
// each record waiting in its calling list rendered with the skill's template,
// with its destination — without sending anything or changing the list.
import type { TenantStore } from '../../contract/tenant-store.js';
import { findChannel } from './channel.js';
import { DIGITAL_SKILLS_COLLECTION, TEMPLATES_COLLECTION, type DigitalSkillRecord, type TemplateRecord } from './records.js';
import { destinationOf, recordValues } from './sender.js';
import { parseTemplate, renderTemplate } from './template.js';

export interface PreviewMessage {
  externalId: string;
  /** The destination, or null when the record has none (it would be skipped). */
  to: string | null;
  text: string;
  missingFields: readonly string[];
}

export interface OutreachPreview {
  skill: number;
  name: string;
  channel: string;
  template: string;
  rtl: boolean;
  started: boolean;
  schedule: string | null;
  /** Records waiting in the list, in queue order (all of them, also beyond `messages`). */
  waiting: number;
  messages: PreviewMessage[];
}

/** The preview of a skill (number or name), or the reason there is none. */
export function previewOutreach(store: TenantStore, skillRef: string, limit = Infinity): OutreachPreview | string {
  const skill = /^\d+$/.test(skillRef.trim()) ? store.skill(Number(skillRef)) : store.skills().find((s) => s.name.toLowerCase() === skillRef.trim().toLowerCase());
  const digital = store.collection<DigitalSkillRecord>(DIGITAL_SKILLS_COLLECTION);
  if (!skill) return `skill ${skillRef} is not in the tenant (outbound digital skills: ${digital.all().map((d) => d.skill).join(', ') || 'none'})`;
  const settings = digital.get(String(skill.id));
  if (!settings) return `skill ${skill.id} (${skill.name}) is not an outbound digital skill (it has no BYOC channel and template)`;
  const template = store.collection<TemplateRecord>(TEMPLATES_COLLECTION).get(settings.template);
  if (!template) return `message template ${settings.template} of skill ${skill.id} is not in the tenant`;
  const parsed = parseTemplate(template.body);
  const waiting = store.prospects(skill.id).filter((p) => p.status === 'queued');
  const messages = waiting.slice(0, limit).map((p) => {
    const rendered = renderTemplate(parsed, recordValues(p));
    return { externalId: p.externalId, to: destinationOf(p), text: rendered.text, missingFields: rendered.missing };
  });
  return {
    skill: skill.id,
    name: skill.name,
    channel: findChannel(store, settings.channel)?.id ?? settings.channel,
    template: template.name,
    rtl: template.rtl,
    started: settings.started,
    schedule: settings.schedule,
    waiting: waiting.length,
    messages,
  };
}
