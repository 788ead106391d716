// The routing process's part of a snapshot (`processes.routing`): the queues
// and the agents as the model holds them, and the callbacks agents dialed.
// `readRoutingState` checks one read back before the model takes it: every
// member has the type and range the model needs, and the contacts and agents
// agree with each other (a contact ringing or talking names an agent of the
// tenant who is ringing or talking for it, and the other way round), so a
// damaged snapshot is refused naming where instead of routing wrongly later.
import type { QueuePhase } from '../../contract/routing.js';
import { array, fail, finite, object, oneOf, orNull, text, time, whole } from '../../contract/state-check.js';
import { DIAL_RESULTS, type DialResult } from '../dial-plan.js';
import type { AgentPhase, AgentState, QueuedContact, RoutingSnapshot } from './model.js';
import type { AgentRoutingRecord } from './records.js';

/** A callback an agent took: its number dialed through the dial plan. */
export interface CallbackAttempt {
  contactId: string;
  phone: string;
  skill: number;
  agentId: number;
  atMs: number;
  result: DialResult;
}

/** What `RoutingProcess.saveState()` writes. */
export interface RoutingState extends RoutingSnapshot {
  callbackAttempts: CallbackAttempt[];
}

const QUEUE_PHASES: readonly QueuePhase[] = ['queued', 'ringing', 'talking'];
const AGENT_PHASES: readonly AgentPhase[] = ['idle', 'ringing', 'talking', 'wrapUp'];
/** Proficiency runs from 1 (best) to 20 (worst). */
const proficiency = (x: unknown, path: string) => whole(x, path, 20, 1);
const agentId = (x: unknown, path: string) => whole(x, path);

/** Checks a routing state read from a snapshot against the tenant's agents; throws StateError naming where inside it ('' for the whole). */
export function readRoutingState(x: unknown, agents: readonly AgentRoutingRecord[]): RoutingState {
  const s = object(x, '');
  const startMs = time(s.startMs, 'startMs');
  const lastMs = time(s.lastMs, 'lastMs');
  const seq = whole(s.seq, 'seq');
  const known = new Set(agents.map((a) => a.id));
  const contacts = array(s.contacts, 'contacts').map((c, i) => readContact(c, `contacts[${i}]`, seq, known));
  const byId = new Map<string, { contact: QueuedContact; at: string }>();
  const seqs = new Set<number>();
  contacts.forEach((c, i) => {
    const at = `contacts[${i}]`;
    if (byId.has(c.request.contactId)) fail(`${at}.request.contactId`, `repeats contact id ${JSON.stringify(c.request.contactId)}`);
    if (seqs.has(c.seq)) fail(`${at}.seq`, `repeats queue sequence number ${c.seq}`);
    byId.set(c.request.contactId, { contact: c, at });
    seqs.add(c.seq);
  });
  const states = array(s.agents, 'agents').map((a, i) => readAgent(a, `agents[${i}]`, known));
  const byAgent = new Map<number, AgentState>();
  states.forEach((a, i) => {
    const at = `agents[${i}]`;
    if (byAgent.has(a.id)) fail(`${at}.id`, `repeats agent ${a.id}`);
    byAgent.set(a.id, a);
    if (a.contactId === null) return;
    // An agent ringing or talking is so for one contact, which says the same.
    const c = byId.get(a.contactId)?.contact;
    if (!c) fail(`${at}.contactId`, `names contact ${JSON.stringify(a.contactId)}, which is not one of the contacts`);
    if (c.agentId !== a.id || c.phase !== a.phase || c.phaseEndsMs !== a.phaseEndsMs)
      fail(`${at}.contactId`, `names contact ${JSON.stringify(a.contactId)}, which is not ${a.phase} with agent ${a.id} until the same time`);
  });
  for (const { contact: c, at } of byId.values()) {
    if (c.agentId === null) continue;
    if (byAgent.get(c.agentId)?.contactId !== c.request.contactId)
      fail(`${at}.agentId`, `names agent ${c.agentId}, whose state in agents is not ${c.phase} for this contact`);
  }
  const callbackAttempts = array(s.callbackAttempts, 'callbackAttempts').map((a, i) => readAttempt(a, `callbackAttempts[${i}]`));
  return { startMs, lastMs, seq, contacts, agents: states, callbackAttempts };
}

