// Section `agents`: the BU's agents (id, e-mail, name) and what routing needs
// of them: skills with proficiency, availability over the virtual day (a
// weekly schedule, "available after N seconds", logged out) and the seconds
// they ring, talk and wrap up. Campaign ownership and agent events match
// agents by e-mail or id, case-insensitively.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { checkWeek, weekSchema, weekWindows, type WeekInput } from '../hours/week.js';
import { AGENT_DEFAULTS, AGENTS_COLLECTION, type AgentRoutingRecord } from '../routing/records.js';
import { defineSection } from '../section.js';

export interface AgentInput {
  id: number;
  email: string;
  name: string;
  firstName?: string;
  lastName?: string;
  skills?: (number | { skill: number; proficiency?: number })[];
  loggedIn?: boolean;
  availableAfterSeconds?: number;
  schedule?: WeekInput;
  ringSeconds?: number;
  talkSeconds?: number;
  wrapUpSeconds?: number;
}

const seconds = (description: string) => ({ type: 'number', minimum: 0, maximum: 86_400 * 7, description });
const skillNo = { type: 'integer', minimum: 1 } as const;

export const agentsSection = defineSection<AgentInput[]>({
  key: 'agents',
  description: 'Agents: id, email, name; skills with proficiency, availability and talk time for routing.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'email', 'name'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1 },
        email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'x-message': 'must be an e-mail address' },
        name: { type: 'string', minLength: 1 },
        firstName: { type: 'string', description: 'ONANSWER AgentFirstName (default: the first word of name).' },
        lastName: { type: 'string', description: 'ONANSWER AgentLastName (default: the rest of name).' },
        skills: {
          type: 'array',
          description: 'Skills the agent takes contacts for: a skill number, or { skill, proficiency } (1 best … 20 worst, default 1).',
          items: {
            anyOf: [
              skillNo,
              {
                type: 'object',
                required: ['skill'],
                additionalProperties: false,
                properties: { skill: skillNo, proficiency: { type: 'integer', minimum: 1, maximum: 20 } },
              },
            ],
            'x-message': 'must be a skill number or { skill, proficiency } with proficiency 1–20',
          },
        },
        loggedIn: { type: 'boolean', description: 'False: the agent never takes contacts (default true).' },
        availableAfterSeconds: seconds('Available this many virtual seconds after the simulation starts.'),
        schedule: { ...weekSchema, description: 'Working hours per weekday in the BU zone; a day not listed is a day off. Absent: always working.' },
        ringSeconds: seconds(`Seconds from routing to answer (default ${AGENT_DEFAULTS.ringSeconds}).`),
        talkSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 86_400, description: `Seconds the agent talks before hanging up (default ${AGENT_DEFAULTS.talkSeconds}).` },
        wrapUpSeconds: seconds(`After-call work before the next contact (default ${AGENT_DEFAULTS.wrapUpSeconds}).`),
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const agents = (doc.data.agents ?? []) as AgentInput[];
    const skillIds = new Set(((doc.data.skills ?? []) as { id: number }[]).map((s) => s.id));
    const ids = new Map<number, number>();
    const emails = new Map<string, number>();
    agents.forEach((a, i) => {
      if (ids.has(a.id))
        out.push(diagnostic('E-TENANT-DUPLICATE', `agent id ${a.id} is already used by agents[${ids.get(a.id)}]`, locate(['agents', i, 'id'])));
      else ids.set(a.id, i);
      const email = a.email.toLowerCase();
      if (emails.has(email))
        out.push(diagnostic('E-TENANT-DUPLICATE', `agent e-mail ${a.email} is already used by agents[${emails.get(email)}]`, locate(['agents', i, 'email'])));
      else emails.set(email, i);
      const seen = new Set<number>();
      (a.skills ?? []).forEach((entry, j) => {
        const skill = typeof entry === 'number' ? entry : entry.skill;
        const at = locate(['agents', i, 'skills', j]);
        if (!skillIds.has(skill)) out.push(diagnostic('E-TENANT-AGENT', `agent ${a.id} (${a.name}): skill ${skill} is not declared in skills`, at));
        else if (seen.has(skill)) out.push(diagnostic('E-TENANT-DUPLICATE', `agent ${a.id} (${a.name}) lists skill ${skill} twice`, at));
        seen.add(skill);
      });
      if (a.schedule) out.push(...checkWeek(a.schedule, ['agents', i, 'schedule'], locate, `agent ${a.id} schedule`));
    });
    return out;
  },
  load(store, agents) {
    const routing = store.collection<AgentRoutingRecord>(AGENTS_COLLECTION);
    // Routing settings are configuration: the file replaces what an earlier load left.
    routing.clear();
    for (const a of agents) {
      store.putAgent({ id: a.id, email: a.email, name: a.name });
      routing.put(String(a.id), toRoutingRecord(a));
    }
  },
});

export function toRoutingRecord(a: AgentInput): AgentRoutingRecord {
  const [first, ...rest] = a.name.trim().split(/\s+/);
  return {
    id: a.id,
    name: a.name,
    firstName: a.firstName ?? first ?? '',
    lastName: a.lastName ?? rest.join(' '),
    skills: (a.skills ?? []).map((s) => (typeof s === 'number' ? { skill: s, proficiency: AGENT_DEFAULTS.proficiency } : { skill: s.skill, proficiency: s.proficiency ?? AGENT_DEFAULTS.proficiency })),
    loggedIn: a.loggedIn ?? true,
    availableAfterSeconds: a.availableAfterSeconds ?? null,
    schedule: a.schedule ? weekWindows(a.schedule) : null,
    ringSeconds: a.ringSeconds ?? AGENT_DEFAULTS.ringSeconds,
    talkSeconds: a.talkSeconds ?? AGENT_DEFAULTS.talkSeconds,
    wrapUpSeconds: a.wrapUpSeconds ?? AGENT_DEFAULTS.wrapUpSeconds,
  };
}
