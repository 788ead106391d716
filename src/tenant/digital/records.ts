// What the tenant keeps about proactive digital outreach over Bring Your Own
// Channel (BYOC): integrations and their channels, message templates, the
// digital settings of outbound digital skills, and what the sender did per
// record. Plain JSON records in named store collections, so the memory and
// SQLite stores hold them without a schema change and `--state` keeps them.

export const INTEGRATIONS_COLLECTION = 'digital.integrations';
export const CHANNELS_COLLECTION = 'digital.channels';
export const TEMPLATES_COLLECTION = 'digital.templates';
export const DIGITAL_SKILLS_COLLECTION = 'digital.skills';
/** One record per (skill, external id) the sender handled: `skillNo:externalId`. */
export const DELIVERIES_COLLECTION = 'digital.deliveries';
/** Customer replies waiting on a thread (scripted replies, stub replies), keyed `channelId:thread`. */
export const INBOX_COLLECTION = 'digital.inbox';
/** Digital contacts (cases): the thread a digital script run answers, keyed by contact id. */
export const DIGITAL_CONTACTS_COLLECTION = 'digital.contacts';

export interface IntegrationRecord {
  /** The integration id CXone shows after saving (channels name it). */
  id: string;
  name: string;
  /** Where CXone posts outbound messages: `{outboundUrl}/channels/{channelId}/outbound`. */
  outboundUrl: string;
  addActionUrl: string | null;
  removeActionUrl: string | null;
}

export interface ChannelRecord {
  /** The channel id (`idOnExternalPlatform` of the channel). */
  id: string;
  name: string;
  integration: string;
  /** The Studio script that answers replies on this channel (a Digital script). */
  script: string | null;
  /** The skill replies are routed with (the channel's default skill). */
  skill: number | null;
}

export interface TemplateRecord {
  name: string;
  type: 'Digital' | 'SMS' | 'Email';
  body: string;
  /** Right-to-left language: the message carries the direction. */
  rtl: boolean;
}

/** The digital side of an outbound digital skill (the skill itself is a normal SkillRecord). */
export interface DigitalSkillRecord {
  skill: number;
  /** The channel as the tenant file names it (id or name: findChannel resolves it). */
  channel: string;
  /** Lower-case template name (the collection key). */
  template: string;
  /** The lead source whose mapped fields fill the template. */
  source: string | null;
  /** Hours-of-operation profile (lower-case key) during whose open hours the skill sends; null: always. */
  schedule: string | null;
  /** Started (Start in ACD Skills) or stopped. */
  started: boolean;
  /** Messages per virtual minute. */
  ratePerMinute: number;
  /** Delivery attempts per record before it is marked failed. */
  maxAttempts: number;
  /** Seconds between attempts of a record whose delivery failed. */
  retrySeconds: number;
  /** The CSV calling list the tenant file names for the skill (absolute), loaded on a fresh store. */
  list: string | null;
}

export type DeliveryStatus = 'sent' | 'retrying' | 'failed' | 'skipped';

export interface DeliveryRecord {
  skill: number;
  externalId: string;
  channel: string;
  destination: string;
  text: string;
  rtl: boolean;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms of the last attempt. */
  lastAttemptMs: number;
  /** When the next attempt is due (status `retrying`). */
  nextAttemptMs: number | null;
  /** Why the last attempt failed (or why the record was skipped). */
  reason: string | null;
  /** Template fields the record had no value for (rendered empty). */
  missingFields: readonly string[];
}

export interface InboundMessage {
  atMs: number;
  text: string;
}

export interface InboxRecord {
  channel: string;
  /** The customer's id on the channel (`thread.idOnExternalPlatform`): the destination the message went to. */
  thread: string;
  messages: InboundMessage[];
  /** How many messages a script has taken so far. */
  taken: number;
  /** Contact id of the digital script run answering this thread, once started. */
  contactId: string | null;
}

export const DIGITAL_DEFAULTS = { ratePerMinute: 60, maxAttempts: 3, retrySeconds: 300 } as const;

export const inboxKey = (channel: string, thread: string): string => `${channel}:${thread}`;
export const deliveryKey = (skill: number, externalId: string): string => `${skill}:${externalId}`;
