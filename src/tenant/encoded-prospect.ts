// A prospect as the flat values the SQLite store binds for it (its
// destinations as JSON text, its fields in the `fields` column's form), for
// bulk loads whose rows are built on another thread: flat strings and
// numbers cost little to hand over, where a structured clone of the record
// objects cost more than the insert saved (bench/README.md, lists upload).
import type { EncodedProspect, ProspectRecord } from '../contract/tenant-store.js';
import { decodeFields, encodeFields } from './prospect-fields.js';

export function encodeProspect(p: ProspectRecord): EncodedProspect {
  return {
    skillNo: p.skillNo,
    externalId: p.externalId,
    sourceName: p.sourceName,
    firstName: p.firstName,
    lastName: p.lastName,
    destinations: JSON.stringify(p.destinations),
    timeZone: p.timeZone,
    expiresAtMs: p.expiresAtMs,
    fields: encodeFields(p.fields),
    createdAtMs: p.createdAtMs,
    updatedAtMs: p.updatedAtMs,
  };
}

/** The record an encoded prospect stands for (queued, never dialed). */
export function decodeProspect(e: EncodedProspect): ProspectRecord {
  return {
    skillNo: e.skillNo,
    externalId: e.externalId,
    sourceName: e.sourceName,
    firstName: e.firstName,
    lastName: e.lastName,
    destinations: JSON.parse(e.destinations) as string[],
    timeZone: e.timeZone,
    expiresAtMs: e.expiresAtMs,
    fields: decodeFields(e.fields),
    status: 'queued',
    createdAtMs: e.createdAtMs,
    updatedAtMs: e.updatedAtMs,
    dialedAtMs: null,
  };
}
