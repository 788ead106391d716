// A small tenant used across the tenant and Personal Connection action tests.
export const BASE_TENANT = {
  businessUnit: 4600123,
  timeZone: 'America/Denver',
  agents: [{ id: 1001, email: 'ana@example.com', name: 'Ana Silva' }],
  skills: [
    { id: 1234, name: 'PC_Outbound_Sales', direction: 'Outbound', personalConnection: true, campaign: 'Sales', dialer: { ratePerMinute: 6 } },
    { id: 1235, name: 'PC_Paused', direction: 'Outbound', personalConnection: true, active: false },
    { id: 2000, name: 'Inbound_Support', direction: 'Inbound' },
    { id: 2001, name: 'Outbound_Manual', direction: 'Outbound' },
  ],
  sources: [
    {
      name: 'SalesforceLeads',
      mapping: {
        ExternalID: 'Id',
        FirstName: 'FirstName',
        LastName: 'LastName',
        Destinations: ['MobilePhone', 'HomePhone', 'WorkPhone'],
        TimeZone: 'Tz',
        ExpirationDate: 'ExpiresOn',
      },
      maxDestinations: 3,
    },
    { name: 'Unmapped' },
  ],
};
