// Points of contact as the store keeps them: the entry point an inbound
// contact uses (a phone number, an e-mail address, a chat or digital channel),
// with its default skill, its script and its active flag. Records live in the
// store collection `pocs`, keyed by the normalised id, so `run --poc
// "(800) 555-0100"` finds the POC written 8005550100, and an e-mail address
// matches whatever its case.
import type { SkillMedia, TenantStore } from '../../contract/tenant-store.js';
import { toE164 } from '../phones.js';

/** Channels a point of contact can have (a skill of the same media takes its contacts). */
export const POC_CHANNELS = ['Phone', 'Email', 'Chat', 'Digital', 'WorkItem', 'SMS'] as const satisfies readonly SkillMedia[];
export type PocChannel = (typeof POC_CHANNELS)[number];

export interface PocRecord {
  /** As written in the tenant file or upload (`8005550100`, `support@example.com`, `WebChat`). */
  id: string;
  name: string;
  channel: PocChannel;
  /** The default skill: contacts arriving here are on it, and REQAGENT's `Default` skill means it. */
  skill: number;
  /** The script contacts arriving here run (null: the skill's script). */
  script: string | null;
  active: boolean;
}

export const POCS_COLLECTION = 'pocs';

/** One `@` with text before it, no spaces, and a dot inside the domain (checked without a regular expression that could backtrack). */
export function isEmailAddress(text: string): boolean {
  const t = text.trim();
  const at = t.indexOf('@');
  if (at <= 0 || at !== t.lastIndexOf('@') || /\s/.test(t)) return false;
  return t.slice(at + 2, -1).includes('.');
}

/**
 * The key a POC is stored and found under: the E.164 form of a phone or SMS
 * number, a lowercase e-mail address or channel name otherwise.
 */
export function pocKey(id: string, channel?: PocChannel): string {
  const text = id.trim();
  if (channel === undefined || channel === 'Phone' || channel === 'SMS') {
    const e164 = toE164(text);
    if (e164) return e164;
  }
  return text.toLowerCase();
}

/** Why `id` cannot be a POC of `channel` (null: it can). */
export function pocIdProblem(id: string, channel: PocChannel): string | null {
  const text = id.trim();
  if (text === '') return 'the point of contact is empty';
  if ((channel === 'Phone' || channel === 'SMS') && !toE164(text)) return `${text} is not a valid phone number (a ${channel} point of contact is a number)`;
  if (channel === 'Email' && !isEmailAddress(text)) return `${text} is not an e-mail address (an Email point of contact is an address)`;
  if (text.length > 255) return 'the point of contact is longer than 255 characters';
  return null;
}

export function pocCollection(store: TenantStore) {
  return store.collection<PocRecord>(POCS_COLLECTION);
}

/** The POC a contact arrives at: by number (any formatting), e-mail address or channel name. */
export function findPoc(store: TenantStore, text: string): PocRecord | undefined {
  const pocs = pocCollection(store);
  return pocs.get(pocKey(text)) ?? pocs.get(text.trim().toLowerCase());
}

/** Every POC, in the order they were created. */
export function allPocs(store: TenantStore): PocRecord[] {
  return pocCollection(store).all();
}
