// Digital contacts (DX "cases"): the thread a digital script run answers, on
// which channel, with which skill and status. A digital contact outlives the
// script: END stops the script but not the contact; a status action (or an
// agent) closes it. Kept in the store, keyed by the run's contact id.
import type { TenantStore } from '../../contract/tenant-store.js';
import { DIGITAL_CONTACTS_COLLECTION } from './records.js';

export const DIGITAL_STATUSES = ['Open', 'Pending', 'Escalated', 'Resolved', 'Closed'] as const;
export type DigitalStatus = (typeof DIGITAL_STATUSES)[number];

export interface DigitalContactRecord {
  contactId: string;
  channel: string;
  /** The customer's id on the channel. */
  thread: string;
  /** The skill the contact is routed with (the channel's, then REQAGENT DIGITAL's). */
  skill: number | null;
  status: DigitalStatus;
  startedMs: number;
  /** Routing requested by REQAGENT DIGITAL. */
  routed: { skill: number; priority: number; targetAgent: string | null } | null;
}

export function digitalContact(store: TenantStore, contactId: string): DigitalContactRecord | undefined {
  return store.collection<DigitalContactRecord>(DIGITAL_CONTACTS_COLLECTION).get(contactId);
}

export function putDigitalContact(store: TenantStore, c: DigitalContactRecord): void {
  store.collection<DigitalContactRecord>(DIGITAL_CONTACTS_COLLECTION).put(c.contactId, c);
}

export function updateDigitalContact(store: TenantStore, contactId: string, change: Partial<Omit<DigitalContactRecord, 'contactId'>>): DigitalContactRecord | undefined {
  const c = digitalContact(store, contactId);
  if (!c) return undefined;
  const next = { ...c, ...change };
  putDigitalContact(store, next);
  return next;
}
