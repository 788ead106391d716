// Section `callingLists`: calling lists a tenant starts with, each a CSV file
// (header row) loaded into a Personal Connection skill through the same
// pipeline as `lists upload` (CREATEPROSPECTS v2's validation, zones and
// expiration), streamed into the store after the sections load. Loaded only
// into a fresh store, like CRM seed records.
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { checkNamedFile, DataFileError } from '../data-file.js';
import { ListUploadError, uploadCallingList } from '../lists-upload.js';
import { defineSection } from '../section.js';
import { isCompleteMapping } from '../source-map.js';
import { parseDateValue } from '../values.js';
import { resolveZoneName } from '../zones.js';

export interface CallingListInput {
  skill: number;
  source: string;
  file: string;
  loadedAt: string;
  timeZone?: string;
  expires?: string;
  rejectNoTimeZone?: boolean;
}

/** Rejected rows named one by one in the load's warning before the rest are counted. */
const SHOWN_REJECTS = 5;

export const callingListsSection = defineSection<CallingListInput[]>({
  key: 'callingLists',
  description: 'Calling lists loaded from CSV files into Personal Connection skills, as `lists upload` loads them.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['skill', 'source', 'file', 'loadedAt'],
      additionalProperties: false,
      properties: {
        skill: { type: 'integer', minimum: 1, description: 'The Personal Connection skill.' },
        source: { type: 'string', minLength: 1, description: 'A source of `sources` with a source map: the CSV columns are its source fields.' },
        file: { type: 'string', minLength: 1, description: 'The CSV file (header row), relative to the tenant file.' },
        loadedAt: { type: 'string', minLength: 1, description: 'When the list was loaded (ISO-8601; the BU zone when no offset): prospects are created and queued then, and rows already expired then are rejected.' },
        timeZone: { type: 'string', minLength: 1, description: 'Fallback zone for rows without one (CREATEPROSPECTS TimeZone).' },
        expires: { type: 'string', minLength: 1, description: 'Expiration of rows without their own (CREATEPROSPECTS DefaultExpirationDate).' },
        rejectNoTimeZone: { type: 'boolean', default: false, description: 'Reject rows whose zone cannot be determined (NoTimeZoneReject).' },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const lists = doc.data.callingLists as CallingListInput[];
    const skills = (doc.data.skills as { id: number; personalConnection?: boolean; direction?: string; active?: boolean }[] | undefined) ?? [];
    const sources = (doc.data.sources as { name: string; mapping?: unknown }[] | undefined) ?? [];
    const zone = typeof doc.data.timeZone === 'string' ? (resolveZoneName(doc.data.timeZone) ?? 'UTC') : 'UTC';
    const dir = resolve(doc.file, '..');
    lists.forEach((l, i) => {
      const err = (member: string, message: string) => out.push(diagnostic('E-TENANT-LIST', message, locate(['callingLists', i, member])));
      const skill = skills.find((s) => s.id === l.skill);
      if (!skill) err('skill', `skill ${l.skill} is not in skills`);
      else if (!skill.personalConnection || skill.direction !== 'Outbound' || skill.active === false)
        err('skill', `skill ${l.skill} cannot take a calling list: it must be an active, outbound Personal Connection skill`);
      const source = sources.find((s) => s.name.toLowerCase() === l.source.toLowerCase());
      if (!source) err('source', `source ${l.source} is not in sources`);
      else if (!isCompleteMapping(source.mapping as never)) err('source', `source ${l.source} has no complete source map (ExternalID and Destinations)`);
      if (!/\.csv$/i.test(l.file)) err('file', `a calling list is a .csv file (got ${JSON.stringify(l.file)})`);
      else checkNamedFile(dir, l.file, 'calling list file', (message) => err('file', message));
      if (parseDateValue(l.loadedAt, zone) === null) err('loadedAt', `loadedAt "${l.loadedAt}" is not a date (ISO-8601, e.g. 2026-11-20T08:00:00)`);
      if (l.timeZone !== undefined && !resolveZoneName(l.timeZone)) err('timeZone', `timeZone "${l.timeZone}" is not an IANA or Windows time zone name`);
      if (l.expires !== undefined && parseDateValue(l.expires, zone) === null) err('expires', `expires "${l.expires}" is not a date`);
    });
    return out;
  },
  load(store, lists, info) {
    if (!info.fresh) return;
    lists.forEach((l, i) => {
      const file = resolve(info.dir, l.file);
      info.dataFile({
        path: ['callingLists', i, 'file'],
        file,
        load: async (s, bulk) => {
          const rejects: string[] = [];
          try {
            const report = await uploadCallingList(s, {
              file,
              skillNo: l.skill,
              sourceName: l.source,
              mapping: null,
              nowMs: parseDateValue(l.loadedAt, info.timeZone)!,
              fallbackZone: l.timeZone === undefined ? null : resolveZoneName(l.timeZone),
              defaultExpiresAtMs: l.expires === undefined ? null : parseDateValue(l.expires, info.timeZone),
              noTimeZoneReject: l.rejectNoTimeZone ?? false,
              rejectedFile: null,
              onRejected: (row, reason) => void (rejects.length < SHOWN_REJECTS && rejects.push(`row ${row}: ${reason}`)),
              bulk,
            });
            if (report.rejected === 0) return [];
            const more = report.rejected > rejects.length ? `, and ${report.rejected - rejects.length} more` : '';
            return [diagnostic('W-TENANT-LIST', `${report.rejected} of ${report.rows} rows rejected (${rejects.join('; ')}${more})`, { file, line: 1, col: 1 }, 'warning')];
          } catch (err) {
            if (!(err instanceof ListUploadError)) throw err;
            throw new DataFileError(err.diagnostics.length > 0 ? err.diagnostics : [diagnostic('E-TENANT-LIST', err.message, { file, line: 1, col: 1 })]);
          }
        },
      });
    });
  },
});
