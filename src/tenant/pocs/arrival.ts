// A contact arriving at a point of contact (`run --poc`, a test case's `poc:`,
// `runtime.run({ poc })`): the POC names the skill and the script, and the
// contact starts with the variables Studio fills for it — DNIS is the number
// or address dialled, SKILLNO the POC's default skill (so REQAGENT's Default
// skill is that skill), POC the point of contact.
import type { TenantStore } from '../../contract/tenant-store.js';
import { toE164 } from '../phones.js';
import { allPocs, findPoc, type PocRecord } from './records.js';

export interface PocArrival {
  poc: PocRecord;
  /** The script to start: the POC's, else its skill's. */
  script: string;
  skillNo: number;
  skillName: string;
  /** What the contact's DNIS holds: a phone number's digits (10 for a North American number), else the POC as written. */
  dnis: string;
}

/** Resolves POC → skill → script; a string says why the contact cannot arrive there. */
export function arrivalAt(store: TenantStore, text: string): PocArrival | string {
  const poc = findPoc(store, text);
  if (!poc) {
    const known = allPocs(store).map((p) => p.id);
    const list = known.length === 0 ? 'the tenant has no points of contact' : `known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? `, … (${known.length})` : ''}`;
    return `point of contact "${text}" does not exist in this business unit (${list})`;
  }
  if (!poc.active) return `point of contact ${poc.id} (${poc.name}) is inactive: contacts cannot arrive there`;
  const skill = store.skill(poc.skill);
  if (!skill) return `point of contact ${poc.id} (${poc.name}) is assigned to skill ${poc.skill}, which does not exist in this business unit`;
  const script = poc.script ?? skill.script;
  if (!script) return `point of contact ${poc.id} (${poc.name}) has no script, and its skill ${skill.id} (${skill.name}) has none either`;
  return { poc, script, skillNo: skill.id, skillName: skill.name, dnis: dnisOf(poc) };
}

/** Emulator decision (docs/points-of-contact.md): DNIS carries digits only, as CXone shows dialled numbers: `8005550100`. */
function dnisOf(poc: PocRecord): string {
  if (poc.channel !== 'Phone' && poc.channel !== 'SMS') return poc.id;
  const e164 = toE164(poc.id);
  if (!e164) return poc.id;
  return e164.startsWith('+1') ? e164.slice(2) : e164.slice(1);
}
