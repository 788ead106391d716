// A summary of a tenant's state for `studio-script tenant show`: skills with
// their calling lists, agents with their routing settings, hours-of-operation
// profiles, sources, points of contact, and the record collections other
// domains keep.
import { DateTime } from 'luxon';
import { DIAL_PLAN_COLLECTION, type DialRule } from './dial-plan.js';
import { HOURS_COLLECTION, type HoursProfileRecord } from './hours/profile.js';
import { describeWeek } from './hours/week.js';
import { allPocs, type PocRecord } from './pocs/records.js';
import { campaigns, previewOffers, previewSkips } from './preview/records.js';
import { routingAgents } from './routing/records.js';
import type { ProspectStatus, TenantStore } from '../contract/tenant-store.js';
import { digitalSummary, formatDigitalSummary, type DigitalSummary } from './digital/summary.js';

export interface TenantSummary {
  businessUnit: number | null;
  timeZone: string;
  store: 'memory' | 'sqlite';
  skills: {
    id: number;
    name: string;
    direction: string;
    personalConnection: boolean;
    active: boolean;
    dialerRatePerMinute: number | null;
    prospects: Record<ProspectStatus, number>;
    oldestQueued: string | null;
  }[];
  agents: {
    id: number;
    name: string;
    email: string;
    skills: { skill: number; proficiency: number }[];
    loggedIn: boolean;
    availableAfterSeconds: number | null;
    schedule: string | null;
    ringSeconds: number;
    talkSeconds: number;
    wrapUpSeconds: number;
  }[];
  hoursOfOperation: { id: number | null; name: string; week: string; holidays: { name: string; date: string }[]; override: { branch: string; expires: string | null } | null; skills: number[] }[];
  dialPlan: DialRule[];
  sources: { id: number; name: string; maxDestinations: number; mapping: Record<string, string | string[]> | null }[];
  pointsOfContact: PocRecord[];
  /** BYOC integrations, message templates and outbound digital skills (docs/digital.md). */
  digital: DigitalSummary;
  /** Preview campaigns and what their agents were offered (docs/preview-campaigns.md). */
  previewCampaigns: {
    name: string;
    skill: number;
    agentOwnedColumn: string | null;
    /** `dialed`: how the dial of an accepted record went; `contactId`: the run the campaign's script started for the offer. */
    offers: { cycle: number; agentId: number; agent: string; record: string; owned: boolean; offeredAt: string; decision: string; decidedAt: string; dialed?: string; contactId?: string }[];
    skipped: { cycle: number; record: string; owner: string; reason: string }[];
  }[];
  collections: Record<string, number>;
}

const DECISION_TEXT: Record<string, string> = { accept: 'accepted', skip: 'skipped', reject: 'rejected', timeout: 'timed out' };
const DIALED_TEXT: Record<string, string> = { answered: 'answered', busy: 'busy', noAnswer: 'no answer', machine: 'answering machine', invalidNumber: 'invalid number', error: 'dial error' };

/** Offers listed per agent in the text form; --json has them all. */
const OFFERS_SHOWN = 50;

export function summarizeTenant(store: TenantStore): TenantSummary {
  const routing = new Map(routingAgents(store).map((r) => [r.id, r]));
  const iso = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: store.timeZone }).toISO());
  return {
    businessUnit: store.businessUnit,
    timeZone: store.timeZone,
    store: store.kind,
    skills: store.skills().map((s) => {
      const prospects: Record<ProspectStatus, number> = { queued: 0, dialed: 0, expired: 0 };
      for (const p of store.prospects(s.id)) prospects[p.status]++;
      return {
        id: s.id,
        name: s.name,
        direction: s.direction,
        personalConnection: s.personalConnection,
        active: s.active,
        dialerRatePerMinute: s.dialer?.ratePerMinute ?? null,
        prospects,
        oldestQueued: iso(store.oldestQueuedMs(s.id)),
      };
    }),
    agents: store.agents().map((a) => {
      const r = routing.get(a.id);
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        skills: r?.skills ?? [],
        loggedIn: r?.loggedIn ?? true,
        availableAfterSeconds: r?.availableAfterSeconds ?? null,
        schedule: r?.schedule ? describeWeek(r.schedule) : null,
        ringSeconds: r?.ringSeconds ?? 0,
        talkSeconds: r?.talkSeconds ?? 0,
        wrapUpSeconds: r?.wrapUpSeconds ?? 0,
      };
    }),
    hoursOfOperation: store
      .collection<HoursProfileRecord>(HOURS_COLLECTION)
      .all()
      .map((p) => ({
        id: p.id,
        name: p.name,
        week: describeWeek(p.week),
        holidays: p.holidays.map((h) => ({ name: h.name, date: h.date })),
        override: p.override ? { branch: p.override.branch, expires: iso(p.override.expiresMs) } : null,
        skills: p.skills,
      })),
    dialPlan: store.collection<DialRule>(DIAL_PLAN_COLLECTION).all(),
    sources: store.sources().map((s) => ({ id: s.id, name: s.name, maxDestinations: s.maxDestinations, mapping: s.mapping })),
    pointsOfContact: allPocs(store),
    previewCampaigns: campaigns(store).map((c) => ({
      name: c.name,
      skill: c.skill,
      agentOwnedColumn: c.agentOwnedColumn,
      offers: previewOffers(store, c.name).map((o) => ({
        cycle: o.cycle,
        agentId: o.agentId,
        agent: o.agent,
        record: o.externalId,
        owned: o.owned,
        offeredAt: iso(o.offeredAtMs)!,
        decision: o.decision,
        decidedAt: iso(o.decidedAtMs)!,
        ...(o.dialed !== undefined ? { dialed: o.dialed } : {}),
        ...(o.contactId !== undefined ? { contactId: o.contactId } : {}),
      })),
      skipped: previewSkips(store, c.name).map((k) => ({ cycle: k.cycle, record: k.externalId, owner: k.owner, reason: k.reason })),
    })),
    digital: digitalSummary(store),
    collections: Object.fromEntries(store.collectionNames().map((n) => [n, store.collection(n).count()])),
  };
}

