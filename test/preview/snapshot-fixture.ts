// A morning of a preview campaign for the snapshot tests: records owned by
// each agent, by nobody and by someone outside the queue; agents who accept,
// reject, let previews time out and skip; a busy number; an agent whose shift
// starts later and one logged out; three accounts added to the list
// 15.5 minutes in; a recycle every 20 minutes — so a pause can find
// every kind of preview state. Each offer runs the campaign's phone script.
import { createRuntime, type RunOptions } from '../../src/runtime/runtime.js';
import type { Snapshot } from '../../src/runtime/state.js';
import { tenantFromData, type Tenant, type TenantOptions } from '../../src/tenant/tenant.js';
import { scriptSet } from '../runtime/helpers.js';
import { addRecord } from './campaign.js';

const SHIFT = `script Shift
type Generic
start: BEGIN -> first
first: WAIT { Seconds = 930 } -> accounts
accounts: SNIPPET {
  DYNAMIC list
  list.prospects[1].Account = "N-1"
  list.prospects[1].Phone = "3035550111"
  list.prospects[1].AgentEmail = "ana.silva@example.com"
  list.prospects[2].Account = "N-2"
  list.prospects[2].Phone = "3035550102"
  list.prospects[2].AgentEmail = ""
  list.prospects[3].Account = "N-3"
  list.prospects[3].Phone = "3035550113"
  list.prospects[3].AgentEmail = "1003"
} -> add
add: CREATEPROSPECTS v2 { SkillNo = 1300  SourceName = "Collections"  Data = list  TimeZone = "America/Denver"  Results = added } -> rest
  OnError -> rest
rest: WAIT { Seconds = 2700 } -> done
done: END
`;

const CALL = `script CollectionsCall
type Phone
start: BEGIN -> main
main: ASSIGN { Variable = mainflow  Value = "ran" }
preview: ONPREVIEW -> shown
shown: ASSIGN { Variable = shown  Value = "{externalid} for {AGENTID}" }
answered: ONANSWER -> talked
talked: ASSIGN { Variable = talked  Value = "{AGENTID} {FIRST}" }
ended: ONRELEASE -> logged
logged: ASSIGN { Variable = ended  Value = "{_callresult} {_causecode}" }
`;

export const NOW = '2026-01-05T09:00:00-07:00';
export const RUN: RunOptions = {};
export const scripts = scriptSet([SHIFT, CALL]);

export function tenant(options: TenantOptions = {}): Tenant {
  const t = tenantFromData(
    {
      timeZone: 'America/Denver',
      agents: [
        { id: 1001, email: 'ana.silva@example.com', name: 'Ana Silva', skills: [1300], talkSeconds: 120 },
        { id: 1002, email: 'ben.okafor@example.com', name: 'Ben Okafor', skills: [1300], talkSeconds: 90, wrapUpSeconds: 10 },
        { id: 1003, email: 'cy.tan@example.com', name: 'Cy Tan', skills: [1300], talkSeconds: 60, schedule: { Monday: { open: '09:20', close: '17:00' } } },
        { id: 1004, email: 'dee.ray@example.com', name: 'Dee Ray', skills: [1300], loggedIn: false },
        { id: 1005, email: 'eli.moss@example.com', name: 'Eli Moss', skills: [2001] },
      ],
      skills: [
        { id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true },
        { id: 2001, name: 'Inbound_Support', media: 'Phone' },
      ],
      sources: [{ name: 'Collections', mapping: { ExternalID: 'Account', Destinations: ['Phone'] } }],
      dialPlan: [{ number: '+13035550102', result: 'busy', ringSeconds: 3 }],
      campaigns: [
        {
          name: 'Collections',
          mode: 'Preview',
          skill: 1300,
          agentOwnedColumn: 'AgentEmail',
          script: 'CollectionsCall',
          previewTimeoutSeconds: 45,
          recycleEveryMinutes: 20,
          previews: {
            decideSeconds: 5,
            decisions: ['accept', 'timeout', 'accept', 'skip'],
            agents: [{ agent: 1002, decisions: ['reject', 'accept'], decideSeconds: 2 }],
          },
        },
      ],
    },
    options,
  );
  if (t.store.prospectCount(1300) === 0)
    t.store.transaction(() => {
      const owners = ['ana.silva@example.com', '1002', '', 'cy.tan@example.com', '', 'dee.ray@example.com', 'eli.moss@example.com', 'ana.silva@example.com', '', '1002'];
      owners.forEach((owner, i) => addRecord(t.store, `R-${i + 1}`, owner));
    });
  return t;
}

export const runtime = (t: Tenant, resume?: unknown) => createRuntime({ scripts, tenant: t, now: NOW, ...(resume ? { resume: resume as Snapshot } : {}) });
