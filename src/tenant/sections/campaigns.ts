// Section `campaigns`: the campaigns skills name (digital outreach uses them by
// name alone) and preview campaigns with agent-owned records (`mode: Preview`;
// seed 004, docs/preview-campaigns.md). A preview campaign works the calling list of one
// Personal Connection skill (its queue); the agents with that skill are the
// campaign's agents, at most 200 when records are agent-owned. How each agent
// handles previews (accept, skip, let time out) is part of the file, so a
// simulated day is reproducible.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import {
  CAMPAIGNS_COLLECTION,
  MAX_OWNING_AGENTS,
  PREVIEW_DECISIONS,
  PREVIEW_DEFAULTS,
  type CampaignRecord,
  type PreviewDecision,
} from '../preview/records.js';
import { defineSection } from '../section.js';
import type { AgentInput } from './agents.js';
import type { SkillInput } from './skills.js';

interface BehaviourInput {
  decisions?: PreviewDecision[];
  decideSeconds?: number;
}

/** Members only a preview campaign takes. */
const PREVIEW_MEMBERS = ['skill', 'agentOwnedColumn', 'maxAgents', 'previewTimeoutSeconds', 'recycleEveryMinutes', 'previews', 'script'] as const;

export interface CampaignInput {
  name: string;
  skill?: number;
  maxAgents?: number;
  mode?: 'Preview';
  agentOwnedColumn?: string;
  previewTimeoutSeconds?: number;
  recycleEveryMinutes?: number;
  previews?: BehaviourInput & { agents?: (BehaviourInput & { agent: string | number })[] };
  script?: string;
}

const behaviour = {
  decisions: {
    type: 'array',
    minItems: 1,
    items: { enum: [...PREVIEW_DECISIONS] },
    description: 'What the agent does with successive previews (accept, skip, reject, timeout), repeated when used up.',
  },
  decideSeconds: { type: 'number', minimum: 0, maximum: 3600, description: 'Seconds before the agent accepts or skips a preview.' },
};

export const campaignsSection = defineSection<CampaignInput[]>({
  key: 'campaigns',
  description: 'Preview campaigns: the skill whose calling list they work, the agent-owned column, the preview timeout, recycling, how agents handle previews.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        skill: {
          type: 'integer',
          minimum: 1,
          description: "The Personal Connection skill whose calling list the campaign dials (the campaign's queue); default: the skill whose `campaign` is this campaign's name.",
        },
        maxAgents: { type: 'integer', minimum: 1, maximum: MAX_OWNING_AGENTS, description: `Most agents the campaign takes (at most ${MAX_OWNING_AGENTS} with agent-owned records).` },
        mode: { enum: ['Preview'], description: 'Preview: a preview campaign (the members below); absent: a campaign skills name (digital outreach) with no dialing of its own.' },
        agentOwnedColumn: { type: 'string', minLength: 1, description: "The calling-list column holding each record's owner: an agent's e-mail address or user id." },
        previewTimeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 86_400, description: `A preview not accepted or skipped in this time is requeued (default ${PREVIEW_DEFAULTS.previewTimeoutSeconds}).` },
        script: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: "The phone script each preview contact runs (ONPREVIEW when offered, then ONANSWER or ONRELEASE after the agent's decision); default: the skill's `script`.",
        },
        recycleEveryMinutes: { type: 'number', exclusiveMinimum: 0, maximum: 525_600, description: 'The campaign recycles this often: ownership changes and new queue members apply from then.' },
        previews: {
          type: 'object',
          additionalProperties: false,
          description: 'How agents handle previews (default: every agent accepts after 10 s).',
          properties: {
            ...behaviour,
            agents: {
              type: 'array',
              items: {
                type: 'object',
                required: ['agent'],
                additionalProperties: false,
                properties: { agent: { type: ['string', 'integer'], description: "The agent's e-mail address or user id." }, ...behaviour },
              },
            },
          },
        },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const skills = new Map(((doc.data.skills ?? []) as SkillInput[]).map((s) => [s.id, s]));
    const agents = (doc.data.agents ?? []) as AgentInput[];
    const names = new Map<string, number>();
    ((doc.data.campaigns ?? []) as CampaignInput[]).forEach((c, i) => {
      const at = (...path: (string | number)[]) => locate(['campaigns', i, ...path]);
      const key = c.name.toLowerCase();
      if (names.has(key)) out.push(diagnostic('E-TENANT-DUPLICATE', `campaign ${c.name} is already declared by campaigns[${names.get(key)}]`, at('name')));
      else names.set(key, i);
      if (c.mode !== 'Preview') {
        const member = PREVIEW_MEMBERS.find((m) => m in c);
        if (member) out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: ${member} is a preview campaign's setting: add mode: Preview`, at(member)));
        return;
      }
      const skillNo = campaignSkill(c, [...skills.values()]);
      if (typeof skillNo === 'string') {
        out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: ${skillNo}`, at('name')));
        return;
      }
      const skill = skills.get(skillNo);
      if (!skill) out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: skill ${skillNo} is not declared in skills`, at('skill')));
      else if (!skill.personalConnection)
        out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: skill ${skillNo} (${skill.name}) is not a Personal Connection skill, so it has no calling list to preview`, at('skill')));
      else if (skill.dialer)
        out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: skill ${skillNo} (${skill.name}) has a dialer rate; a preview campaign's records are dialed when its agents accept them, so remove the skill's dialer`, at('skill')));
      const members = agents.filter((a) => (a.skills ?? []).some((s) => (typeof s === 'number' ? s : s.skill) === skillNo));
      const max = c.maxAgents ?? (c.agentOwnedColumn !== undefined ? MAX_OWNING_AGENTS : Infinity);
      if (members.length > max)
        out.push(
          diagnostic(
            'E-TENANT-CAMPAIGN',
            c.maxAgents === undefined
              ? `campaign ${c.name}: ${members.length} agents have skill ${skillNo}; a preview campaign with agent-owned records allows at most ${MAX_OWNING_AGENTS}`
              : `campaign ${c.name}: ${members.length} agents have skill ${skillNo}; maxAgents is ${c.maxAgents}`,
            at(c.maxAgents === undefined ? 'agentOwnedColumn' : 'maxAgents'),
          ),
        );
      (c.previews?.agents ?? []).forEach((b, j) => {
        const want = String(b.agent).toLowerCase();
        if (!agents.some((a) => a.email.toLowerCase() === want || String(a.id) === want))
          out.push(diagnostic('E-TENANT-CAMPAIGN', `campaign ${c.name}: ${b.agent} is not an agent of this business unit (no agent has this e-mail address or user id)`, at('previews', 'agents', j, 'agent')));
      });
    });
    return out;
  },
  load(store, list, { fresh }) {
    const collection = store.collection<CampaignRecord>(CAMPAIGNS_COLLECTION);
    const skills = store.skills();
    const records = list.map((c) => {
      if (c.mode !== 'Preview') return null;
      const skill = campaignSkill(c, skills) as number;
      return toCampaignRecord(c, skill, skills.find((s) => s.id === skill)?.script ?? null);
    });
    if (!fresh) list.forEach((c, i) => checkUnchanged(collection.get(c.name), records[i] ?? null, i));
    // The other settings are configuration: the file replaces what an earlier load left.
    collection.clear();
    for (const r of records) if (r) collection.put(r.name, r);
  },
});

