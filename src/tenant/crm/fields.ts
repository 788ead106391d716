// Field lists from Kustomer's CRM configuration page (seed 003): the CXone data
// fields a memorialization mapping can write, per channel, and the standard
// fields each standard create workflow accepts.
import type { Channel, WorkflowKind } from './types.js';

/** "Voice call contact (ACD)" data fields. */
export const VOICE_FIELDS = [
  'Agent ID', 'Agent Name', 'ANI', 'Contact ID', 'Contact Type', 'Direction', 'Disposition Name', 'Disposition Notes',
  'DNIS', 'End Time', 'Final State', 'Interaction ID', 'Master Contact ID', 'Media Type', 'Recording URL', 'Skill ID',
  'Skill Name', 'Start Time', 'Status', 'To', 'Tags',
  // Emulator decision: tenant.md's own voice example maps "Customer Name"; it is
  // filled from the CRM customer the run found or created.
  'Customer Name',
] as const;

/** "Digital contact (Digital Experience)" data fields. */
export const DIGITAL_FIELDS = [
  'Agent ID', 'Agent Name', 'Channel Name', 'Channel Type', 'Contact ID', 'Customer Name', 'Direction', 'Disposition Name',
  'Disposition Notes', 'End Time', 'Event Type', 'Final State', 'From', 'Interaction ID', 'Media Type', 'Skill ID',
  'Skill Name', 'Start Time', 'Status', 'To', 'Transcription Text', 'Transcript URL',
] as const;

export const FIELDS_BY_CHANNEL: Record<Channel, readonly string[]> = { Voice: VOICE_FIELDS, Digital: DIGITAL_FIELDS };

/** Not memorialized when the contact ended the interaction first (seed 003). */
export const AGENT_OUTCOME_FIELDS: ReadonlySet<string> = new Set(['Status', 'Disposition Name', 'Disposition Notes', 'Tags']);

/** The prefix of a mapping source that names a script variable (`script:callreason`). */
export const SCRIPT_PREFIX = 'script:';

/** Standard fields of Kustomer's standard create workflows: anything else is refused. */
export const STANDARD_FIELDS: Partial<Record<WorkflowKind, readonly string[]>> = {
  CreateCustomer: [
    'name', 'firstName', 'lastName', 'displayName', 'externalId', 'username', 'company', 'emails', 'phones', 'locale',
    'timeZone', 'gender', 'birthdayAt', 'tags', 'urls', 'locations', 'socials', 'signedUpAt', 'avatarUrl',
  ],
  CreateConversation: [
    'customer', 'name', 'direction', 'priority', 'status', 'channel', 'tags', 'externalId', 'assignedUsers', 'assignedTeams', 'queue',
  ],
  CreateKorder: ['customer', 'externalId', 'title', 'description', 'orderNumber', 'status', 'total', 'currency', 'icon', 'images'],
};

/** The record collection each standard create writes. */
export const CREATED_ENTITY: Partial<Record<WorkflowKind, string>> = {
  CreateCustomer: 'customers',
  CreateConversation: 'conversations',
  CreateKorder: 'korders',
};
