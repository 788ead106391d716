// A morning on one skill for the snapshot tests: nine callers (one of them
// queues a callback and hangs up, one gives up in the queue) and two agents —
// Ana logs in after 30 s and wraps up after each call, Ben's shift breaks
// from 90 s to 180 s — so a pause can find every kind of routing state.
import { createRuntime, type RunOptions } from '../../src/runtime/runtime.js';
import type { Snapshot } from '../../src/runtime/state.js';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { scriptSet } from '../runtime/helpers.js';

export const MAIN = `script Main
type Phone
start: BEGIN -> route
route: CASE { Variable = "kind" }
  "callback" -> cb
  Default -> queue
cb: QUEUECALLBACK { PhoneNumber = "{ANI}"  Skill = 6061  CallDelaySec = 5 } -> bye
bye: HANGUP
queue: REQAGENT { Skill = 6061  PriorityManagement = Custom  InitialPriority = "{prio}"  Acceleration = 2 } -> count
count: GETQUEUE { Skills = 6061 } -> announce
announce: PLAY { Sequence = "\\"%{numberqueued} waiting, longest {longestwait}\\"" } -> music
music: MUSIC { MusicFile = "hold.wav"  SecondstoPlay = 12 } -> count
answered: ONANSWER -> who
who: SNIPPET { ASSIGN agent = AGENTID }
`;

/** Monday 2026-12-07 09:00 UTC. Ana logs in after 30 s and wraps up; Ben's shift breaks from 09:01:30 to 09:03. */
export const NOW = '2026-12-07T09:00:00Z';
export const tenant = () =>
  tenantFromData({
    timeZone: 'UTC',
    skills: [{ id: 6061, name: 'Support' }],
    audioFiles: [{ file: 'hold.wav', seconds: 60 }],
    agents: [
      { id: 1001, email: 'ana@example.com', name: 'Ana Silva', skills: [6061], availableAfterSeconds: 30, ringSeconds: 2, talkSeconds: 40, wrapUpSeconds: 10 },
      {
        id: 1002,
        email: 'ben@example.com',
        name: 'Ben Okafor',
        skills: [{ skill: 6061, proficiency: 3 }],
        schedule: { Monday: { open: '09:00', close: '09:01:30', additionalOpen: '09:03', additionalClose: '17:00' } },
        ringSeconds: 4,
        talkSeconds: 25,
      },
    ],
  });

export const RUN: RunOptions = {
  vars: { kind: 'live', prio: 0 },
  contact: { ani: '3035550100' },
  calls: [
    { at: 5, vars: { kind: 'live', prio: 0 }, contact: { ani: '3035550101' } },
    { at: 10, vars: { kind: 'callback' }, contact: { ani: '3035550102' } },
    { at: 20, vars: { kind: 'live', prio: 5 }, contact: { ani: '3035550103', caller: 'hangup at 100s' } },
    { at: 40, vars: { kind: 'live', prio: 0 }, contact: { ani: '3035550104' } },
    { at: 60, vars: { kind: 'live', prio: 1 }, contact: { ani: '3035550105' } },
    { at: 100, vars: { kind: 'live', prio: 0 }, contact: { ani: '3035550106' } },
    { at: 105, vars: { kind: 'live', prio: 0 }, contact: { ani: '3035550107', caller: 'hangup at 30s' } },
    { at: 110, vars: { kind: 'live', prio: 0 }, contact: { ani: '3035550108' } },
  ],
};

export const scripts = scriptSet([MAIN]);
export const runtime = (resume?: unknown) => createRuntime({ scripts, tenant: tenant(), now: NOW, ...(resume ? { resume: resume as Snapshot } : {}) });
