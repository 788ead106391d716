// The acceptance case of the phone issue, end to end: a Desktop Studio export
// shaped like NICE's public MENU sample (a MENU whose three cases lead to
// REQAGENTs with nothing wired after them, Studio's parameter spellings) is
// imported, loaded and run as a call. A caller pressing 2 hears the menu, is
// queued by the second REQAGENT on its skill and answered by its agent.
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/actions/registry.js';
import { loadScriptText } from '../../src/graph/load.js';
import { importStudio } from '../../src/import/index.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { tenantFromData } from '../../src/tenant/tenant.js';

const reqagent = (id: number, caption: string, skill: number) => `    <ActionStruct>
      <ActionID>${id}</ActionID>
      <Action>REQAGENT</Action>
      <Caption>${caption}</Caption>
      <Parameters>
        <string>${skill}</string>
        <string />
        <string>DefaultfromSkill</string>
        <string>0</string>
        <string>1</string>
        <string />
        <string>1000</string>
        <string />
        <string>AfterSequence</string>
        <string>DefaultFromSkill</string>
        <string />
      </Parameters>
      <Branches />
      <Cases />
    </ActionStruct>
`;
const PROMPT = 'Thanks for calling. Press 1 for Sales, 2 for Support, or 3 for Billing.';
const XML = `<?xml version="1.0" encoding="utf-8"?>
<ScriptContainer>
  <Actions>
${reqagent(5, 'Billing', 2004108)}${reqagent(4, 'Support', 6061)}${reqagent(3, 'Sales', 6057)}    <ActionStruct>
      <ActionID>2</ActionID>
      <Action>BEGIN</Action>
      <Caption>Begin</Caption>
      <Parameters><string /><string /><string /></Parameters>
      <DefaultNextAction><Text /><ActionID>1</ActionID><Index>0</Index><Segments /></DefaultNextAction>
      <Branches />
      <Cases />
    </ActionStruct>
    <ActionStruct>
      <ActionID>1</ActionID>
      <Action>MENU</Action>
      <Caption>Menu</Caption>
      <Parameters>
        <string>"%${PROMPT}"</string>
        <string>${PROMPT}</string>
        <string>True</string>
        <string>1</string>
        <string>#-</string>
        <string>5</string>
        <string>5</string>
        <string>MRES</string>
      </Parameters>
      <Branches />
      <Cases>
        <BranchStruct><Text>1</Text><ActionID>3</ActionID><Index>0</Index><Segments /></BranchStruct>
        <BranchStruct><Text>2</Text><ActionID>4</ActionID><Index>0</Index><Segments /></BranchStruct>
        <BranchStruct><Text>3</Text><ActionID>5</ActionID><Index>0</Index><Segments /></BranchStruct>
      </Cases>
    </ActionStruct>
  </Actions>
  <MediaType>4</MediaType>
</ScriptContainer>
`;

describe('an imported MENU export', () => {
  it('runs as a call: pressing 2 queues the caller on skill 6061 and its agent answers', async () => {
    const imported = importStudio(XML, 'MENU.xml');
    expect(imported.text).toBeDefined();
    const registry = builtinRegistry();
    const { script, diagnostics } = loadScriptText(imported.text!, 'MENU.script', { registry });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tenant = tenantFromData({
      timeZone: 'America/New_York',
      skills: [{ id: 6057, name: 'Sales' }, { id: 6061, name: 'Support' }, { id: 2004108, name: 'Billing' }],
      agents: [
        { id: 501, email: 'sam@example.com', name: 'Sam Seller', skills: [6057] },
        { id: 502, email: 'sue@example.com', name: 'Sue Porter', skills: [6061] },
        { id: 503, email: 'bo@example.com', name: 'Bo Biller', skills: [2004108] },
      ],
    });
    const runtime = createRuntime({ scripts: { folder: '.', scripts: new Map([['menu', script!]]), registry }, tenant, now: '2026-12-07T10:00:00', contact: { ani: '2125550100', caller: 'hear Support; press 2' } });
    const r = await runtime.run('MENU');
    expect(r.status).toBe('completed');
    expect(r.transcript!.map((l) => `${l.seconds} ${l.who} ${l.text}`)).toEqual([
      `0 ivr ${PROMPT}`,
      '5.6 caller 2',
      '5.6 system queued for Support',
      '7.6 agent agent Sue Porter (502) answered for Support',
      '67.6 agent agent hung up',
    ]);
    expect(r.variables.mres).toBe('2');
  });
});