/** The human form: one line per skill, source and collection. */
export function formatSummary(t: TenantSummary): string {
  const lines = [`business unit ${t.businessUnit ?? '(none)'}, ${t.timeZone}, ${t.store} store`];
  lines.push('skills:');
  for (const s of t.skills) {
    const kind = [s.direction, s.personalConnection ? 'Personal Connection' : '', s.active ? '' : 'inactive'].filter(Boolean).join(', ');
    const list = s.personalConnection
      ? `; calling list: ${s.prospects.queued} queued, ${s.prospects.dialed} dialed, ${s.prospects.expired} expired` +
        (s.dialerRatePerMinute === null ? '' : `; dialer ${s.dialerRatePerMinute}/min`) +
        (s.oldestQueued ? `; oldest queued ${s.oldestQueued}` : '')
      : '';
    lines.push(`  ${s.id} ${s.name} (${kind})${list}`);
  }
  if (t.skills.length === 0) lines.push('  (none)');
  if (t.agents.length > 0) {
    lines.push('agents:');
    for (const a of t.agents) {
      const skills = a.skills.length ? a.skills.map((s) => (s.proficiency === 1 ? `${s.skill}` : `${s.skill}/p${s.proficiency}`)).join(', ') : 'no skills';
      const when = !a.loggedIn ? 'logged out' : [a.availableAfterSeconds !== null ? `available after ${a.availableAfterSeconds}s` : '', a.schedule ?? 'always'].filter(Boolean).join(', ');
      lines.push(`  ${a.id} ${a.name} <${a.email}>: skills ${skills}; ${when}; ring ${a.ringSeconds}s, talk ${a.talkSeconds}s, wrap-up ${a.wrapUpSeconds}s`);
    }
  }
  if (t.hoursOfOperation.length > 0) {
    lines.push('hours of operation:');
    for (const p of t.hoursOfOperation) {
      const extra = [
        p.holidays.length ? `holidays ${p.holidays.map((h) => `${h.date} ${h.name}`).join(', ')}` : '',
        p.override ? `override ${p.override.branch}${p.override.expires ? ` until ${p.override.expires}` : ''}` : '',
        p.skills.length ? `skills ${p.skills.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`  ${p.id ?? '-'} ${p.name}: ${p.week}${extra.length ? `; ${extra.join('; ')}` : ''}`);
    }
  }
  if (t.dialPlan.length > 0) {
    lines.push('dial plan:');
    for (const r of t.dialPlan) lines.push(`  ${r.number} ${r.result} (ring ${r.ringSeconds}s${r.result === 'answered' || r.result === 'machine' ? `, talk ${r.talkSeconds}s` : ''})`);
  }
  lines.push('sources:');
  for (const s of t.sources) {
    const map = s.mapping
      ? Object.entries(s.mapping)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
          .join(', ')
      : 'no map';
    lines.push(`  ${s.id} ${s.name} (max ${s.maxDestinations} destinations): ${map}`);
  }
  if (t.sources.length === 0) lines.push('  (none)');
  if (t.pointsOfContact.length > 0) {
    lines.push('points of contact:');
    for (const p of t.pointsOfContact)
      lines.push(`  ${p.id} ${p.name} (${p.channel}${p.active ? '' : ', inactive'}): skill ${p.skill}, script ${p.script ?? "(the skill's)"}`);
  }
  if (t.previewCampaigns.length > 0) {
    lines.push('preview campaigns:');
    for (const c of t.previewCampaigns) {
      const accepted = c.offers.filter((o) => o.decision === 'accept').length;
      const owned = c.agentOwnedColumn === null ? '' : `, agent-owned column ${c.agentOwnedColumn}`;
      lines.push(`  ${c.name} (Preview, skill ${c.skill}${owned}): ${c.offers.length} previews offered, ${accepted} accepted, ${c.skipped.length} ${c.skipped.length === 1 ? 'record' : 'records'} skipped`);
      const agents = [...new Set(c.offers.map((o) => o.agent))];
      for (const agent of agents) {
        const mine = c.offers.filter((o) => o.agent === agent);
        lines.push(`    ${agent}: ${mine.length} offered`);
        for (const o of mine.slice(0, OFFERS_SHOWN))
          lines.push(`      ${o.offeredAt} ${o.record} (${o.owned ? 'own' : 'nobody\'s'}): ${DECISION_TEXT[o.decision] ?? o.decision} at ${o.decidedAt}${o.dialed ? `, ${DIALED_TEXT[o.dialed] ?? o.dialed}` : ''}`);
        if (mine.length > OFFERS_SHOWN) lines.push(`      … and ${mine.length - OFFERS_SHOWN} more (--json lists every offer)`);
      }
      for (const k of c.skipped) lines.push(`    skipped ${k.record} (cycle ${k.cycle}): ${k.reason}`);
    }
  }
  lines.push(...formatDigitalSummary(t.digital));
  const names = Object.keys(t.collections);
  if (names.length > 0) {
    lines.push('records:');
    for (const n of names) lines.push(`  ${n}: ${t.collections[n]}`);
  }
  return lines.join('\n') + '\n';
}