function readContact(x: unknown, at: string, lastSeq: number, known: ReadonlySet<number>): QueuedContact {
  const c = object(x, at);
  const r = object(c.request, `${at}.request`);
  const req = `${at}.request`;
  const request: QueuedContact['request'] = {
    contactId: text(r.contactId, `${req}.contactId`),
    skill: whole(r.skill, `${req}.skill`),
    targetAgent: orNull(r.targetAgent, `${req}.targetAgent`, agentId),
    initialPriority: finite(r.initialPriority, `${req}.initialPriority`),
    acceleration: finite(r.acceleration, `${req}.acceleration`),
    maxPriority: finite(r.maxPriority, `${req}.maxPriority`),
    highProficiency: proficiency(r.highProficiency, `${req}.highProficiency`),
    lowProficiency: proficiency(r.lowProficiency, `${req}.lowProficiency`),
    callback: orNull(r.callback, `${req}.callback`, readCallback),
    notBeforeMs: orNull(r.notBeforeMs, `${req}.notBeforeMs`, time),
  };
  const seq = whole(c.seq, `${at}.seq`, lastSeq, 1);
  const queuedMs = time(c.queuedMs, `${at}.queuedMs`);
  const phase = oneOf(c.phase, `${at}.phase`, QUEUE_PHASES);
  // Waiting: no agent and no timer; ringing or talking: an agent of the tenant until a time.
  const agent = phase === 'queued' ? nothing(c.agentId, `${at}.agentId`, 'a queued contact') : agentId(c.agentId, `${at}.agentId`);
  if (agent !== null && !known.has(agent)) fail(`${at}.agentId`, `names agent ${agent}, which the tenant does not have`);
  const phaseEndsMs = phase === 'queued' ? nothing(c.phaseEndsMs, `${at}.phaseEndsMs`, 'a queued contact') : time(c.phaseEndsMs, `${at}.phaseEndsMs`);
  return { request, seq, queuedMs, phase, agentId: agent, phaseEndsMs };
}

function readCallback(x: unknown, at: string): NonNullable<QueuedContact['request']['callback']> {
  const cb = object(x, at);
  const phone = text(cb.phone, `${at}.phone`);
  const callerId = text(cb.callerId, `${at}.callerId`);
  if (cb.delaySeconds === undefined) return { phone, callerId };
  const delaySeconds = finite(cb.delaySeconds, `${at}.delaySeconds`);
  if (delaySeconds < 0) fail(`${at}.delaySeconds`, 'must be 0 or more');
  return { phone, callerId, delaySeconds };
}

function readAgent(x: unknown, at: string, known: ReadonlySet<number>): AgentState {
  const a = object(x, at);
  const id = agentId(a.id, `${at}.id`);
  if (!known.has(id)) fail(`${at}.id`, `names agent ${id}, which the tenant does not have`);
  const phase = oneOf(a.phase, `${at}.phase`, AGENT_PHASES);
  const busy = phase === 'ringing' || phase === 'talking';
  const contactId = busy ? text(a.contactId, `${at}.contactId`) : nothing(a.contactId, `${at}.contactId`, `an agent in ${phase}`);
  // Idle: no timer; ringing, talking and after-call work end at a time.
  const phaseEndsMs = phase === 'idle' ? nothing(a.phaseEndsMs, `${at}.phaseEndsMs`, 'an idle agent') : time(a.phaseEndsMs, `${at}.phaseEndsMs`);
  return { id, phase, contactId, phaseEndsMs, idleSinceMs: time(a.idleSinceMs, `${at}.idleSinceMs`), handled: whole(a.handled, `${at}.handled`) };
}

function readAttempt(x: unknown, at: string): CallbackAttempt {
  const a = object(x, at);
  return {
    contactId: text(a.contactId, `${at}.contactId`),
    phone: text(a.phone, `${at}.phone`),
    skill: whole(a.skill, `${at}.skill`),
    agentId: agentId(a.agentId, `${at}.agentId`),
    atMs: time(a.atMs, `${at}.atMs`),
    result: oneOf(a.result, `${at}.result`, DIAL_RESULTS),
  };
}

/** null, which `who` must have here. */
function nothing(x: unknown, path: string, who: string): null {
  if (x !== null) fail(path, `must be null for ${who}`);
  return null;
}
