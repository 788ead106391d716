// What routing knows about agents and skills beyond their identity: an
// agent's skills with proficiency, when the agent is available over the
// virtual day, and how long the agent rings, talks and wraps up; a skill's
// queue priority settings. The tenant file declares them (sections agents and
// skills); they live in store collections so both stores keep them.
import type { OpenWindow } from '../hours/profile.js';
import type { TenantStore } from '../../contract/tenant-store.js';

export interface AgentSkill {
  skill: number;
  /** 1 (best) … 20 (worst). */
  proficiency: number;
}

export interface AgentRoutingRecord {
  id: number;
  name: string;
  firstName: string;
  lastName: string;
  skills: AgentSkill[];
  /** False: never takes contacts. */
  loggedIn: boolean;
  /** Available only this many seconds after the simulation starts (null: from the start). */
  availableAfterSeconds: number | null;
  /** Weekly working hours in the BU zone, Monday first (null: every hour of every day). */
  schedule: OpenWindow[][] | null;
  /** Seconds between routing a contact to the agent and the agent answering. */
  ringSeconds: number;
  /** Seconds the agent talks before hanging up. */
  talkSeconds: number;
  /** Seconds of after-call work before the agent takes the next contact. */
  wrapUpSeconds: number;
}

export interface SkillQueueRecord {
  skill: number;
  initialPriority: number;
  /** Priority points added per minute in queue. */
  acceleration: number;
  maxPriority: number;
}

/** Emulator decisions (docs/routing.md): an agent answers after 2 s, talks 60 s, no after-call work; proficiency 1. */
export const AGENT_DEFAULTS = { ringSeconds: 2, talkSeconds: 60, wrapUpSeconds: 0, proficiency: 1 } as const;
/** REQAGENT's documented defaults (InitialPriority 0, Acceleration 1, MaxPriority 1000). */
export const SKILL_QUEUE_DEFAULTS = { initialPriority: 0, acceleration: 1, maxPriority: 1000 } as const;

export const AGENTS_COLLECTION = 'routing.agents';
export const SKILL_QUEUES_COLLECTION = 'routing.skills';

/** Every agent's routing record, in agent id order. */
export function routingAgents(store: TenantStore): AgentRoutingRecord[] {
  return store
    .collection<AgentRoutingRecord>(AGENTS_COLLECTION)
    .all()
    .sort((a, b) => a.id - b.id);
}

/** A skill's queue settings (the defaults when the file gives none). */
export function skillQueue(store: TenantStore, skill: number): SkillQueueRecord {
  return store.collection<SkillQueueRecord>(SKILL_QUEUES_COLLECTION).get(String(skill)) ?? { skill, ...SKILL_QUEUE_DEFAULTS };
}
