// Every section a tenant file may have, in document order. A domain adds its
// section with one import and one entry here; the loader, the published JSON
// Schema (schemas/tenant.schema.json) and `tenant check` pick it up.
import type { TenantSection } from './section.js';
import { crmSection } from './crm/section.js';
import { workflowDataSection } from './crm/workflow-data-section.js';
import { agentsSection } from './sections/agents.js';
import { audioFilesSection } from './sections/audio-files.js';
import { businessUnitSection, timeZoneSection } from './sections/business-unit.js';
import { dialPlanSection } from './sections/dial-plan.js';
import { hoursSection } from './sections/hours.js';
import { byocSection } from './sections/byoc.js';
import { campaignsSection } from './sections/campaigns.js';
import { messageTemplatesSection } from './sections/message-templates.js';
import { pointsOfContactSection } from './sections/points-of-contact.js';
import { skillsSection } from './sections/skills.js';
import { sourcesSection } from './sections/sources.js';
import { callingListsSection } from './sections/calling-lists.js';

export const TENANT_SECTIONS: readonly TenantSection<any>[] = [
  businessUnitSection,
  timeZoneSection,
  agentsSection,
  skillsSection,
  hoursSection,
  dialPlanSection,
  sourcesSection,
  audioFilesSection,
  callingListsSection,
  crmSection,
  workflowDataSection,
  pointsOfContactSection,
  byocSection,
  messageTemplatesSection,
  campaignsSection,
];
