// Background processes reach calls through ProcessServices.contacts: a process
// (routing, in the product) answers and releases a call whose script waits for
// it, reads the contact, and hears of every release whoever caused it.
import { describe, expect, it } from 'vitest';
import type { ContactServices, ReleasedBy } from '../../src/contract/contact.js';
import type { BackgroundProcess, ProcessServices } from '../../src/contract/process.js';
import { call, heard, labels } from './helpers.js';

const CONTACT = '100000001';

/** Answers the first call `answerAt` seconds in and hangs up `releaseAt` seconds in (negative: never). */
class FakeAgent implements BackgroundProcess {
  readonly name = 'fake-agent';
  contacts?: ContactServices;
  releases: [string, number, ReleasedBy][] = [];
  statusAtAnswer: string | undefined;
  private plan: { atMs: number; what: 'answer' | 'release' }[] = [];
  constructor(private readonly answerAt: number, private readonly releaseAt: number) {}

  attach(services: ProcessServices): void {
    this.contacts = services.contacts;
    const start = services.clock.now().toMillis();
    if (this.answerAt >= 0) this.plan.push({ atMs: start + this.answerAt * 1000, what: 'answer' });
    if (this.releaseAt >= 0) this.plan.push({ atMs: start + this.releaseAt * 1000, what: 'release' });
    this.contacts?.onRelease((id, atMs, by) => this.releases.push([id, atMs - start, by]));
  }
  nextDueMs(): number | null {
    return this.plan[0]?.atMs ?? null;
  }
  runDue(nowMs: number): void {
    const next = this.plan.shift()!;
    if (next.what === 'answer') {
      this.statusAtAnswer = this.contacts!.get(CONTACT)?.status;
      this.contacts!.raise(CONTACT, { type: 'answer', agent: { id: '7', firstName: 'Bo', lastName: 'Li' }, skillName: 'Support' }, nowMs);
    } else this.contacts!.raise(CONTACT, { type: 'release', by: 'agent' }, nowMs);
  }
}

const SCRIPT = `script Main
type Phone
start: BEGIN -> wait
wait: STOP
answered: ONANSWER -> hello
hello: PLAY { Sequence = ["%You are talking to {FIRST}"] }
gone: ONRELEASE -> why
why: SNIPPET { ASSIGN cause = _callresult }
`;

describe('a background process and a waiting call', () => {
  it('answers and releases a call that waits for it, though nothing else is due', async () => {
    const agent = new FakeAgent(30, 90);
    const r = await call(SCRIPT, '', { runtime: { background: [agent] } });
    expect(r.status).toBe('completed');
    expect(labels(r)).toEqual(['start', 'wait', 'answered', 'hello', 'gone', 'why']);
    expect(r.variables.cause).toBe('AgentDisconnect');
    expect(agent.statusAtAnswer).toBe('ivr');
    expect(heard(r)).toContain('30 ivr "You are talking to Bo"');
    expect(agent.releases).toEqual([[CONTACT, 90_000, 'agent']]);
  });

  it('hears of a release by the caller; a process with nothing more to do lets the waiting run stop', async () => {
    const hungUp = new FakeAgent(-1, -1);
    const r1 = await call(SCRIPT, 'wait 12s; hangup', { runtime: { background: [hungUp] } });
    expect(r1.variables.cause).toBe('CallerDisconnect');
    expect(hungUp.releases).toEqual([[CONTACT, 12_000, 'caller']]);
    const idle = new FakeAgent(-1, -1);
    const r2 = await call(SCRIPT, '', { runtime: { background: [idle] } });
    expect(r2.status).toBe('stopped');
  });
});
