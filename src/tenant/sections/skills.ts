// Section `skills`: ACD skills, with the Personal Connection flag that makes a
// skill a CREATEPROSPECTS target and the dialer simulation that drains its
// calling list.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';
import { SKILL_QUEUE_DEFAULTS, SKILL_QUEUES_COLLECTION, type SkillQueueRecord } from '../routing/records.js';
import type { SkillRecord } from '../../contract/tenant-store.js';
import { DIGITAL_SKILL_PROPERTIES, loadDigitalSkills, validateDigitalSkills, type DigitalSkillInput } from '../digital/skill-settings.js';

export const SKILL_MEDIA = ['Phone', 'Digital', 'Email', 'Chat', 'WorkItem', 'Voicemail', 'SMS'] as const;

/** Skill names: 2–30 characters of letters, digits and `- _ . :` (the seed documents' rule). */
export const SKILL_NAME_PATTERN = '^[\\p{L}\\p{N}_.:-]{2,30}$';
export const SKILL_NAME_RULE = 'skill names are 2–30 characters: letters, digits and - _ . :';

export interface SkillInput extends DigitalSkillInput {
  id: number;
  name: string;
  media?: SkillRecord['media'];
  direction?: SkillRecord['direction'];
  personalConnection?: boolean;
  campaign?: string;
  active?: boolean;
  script?: string;
  dialer?: { ratePerMinute: number };
  initialPriority?: number;
  acceleration?: number;
  maxPriority?: number;
}

export const skillsSection = defineSection<SkillInput[]>({
  key: 'skills',
  description: 'ACD skills: id, name, media, direction, Personal Connection flag, campaign, XS brain script, dialer rate, queue priority; outbound digital skills add channel, template, source, schedule, started, sender.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1, description: 'Skill number (SkillNo).' },
        name: { type: 'string', pattern: SKILL_NAME_PATTERN, 'x-message': SKILL_NAME_RULE },
        media: { enum: [...SKILL_MEDIA], default: 'Phone' },
        direction: { enum: ['Inbound', 'Outbound'], default: 'Inbound' },
        personalConnection: { type: 'boolean', default: false, description: 'A Proactive XS / Personal Connection skill.' },
        campaign: { type: 'string', minLength: 1 },
        active: { type: 'boolean', default: true },
        script: { type: 'string', minLength: 1, description: "The skill's XS brain script." },
        dialer: {
          type: 'object',
          required: ['ratePerMinute'],
          additionalProperties: false,
          properties: { ratePerMinute: { type: 'number', exclusiveMinimum: 0, maximum: 100000, description: 'Records dialed per virtual minute.' } },
        },
        initialPriority: { type: 'number', minimum: 0, description: `Queue priority a contact starts with (REQAGENT DefaultFromSkill; default ${SKILL_QUEUE_DEFAULTS.initialPriority}).` },
        acceleration: { type: 'number', minimum: 0, description: `Priority added per minute in queue (default ${SKILL_QUEUE_DEFAULTS.acceleration}).` },
        maxPriority: { type: 'number', minimum: 0, description: `Priority cap (default ${SKILL_QUEUE_DEFAULTS.maxPriority}).` },
        ...DIGITAL_SKILL_PROPERTIES,
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const skills = (doc.data.skills ?? []) as SkillInput[];
    const ids = new Map<number, number>();
    const names = new Map<string, number>();
    skills.forEach((s, i) => {
      if (ids.has(s.id)) out.push(diagnostic('E-TENANT-DUPLICATE', `skill id ${s.id} is already used by skills[${ids.get(s.id)}]`, locate(['skills', i, 'id'])));
      else ids.set(s.id, i);
      const lower = s.name.toLowerCase();
      if (names.has(lower))
        out.push(diagnostic('E-TENANT-DUPLICATE', `skill name ${s.name} is already used by skills[${names.get(lower)}]`, locate(['skills', i, 'name'])));
      else names.set(lower, i);
      if (s.personalConnection && s.direction !== 'Outbound')
        out.push(
          diagnostic('E-TENANT-SKILL', `skill ${s.id} (${s.name}) is a Personal Connection skill, so its direction must be Outbound`, locate(['skills', i, s.direction ? 'direction' : 'personalConnection'])),
        );
      const initial = s.initialPriority ?? SKILL_QUEUE_DEFAULTS.initialPriority;
      const max = s.maxPriority ?? SKILL_QUEUE_DEFAULTS.maxPriority;
      if (initial > max)
        out.push(diagnostic('E-TENANT-SKILL', `skill ${s.id} (${s.name}): initialPriority ${initial} is above maxPriority ${max}`, locate(['skills', i, s.initialPriority !== undefined ? 'initialPriority' : 'maxPriority'])));
      if (s.dialer && !s.personalConnection)
        out.push(
          diagnostic('W-TENANT-DIALER', `skill ${s.id} (${s.name}) has a dialer but is not a Personal Connection skill; the dialer is ignored`, locate(['skills', i, 'dialer'], 'key'), 'warning'),
        );
    });
    out.push(...validateDigitalSkills(doc, locate));
    return out;
  },
  load(store, skills, info) {
    loadDigitalSkills(store, skills, info.file);
    const queues = store.collection<SkillQueueRecord>(SKILL_QUEUES_COLLECTION);
    queues.clear();
    for (const s of skills) {
      store.putSkill(toSkillRecord(s));
      if (s.initialPriority !== undefined || s.acceleration !== undefined || s.maxPriority !== undefined)
        queues.put(String(s.id), {
          skill: s.id,
          initialPriority: s.initialPriority ?? SKILL_QUEUE_DEFAULTS.initialPriority,
          acceleration: s.acceleration ?? SKILL_QUEUE_DEFAULTS.acceleration,
          maxPriority: s.maxPriority ?? SKILL_QUEUE_DEFAULTS.maxPriority,
        });
    }
  },
});

export function toSkillRecord(s: SkillInput): SkillRecord {
  return {
    id: s.id,
    name: s.name,
    media: s.media ?? 'Phone',
    direction: s.direction ?? 'Inbound',
    personalConnection: s.personalConnection ?? false,
    campaign: s.campaign ?? null,
    active: s.active ?? true,
    script: s.script ?? null,
    dialer: s.dialer && s.personalConnection ? { ratePerMinute: s.dialer.ratePerMinute } : null,
  };
}