/** Seed 004: once created, a preview campaign keeps its dialing mode, queue and agent-owned column (a state file remembers them). */
function checkUnchanged(before: CampaignRecord | undefined, now: CampaignRecord | null, i: number): void {
  if (!before) return;
  const refuse = (member: string, what: string): never => {
    throw Object.assign(new Error(`campaign ${before.name}: ${what} cannot change once the campaign exists (the state file has it)`), { path: [i, member] });
  };
  if (!now) refuse('name', 'a preview campaign cannot stop being one: its mode');
  else if (now.skill !== before.skill) refuse('skill', `its queue (skill ${before.skill})`);
  else if (now.agentOwnedColumn !== before.agentOwnedColumn)
    refuse('agentOwnedColumn', before.agentOwnedColumn === null ? 'whether records are agent-owned' : `its agent-owned column (${before.agentOwnedColumn})`);
}

/** The campaign's skill: its own `skill`, else the one skill naming the campaign; a string says why there is none. */
function campaignSkill(c: CampaignInput, skills: readonly { id: number; campaign?: string | null }[]): number | string {
  if (c.skill !== undefined) return c.skill;
  const named = skills.filter((s) => s.campaign === c.name);
  if (named.length === 1) return named[0]!.id;
  if (named.length === 0) return `no skill: give the campaign's \`skill\`, or name the campaign in a skill's \`campaign\``;
  return `skills ${named.map((s) => s.id).join(', ')} all name this campaign: give the campaign's \`skill\``;
}

export function toCampaignRecord(c: CampaignInput, skill: number, skillScript: string | null): CampaignRecord {
  const decisions = c.previews?.decisions ?? [...PREVIEW_DEFAULTS.decisions];
  const decideSeconds = c.previews?.decideSeconds ?? PREVIEW_DEFAULTS.decideSeconds;
  return {
    name: c.name,
    skill,
    mode: 'Preview',
    agentOwnedColumn: c.agentOwnedColumn ?? null,
    previewTimeoutSeconds: c.previewTimeoutSeconds ?? PREVIEW_DEFAULTS.previewTimeoutSeconds,
    recycleEveryMinutes: c.recycleEveryMinutes ?? null,
    behaviours: (c.previews?.agents ?? []).map((b) => ({ agent: String(b.agent), decisions: b.decisions ?? decisions, decideSeconds: b.decideSeconds ?? decideSeconds })),
    defaultBehaviour: { decisions, decideSeconds },
    script: c.script?.trim() || skillScript,
  };
}
