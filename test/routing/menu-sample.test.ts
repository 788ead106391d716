// The shape of NICE's public MENU sample as the importer writes it: a MENU
// whose cases lead to three REQAGENTs with nothing wired after them, Studio's
// parameter spellings (`DefaultfromSkill`, numbers as text). A caller pressing
// 2 hears the menu, is queued on the second REQAGENT's skill and is answered
// by an agent of that skill; the script waits for the agent, never "stuck".
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../src/tenant/tenant.js';
import { call, heard } from '../phone/helpers.js';

const reqagent = (label: string, caption: string, skill: number) => `${label}: REQAGENT "${caption}" {
  Skill = "${skill}"
  PriorityManagement = "DefaultfromSkill"
  InitialPriority = "0"
  Acceleration = "1"
  MaxPriority = "1000"
  ZipTone = "AfterSequence"
  ScreenPopSource = "DefaultFromSkill"
}
`;

const MENU = `script MENU
type Phone

2: BEGIN -> 1

${reqagent('5', 'Billing', 2004108)}
${reqagent('4', 'Support', 6061)}
${reqagent('3', 'Sales', 6057)}
1: MENU {
  Sequence = "\\"%Thanks for calling. Press 1 for Sales, 2 for Support, or 3 for Billing.\\""
  Phrase = "Thanks for calling. Press 1 for Sales, 2 for Support, or 3 for Billing."
  ClearDigits = "True"
  MaxDigits = "1"
  Terminator = "#-"
  Timeout = "5"
  InterDigitTimeout = "5"
  Variable = "MRES"
}
  "1" -> 3
  "2" -> 4
  "3" -> 5
`;

const tenant = () =>
  tenantFromData({
    timeZone: 'America/New_York',
    skills: [{ id: 6057, name: 'Sales' }, { id: 6061, name: 'Support' }, { id: 2004108, name: 'Billing' }],
    agents: [
      { id: 501, email: 'sam@example.com', name: 'Sam Seller', skills: [6057] },
      { id: 502, email: 'sue@example.com', name: 'Sue Porter', skills: [6061], ringSeconds: 4, talkSeconds: 120 },
      { id: 503, email: 'bo@example.com', name: 'Bo Biller', skills: [2004108] },
    ],
  });

describe('the MENU sample', () => {
  it('a caller pressing 2 hears the menu, is queued on skill 6061 and answered by its agent', async () => {
    const r = await call(MENU, 'hear Support; press 2', { runtime: { tenant: tenant() } });
    expect(r.status).toBe('completed');
    expect(r.warnings).toEqual([]);
    expect(r.variables.mres).toBe('2');
    expect(heard(r)).toEqual([
      '0 ivr "Thanks for calling. Press 1 for Sales, 2 for Support, or 3 for Billing."',
      '5.6 caller 2',
      '5.6 system queued for Support',
      '9.6 agent agent Sue Porter (502) answered for Support',
      '129.6 agent agent hung up',
    ]);
    expect(r.contact).toMatchObject({ releasedBy: 'agent', agent: { id: '502' } });
    expect(r.path).toEqual(['MENU.2', 'MENU.1', 'MENU.4']);
  });
});
