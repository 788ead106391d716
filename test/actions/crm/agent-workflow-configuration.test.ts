// AGENT WORKFLOW CONFIGURATION: name checks against the tenant (each OnError
// case), the agent event with screen pop and dynamic data, and the choice kept
// for memorialization.
import { describe, expect, it } from 'vitest';
import { tenantFromData } from '../../../src/tenant/tenant.js';
import { CRM_TENANT } from '../../crm/fixtures.js';
import { fakeContact } from '../fake-context.js';

const full = {
  ConfigurationId: 'kustomer-prod',
  SearchWorkflowId: 'search-ani',
  DynamicDataMapping: 'cust-card',
  TimelineWorkflowId: 'create-conversation',
  DataMemorialization: 'voice-default',
};

describe('AGENT WORKFLOW CONFIGURATION', () => {
  it('Default: emits the agent event with screen pop and the mapped customer fields', async () => {
    const c = fakeContact(tenantFromData(CRM_TENANT).store, { ani: '3035550100' });
    await c.run('WORKFLOW EXECUTE', { ConfigurationId: 'kustomer-prod', WorkflowId: 'search-ani' });
    const out = await c.run('AGENT WORKFLOW CONFIGURATION', full);
    expect(out).toEqual({ branch: 'Default', outputs: undefined });
    expect(c.effects.at(-1)).toEqual({
      kind: 'agentEvents',
      data: {
        event: 'AgentWorkflowConfiguration',
        configurationId: 'kustomer-prod',
        searchWorkflowId: 'search-ani',
        dynamicDataMapping: 'cust-card',
        timelineWorkflowId: 'create-conversation',
        dataMemorialization: 'voice-default',
        screenPopUrl: 'https://ven12345.kustomerapp.com/app/customers/c1',
        dynamicData: {
          customers: { id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com', phones: ['+13035550100', { type: 'mobile', phone: '(720) 555-0199' }], tier: 'gold', lifetimeValue: null },
        },
      },
    });
    expect(c.contactData.get('crm.agentWorkflow')).toMatchObject({ configurationId: 'kustomer-prod', dataMemorialization: 'voice-default' });
  });

  it('Default with only a configuration', async () => {
    const c = fakeContact(tenantFromData(CRM_TENANT).store);
    expect((await c.run('AGENT WORKFLOW CONFIGURATION', { ConfigurationId: 'kustomer-prod' })).branch).toBe('Default');
  });

  it.each([
    [{ ConfigurationId: '' }, 'needs a ConfigurationId'],
    [{ ConfigurationId: 'kustomer-prd' }, 'did you mean "kustomer-prod"?'],
    [{ ...full, SearchWorkflowId: 'nope' }, 'SearchWorkflowId: workflow "nope" is not configured'],
    [{ ...full, SearchWorkflowId: 'old-search' }, 'SearchWorkflowId: workflow "old-search" is not enabled'],
    [{ ...full, SearchWorkflowId: 'create-customer' }, 'is a CreateCustomer workflow, not a search'],
    [{ ...full, TimelineWorkflowId: 'nope' }, 'TimelineWorkflowId: workflow "nope"'],
    [{ ...full, DynamicDataMapping: 'cust-crd' }, 'DynamicDataMapping: "cust-crd" is not a dynamic data mapping of CRM configuration "kustomer-prod"; did you mean "cust-card"?'],
    [{ ...full, DataMemorialization: 'nope' }, 'DataMemorialization: "nope" is not a memorialization mapping'],
    [{ ...full, DataMemorialization: 'chat-default' }, 'mapping "chat-default" is for Digital interactions; this is a Phone script'],
  ])('OnError for %j', async (props, message) => {
    const c = fakeContact(tenantFromData(CRM_TENANT).store);
    const out = await c.run('AGENT WORKFLOW CONFIGURATION', props);
    expect(out.branch).toBe('OnError');
    expect(out.error).toContain(message);
    expect(c.effects).toEqual([]);
    expect(c.contactData.has('crm.agentWorkflow')).toBe(false);
  });

  it('accepts a digital mapping in a chat script and a voice mapping in a Generic one', async () => {
    const chat = fakeContact(tenantFromData(CRM_TENANT).store, { mediaType: 'Chat' });
    expect((await chat.run('AGENT WORKFLOW CONFIGURATION', { ConfigurationId: 'kustomer-prod', DataMemorialization: 'chat-default' })).branch).toBe('Default');
    const generic = fakeContact(tenantFromData(CRM_TENANT).store, { mediaType: 'Generic' });
    expect((await generic.run('AGENT WORKFLOW CONFIGURATION', { ConfigurationId: 'kustomer-prod', DataMemorialization: 'voice-default' })).branch).toBe('Default');
  });
});
