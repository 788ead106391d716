// The digital part of `tenant show`: integrations and their channels, message
// templates, and each outbound digital skill with what its sender did so far.
import { basename } from 'node:path';
import type { TenantStore } from '../../contract/tenant-store.js';
import { describeListReport, listReport, type ListReport } from './list-file.js';
import {
  CHANNELS_COLLECTION,
  DELIVERIES_COLLECTION,
  DIGITAL_SKILLS_COLLECTION,
  INTEGRATIONS_COLLECTION,
  TEMPLATES_COLLECTION,
  type ChannelRecord,
  type DeliveryRecord,
  type DeliveryStatus,
  type DigitalSkillRecord,
  type IntegrationRecord,
  type TemplateRecord,
} from './records.js';

export interface DigitalSummary {
  integrations: { id: string; name: string; outboundUrl: string; channels: { id: string; name: string; script: string | null; skill: number | null }[] }[];
  templates: { name: string; type: string; rtl: boolean; body: string }[];
  skills: { skill: number; channel: string; template: string; schedule: string | null; started: boolean; ratePerMinute: number; deliveries: Record<DeliveryStatus, number>; list: ListReport | null }[];
}

export function digitalSummary(store: TenantStore): DigitalSummary {
  const channels = store.collection<ChannelRecord>(CHANNELS_COLLECTION).all();
  const deliveries = new Map<number, Record<DeliveryStatus, number>>();
  for (const d of store.collection<DeliveryRecord>(DELIVERIES_COLLECTION).all()) {
    const counts = deliveries.get(d.skill) ?? { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    counts[d.status]++;
    deliveries.set(d.skill, counts);
  }
  return {
    integrations: store
      .collection<IntegrationRecord>(INTEGRATIONS_COLLECTION)
      .all()
      .map((i) => ({
        id: i.id,
        name: i.name,
        outboundUrl: i.outboundUrl,
        channels: channels.filter((c) => c.integration === i.id).map((c) => ({ id: c.id, name: c.name, script: c.script, skill: c.skill })),
      })),
    templates: store.collection<TemplateRecord>(TEMPLATES_COLLECTION).all(),
    skills: store
      .collection<DigitalSkillRecord>(DIGITAL_SKILLS_COLLECTION)
      .all()
      .map((s) => ({
        skill: s.skill,
        channel: s.channel,
        template: s.template,
        schedule: s.schedule,
        started: s.started,
        ratePerMinute: s.ratePerMinute,
        deliveries: deliveries.get(s.skill) ?? { sent: 0, retrying: 0, failed: 0, skipped: 0 },
        // The report of the list the tenant file names, once a run loaded it into this store.
        list: listReport(store, s.skill) ?? null,
      })),
  };
}

/** Lines of the human summary (none when the tenant has no digital setup). */
export function formatDigitalSummary(d: DigitalSummary): string[] {
  const lines: string[] = [];
  if (d.integrations.length > 0) {
    lines.push('bring your own channel:');
    for (const i of d.integrations) {
      lines.push(`  ${i.id} ${i.name} → ${i.outboundUrl}`);
      for (const c of i.channels) lines.push(`    channel ${c.id} (${c.name})${c.script ? `; replies: ${c.script}` : ''}${c.skill !== null ? `; skill ${c.skill}` : ''}`);
    }
  }
  if (d.templates.length > 0) {
    lines.push('message templates:');
    for (const t of d.templates) lines.push(`  ${t.name} (${t.type}${t.rtl ? ', right to left' : ''}): ${JSON.stringify(t.body)}`);
  }
  if (d.skills.length > 0) {
    lines.push('outbound digital skills:');
    for (const s of d.skills) {
      const counts = s.deliveries;
      lines.push(
        `  ${s.skill}: ${s.started ? 'started' : 'stopped'}, channel ${s.channel}, template ${s.template}, ${s.ratePerMinute}/min${s.schedule ? `, schedule ${s.schedule}` : ''}; messages: ${counts.sent} sent, ${counts.retrying} retrying, ${counts.failed} failed, ${counts.skipped} skipped`,
      );
      if (s.list) lines.push(`    ${describeListReport(s.list, basename(s.list.file))}`);
    }
  }
  return lines;
}
