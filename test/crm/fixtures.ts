// A tenant with one Kustomer configuration, shared by the CRM and CRM action tests.
export const KUSTOMER = {
  id: 'kustomer-prod',
  type: 'Kustomer',
  region: 'AMERICAS',
  baseUrl: 'https://ven12345.api.kustomerapp.com',
  screenpopUrl: 'https://ven12345.kustomerapp.com/app/customers',
  apiKey: 'kst-SECRET-1234567890',
  tokenRefreshSeconds: [9, 15],
  workflows: [
    { id: 'search-ani', kind: 'SearchForANI' },
    { id: 'create-customer', kind: 'CreateCustomer' },
    { id: 'create-conversation', kind: 'CreateConversation' },
    { id: 'create-korder', kind: 'CreateKorder' },
    { id: 'search-leads', kind: 'CustomSearch', entity: 'leads' },
    { id: 'update-leads', kind: 'CustomUpdate' },
    { id: 'old-search', kind: 'SearchForANI', enabled: false },
  ],
  records: {
    customers: [
      { id: 'c1', name: 'Ada Lovelace', phones: ['+13035550100', { type: 'mobile', phone: '(720) 555-0199' }], email: 'ada@example.com', tier: 'gold' },
      { id: 'c2', name: 'Grace Hopper', phone: '303-555-0142' },
    ],
    conversations: [{ id: 'conv1', customer: 'c1', name: 'Earlier call' }],
    leads: [
      { id: 'L1', Status: 'New', Phone: '3035550111' },
      { id: 'L2', Status: 'Dialing', Phone: '3035550112' },
      { id: 'L3', Status: 'new', Phone: '3035550113' },
    ],
  },
  memorialization: [
    {
      name: 'voice-default',
      channel: 'Voice',
      entity: 'Conversation',
      fields: { Caller: 'ANI', Contact: 'Contact ID', Started: 'Start Time', Ended: 'End Time', Skill: 'Skill Name', Outcome: 'Disposition Name', Note: 'Disposition Notes', CustomerName: 'Customer Name', Reason: 'script:callreason', Secret: 'script:internal' },
    },
    { name: 'chat-default', channel: 'Digital', entity: 'Conversation', fields: { Channel: 'Channel Type', Contact: 'Contact ID' } },
  ],
  dynamicData: [{ name: 'cust-card', entity: 'Customer', fields: ['name', 'email', 'phones', { field: 'tier', type: 'text' }, { field: 'lifetimeValue', type: 'number' }] }],
};

export const CRM_TENANT = {
  businessUnit: 4600123,
  timeZone: 'America/Denver',
  agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva' }],
  skills: [{ id: 2000, name: 'Inbound_Support', direction: 'Inbound' }],
  crm: [KUSTOMER],
  workflowDataProfiles: [
    { name: 'BusinessHours', data: { open: '08:00', close: '17:00', holidays: ['2026-12-25'] } },
    { name: 'OldProfile', active: false, data: { a: 1 } },
  ],
};
