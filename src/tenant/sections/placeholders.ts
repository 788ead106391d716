// Sections accepted with a minimal schema until their own work fills them in:
// campaigns. Entries are checked for
// shape only (each an object with its identifying member); nothing is loaded
// into the store yet.
import { defineSection, type TenantSection } from '../section.js';

function minimal(key: string, idMember: string, description: string): TenantSection {
  return defineSection({
    key,
    description: `${description} (minimal schema: a list of objects with ${idMember}; other members are kept as is).`,
    schema: {
      type: 'array',
      items: { type: 'object', required: [idMember], properties: { [idMember]: { type: ['string', 'integer'] } } },
    },
  });
}

export const campaignsSection = minimal('campaigns', 'name', 'Campaigns');
