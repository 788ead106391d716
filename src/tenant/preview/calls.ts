// The calls of a preview campaign (docs/preview-campaigns.md, "The script of
// a preview contact"). When a record is offered, the campaign's phone script
// starts as an outbound contact carrying the record's data, and the offer
// reaches it as the preview event (ONPREVIEW: help page, research
// digital-and-proactive.md §3.6). The agent's decision then goes to the same
// contact: an accepted record is dialed through the tenant's dial plan, like
// PLACECALL — answered: the agent is connected (ONANSWER) and one side hangs
// up after the talk; busy, no answer, a machine, an invalid number: the
// contact is released with that call result (ONRELEASE) —, and a skipped,
// rejected or timed-out preview releases the contact undialed.
import type { AgentInfo, ContactEvent, ReleaseCause } from '../../contract/contact.js';
import type { ProcessServices } from '../../contract/process.js';
import type { ProspectRecord, TenantStore } from '../../contract/tenant-store.js';
import type { Value } from '../../contract/value.js';
import { IDENTIFIER } from '../../contract/variables.js';
import { callEffect, dialAttempt, resolveDial, type DialResult } from '../dial-plan.js';
import type { CampaignAgent } from './owners.js';
import { PREVIEW_DEFAULTS, type CampaignRecord, type PreviewDecision } from './records.js';

/**
 * The release cause of each way a preview contact ends without an agent on
 * the line (emulator decision: call results named after the dial outcome or
 * the agent's decision; Q.850 codes where one fits: 17 user busy, 19 no
 * answer, 1 unallocated number, 41 temporary failure; else 16).
 */
export const PREVIEW_RELEASES: Readonly<Record<Exclude<DialResult, 'answered'> | Exclude<PreviewDecision, 'accept'>, Pick<ReleaseCause, 'callResult' | 'causeCode'>>> = {
  busy: { callResult: 'Busy', causeCode: 17 },
  noAnswer: { callResult: 'NoAnswer', causeCode: 19 },
  machine: { callResult: 'AnsweringMachine', causeCode: 16 },
  invalidNumber: { callResult: 'InvalidNumber', causeCode: 1 },
  error: { callResult: 'Error', causeCode: 41 },
  skip: { callResult: 'Skipped', causeCode: 16 },
  reject: { callResult: 'Rejected', causeCode: 16 },
  timeout: { callResult: 'Requeued', causeCode: 16 },
};

/** What dialing an accepted record did: how it went, and how long the agent is busy with it (ringing, talk, after-call work). */
export interface PreviewDial {
  result: DialResult;
  busySeconds: number;
}

export class PreviewCalls {
  /** The script could not start (missing, not a phone script): said once per campaign, then no more runs (kept in snapshots). */
  broken = false;

  constructor(
    private readonly store: TenantStore,
    private readonly campaign: CampaignRecord,
    private readonly services: () => ProcessServices | null,
  ) {}

  /** At the offer: the campaign's script starts for the record and gets the preview event. Returns the contact id, or null without a script. */
  offer(agent: CampaignAgent, record: ProspectRecord, nowMs: number): string | null {
    const services = this.services();
    const script = this.campaign.script;
    if (script === null || this.broken || !services?.startScript) return null;
    const started = services.startScript(script, {
      vars: recordVariables(record),
      skillNo: this.campaign.skill,
      atMs: nowMs,
      call: { ani: '', dnis: record.destinations[0] ?? '' },
    });
    if ('error' in started) {
      this.broken = true;
      services.warn?.(`preview campaign ${this.campaign.name}: its script cannot run, so previews run no script: ${started.error}`);
      return null;
    }
    services.contacts?.raise(started.contactId, { type: 'preview', agent: agentInfo(agent), campaign: this.campaign.name, record: record.externalId }, nowMs);
    return started.contactId;
  }

  /** The agent accepted: the record's first number is dialed by the dial plan; the contact hears how it went. */
  dial(agent: CampaignAgent, record: ProspectRecord, contactId: string | null, nowMs: number): PreviewDial {
    const number = record.destinations[0] ?? '';
    const outcome = resolveDial(this.store, number);
    const attempt = dialAttempt(outcome, PREVIEW_DEFAULTS.ringTimeoutSeconds);
    const services = this.services();
    services?.effect?.('calls', callEffect('PREVIEW', number, outcome, '', attempt, contactId ?? ''));
    const r = agent.routing;
    const rangMs = nowMs + attempt.seconds * 1000;
    if (attempt.result !== 'answered') {
      this.raise(contactId, { type: 'release', by: 'system', cause: PREVIEW_RELEASES[attempt.result] }, rangMs);
      return { result: attempt.result, busySeconds: attempt.seconds + r.wrapUpSeconds };
    }
    // A dial-plan rule says how long the called party stays; a number no rule matches talks as long as the agent does.
    const partyLeavesFirst = outcome.rule !== null && outcome.talkSeconds < r.talkSeconds;
    const talk = partyLeavesFirst ? outcome.talkSeconds : r.talkSeconds;
    const skill = this.store.skill(this.campaign.skill);
    this.raise(contactId, { type: 'answer', agent: agentInfo(agent), skillName: skill?.name ?? '', skillNo: this.campaign.skill }, rangMs);
    this.raise(contactId, { type: 'release', by: partyLeavesFirst ? 'caller' : 'agent' }, rangMs + talk * 1000);
    return { result: 'answered', busySeconds: attempt.seconds + talk + r.wrapUpSeconds };
  }

  /** Skip, reject or timeout (or a record gone before its dial: error): the contact is released without a dial. */
  release(contactId: string | null, why: keyof typeof PREVIEW_RELEASES, nowMs: number): void {
    this.raise(contactId, { type: 'release', by: 'system', cause: PREVIEW_RELEASES[why] }, nowMs);
  }

  private raise(contactId: string | null, event: ContactEvent, atMs: number): void {
    if (contactId !== null) this.services()?.contacts?.raise(contactId, event, atMs);
  }
}

function agentInfo(agent: CampaignAgent): AgentInfo {
  return { id: String(agent.id), firstName: agent.routing.firstName, lastName: agent.routing.lastName };
}

/**
 * The contact's variables from its record (emulator decision): every column
 * of the uploaded row (or CREATEPROSPECTS record) whose name is a variable
 * name, the mapped fields (FirstName, LastName…), `ExternalId` and
 * `PhoneNumber` (the number dialed).
 */
export function recordVariables(p: ProspectRecord): Record<string, Value> {
  const vars: Record<string, Value> = {};
  const put = (name: string, v: unknown): void => {
    if (!IDENTIFIER.test(name) || name.toLowerCase() === '__proto__') return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') vars[name.toLowerCase()] = String(v);
  };
  const row = p.fields.Record;
  if (row !== null && typeof row === 'object' && !Array.isArray(row)) for (const [k, v] of Object.entries(row)) put(k, v);
  for (const [k, v] of Object.entries(p.fields)) if (k !== 'Record') put(k, v);
  put('ExternalId', p.externalId);
  put('PhoneNumber', p.destinations[0] ?? '');
  return vars;
}
