import { describe, expect, it } from 'vitest';
import { applyEvent, newContact, releaseVariables, waitsForEvents, type ContactState } from '../../src/phone/contact.js';
import { enqueue, nextEventMs, NO_EVENTS } from '../../src/phone/events.js';
import type { ContactEvent } from '../../src/contract/contact.js';
import { formatTranscript, isHeard, transcriptLines, type TranscriptEntry } from '../../src/phone/transcript.js';

const agent = { id: '1001', firstName: 'Ann', lastName: 'Smith' };
const answer: ContactEvent = { type: 'answer', agent, skillName: 'Support', skillNo: 6061 };

describe('the contact', () => {
  it('starts in the IVR and moves through queue, agent, hold and release; events wait in time order', () => {
    let q = NO_EVENTS;
    q = enqueue(q, { type: 'release', by: 'agent' }, 300);
    q = enqueue(q, answer, 100);
    q = enqueue(q, { type: 'hold' }, 200);
    q = enqueue(q, { type: 'resume' }, 250);
    expect(nextEventMs(q)).toBe(100);
    let c: ContactState = { ...newContact(undefined, 0), status: 'queued' };
    const log: string[] = [];
    for (const { event, atMs } of q.queue) {
      const next = applyEvent(c, event, atMs);
      c = next ?? c;
      log.push(`${atMs} ${event.type} ${next ? c.status : 'ignored'}`);
    }
    expect(log).toEqual(['100 answer agent', '200 hold hold', '250 resume agent', '300 release released']);
    expect(c.agent).toEqual(agent);
    expect(c.released).toEqual({ atMs: 300, by: 'agent', cause: { callResult: 'AgentDisconnect', causeCode: 16, categoryId: 1 } });
  });

  it('events of the same instant keep the order they were raised in', () => {
    let q = enqueue(NO_EVENTS, { type: 'signal', from: '1', params: [] }, 50);
    q = enqueue(q, { type: 'release', by: 'caller' }, 50);
    expect(q.queue.map((e) => e.event.type)).toEqual(['signal', 'release']);
  });

  it('events that do not apply change nothing: a second release, hold without an agent, answer after release', () => {
    const c = newContact(undefined, 0);
    expect(applyEvent(c, { type: 'hold' }, 1)).toBeUndefined();
    const released = applyEvent(c, { type: 'release', by: 'caller', cause: { causeCode: 17 } }, 2)!;
    expect(released.released?.cause).toEqual({ callResult: 'CallerDisconnect', causeCode: 17, categoryId: 1 });
    expect(applyEvent(released, { type: 'release', by: 'agent' }, 3)).toBeUndefined();
    expect(applyEvent(released, answer, 4)).toBeUndefined();
  });

  it('a thread that runs out of actions waits for events once the contact is queued or with an agent', () => {
    const c = newContact(undefined, 0);
    expect(waitsForEvents(c)).toBe(false);
    expect(waitsForEvents({ ...c, status: 'queued' })).toBe(true);
    expect(waitsForEvents({ ...c, status: 'hold' })).toBe(true);
    expect(waitsForEvents({ ...c, status: 'released' })).toBe(false);
  });

  it('release sets the cause variables', () => {
    expect(releaseVariables({ callResult: 'CallerDisconnect', causeCode: 16, categoryId: 1 })).toEqual({ _callresult: 'CallerDisconnect', _causecode: 16, _causecodecategoryid: 1 });
  });
});

describe('the transcript', () => {
  const entries: TranscriptEntry[] = [
    { atMs: 0, kind: 'prompt', who: 'ivr', text: 'Press 1 for sales', action: 'Main.menu', ms: 3000, playedMs: 1200, cut: 'key' },
    { atMs: 1200, kind: 'keys', who: 'caller', text: '1' },
    { atMs: 1200, kind: 'contact', who: 'system', text: 'queued for skill Sales' },
    { atMs: 1200, kind: 'music', who: 'ivr', text: 'Carefree Days.wav', action: 'Main.hold', ms: 30000, playedMs: 0, cut: 'event' },
    { atMs: 95_500, kind: 'hangup', who: 'caller', text: 'hung up' },
  ];
  const lines = transcriptLines(entries, 0, (ms) => new Date(ms).toISOString());

  it('lists what was heard and done with times since the call started', () => {
    expect(lines[1]).toEqual({ at: '1970-01-01T00:00:01.200Z', seconds: 1.2, kind: 'keys', who: 'caller', text: '1' });
    expect(lines.filter(isHeard).map((l) => l.text)).toEqual(['Press 1 for sales']);
  });

  it('prints a readable call', () => {
    expect(formatTranscript(lines, 'Call 1 from 555 to 800')).toBe(
      [
        'Call 1 from 555 to 800',
        '  0:00.0  IVR     "Press 1 for sales"   [cut by a key after 1.2s, Main.menu]',
        '  0:01.2  caller  pressed 1',
        '  0:01.2          queued for skill Sales',
        '  0:01.2  IVR     music Carefree Days.wav   [cut by an event after 0s, Main.hold]',
        '  1:35.5  caller  hung up',
        '',
      ].join('\n'),
    );
  });
});
