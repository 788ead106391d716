// Section `pointsOfContact`: the entry points inbound contacts use (phone
// numbers, e-mail addresses, chat and digital channels), each with its
// default skill, its script and its active flag (docs/points-of-contact.md).
// The rules are the upload's (pocs/rules.ts); records go to the `pocs`
// collection. With a state file that already holds POCs (an earlier upload),
// the file adds the ones the state lacks and leaves the others as uploaded.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { pocCollection, pocKey, POC_CHANNELS, type PocChannel, type PocRecord } from '../pocs/records.js';
import { pocProblem, type SkillFacts } from '../pocs/rules.js';
import { defineSection } from '../section.js';
import type { SkillInput } from './skills.js';

export interface PocInput {
  id: string | number;
  name: string;
  channel?: PocChannel;
  skill: number;
  script?: string;
  active?: boolean;
}

export const pointsOfContactSection = defineSection<PocInput[]>({
  key: 'pointsOfContact',
  description: 'Points of contact: id (phone number, e-mail address or channel), name, channel, default skill, script, active flag.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name', 'skill'],
      additionalProperties: false,
      properties: {
        id: { type: ['string', 'integer'], description: 'The phone number, e-mail address or chat/digital channel name contacts arrive at.' },
        name: { type: 'string', minLength: 1, maxLength: 255 },
        channel: { enum: [...POC_CHANNELS], default: 'Phone', description: 'The media of the POC; its skill must be of the same media.' },
        skill: { type: 'integer', minimum: 1, description: "The default skill (skillno of contacts arriving here; REQAGENT's Default skill)." },
        script: { type: 'string', minLength: 1, description: "The script contacts arriving here run (default: the skill's script)." },
        active: { type: 'boolean', default: true },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const skills = new Map(((doc.data.skills ?? []) as SkillInput[]).map((s) => [s.id, skillFacts(s)]));
    const keys = new Map<string, number>();
    ((doc.data.pointsOfContact ?? []) as PocInput[]).forEach((p, i) => {
      const rec = toPocRecord(p);
      const problem = pocProblem(rec, undefined, (id) => skills.get(id));
      if (problem) out.push(diagnostic('E-TENANT-POC', problem.message, locate(['pointsOfContact', i, problem.field in p ? problem.field : 'id'])));
      const key = pocKey(rec.id, rec.channel);
      if (keys.has(key))
        out.push(diagnostic('E-TENANT-DUPLICATE', `point of contact ${rec.id} is already declared by pointsOfContact[${keys.get(key)}]`, locate(['pointsOfContact', i, 'id'])));
      else keys.set(key, i);
    });
    return out;
  },
  load(store, pocs, { fresh }) {
    const collection = pocCollection(store);
    for (const p of pocs) {
      const rec = toPocRecord(p);
      const key = pocKey(rec.id, rec.channel);
      if (fresh || collection.get(key) === undefined) collection.put(key, rec);
    }
  },
});

export function toPocRecord(p: PocInput): PocRecord {
  return { id: String(p.id).trim(), name: p.name, channel: p.channel ?? 'Phone', skill: p.skill, script: p.script ?? null, active: p.active ?? true };
}

function skillFacts(s: SkillInput): SkillFacts {
  return { id: s.id, name: s.name, media: s.media ?? 'Phone', active: s.active ?? true };
}
