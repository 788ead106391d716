// The ACD as actions see it: REQAGENT queues a contact on a skill, transfers
// and releases take it off, GETQUEUE/GETSKILLINFO count what waits and who
// works, the callback actions look for queued callbacks. The tenant room
// implements it (src/tenant/routing/process.ts) as a background process on
// the virtual clock; answers and agent hang-ups reach the contact as events.

export interface QueueRequest {
  contactId: string;
  skill: number;
  /** Only this agent may take the contact (REQAGENT TargetAgent). */
  targetAgent?: number | null;
  initialPriority: number;
  /** Points per minute in queue. */
  acceleration: number;
  maxPriority: number;
  /** Proficiency window the contact accepts (1 best … 20 worst). */
  highProficiency?: number;
  lowProficiency?: number;
  /** A callback (CALLBACK, QUEUECALLBACK, COMMITMENT): no live caller, ranks first; the agent's answer dials `phone`. */
  callback?: CallbackRequest | null;
  /** Not routed before this time (COMMITMENT). */
  notBeforeMs?: number | null;
}

export interface CallbackRequest {
  phone: string;
  callerId: string;
  /** Seconds between the agent taking the callback and the dialing (QUEUECALLBACK CallDelaySec). */
  delaySeconds?: number;
}

export type QueuePhase = 'queued' | 'ringing' | 'talking';

export interface QueueEntryView {
  contactId: string;
  skill: number;
  phase: QueuePhase;
  queuedMs: number;
  agentId: number | null;
  callback: CallbackRequest | null;
}

export interface AgentCounts {
  /** On shift and logged in. */
  loggedIn: number;
  /** On shift and free. */
  available: number;
  /** Ringing, talking or in after-call work. */
  working: number;
}

export interface RoutingService {
  /** Queues the contact now (a contact already waiting gets the new request and keeps its time in queue). */
  enqueue(request: QueueRequest): void;
  /**
   * PULLAGENT: hands the contact (not yet with an agent) to the best free
   * agent on shift with the request's skill at once, ahead of the queue: that
   * agent rings now and answers after the ring time. The agent's id, or null
   * when no agent is free (nothing changes).
   */
  pull(request: QueueRequest): number | null;
  /** The waiting contact becomes a callback with id `callbackId`, keeping its time in queue (CALLBACK); false when it is not waiting. */
  toCallback(contactId: string, callbackId: string, callback: CallbackRequest): boolean;
  /** Takes a contact (or callback) off the queue, or off its agent, now. */
  leave(contactId: string): void;
  entry(contactId: string): QueueEntryView | undefined;
  /** Entries waiting now (callbacks included), in queue order. */
  entries(): QueueEntryView[];
  /** Waiting entries of a skill and the longest wait in whole seconds; bounds keep entries whose proficiency window overlaps them. */
  queueStats(skill: number, highProficiency?: number, lowProficiency?: number): { queued: number; longestWaitSeconds: number };
  /** 1-based place among the entries waiting on the same skill; null when not waiting. */
  position(contactId: string): number | null;
  agentCounts(skill: number): AgentCounts;
}
