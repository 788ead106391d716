// GETPROSPECT: finds prospects of a source by ExternalID, by phone number, or
// by FirstName together with LastName.
import { luxon } from '../deps.js';
import { isDdo, type DdoObject } from '../contract/value.js';
import type { ProspectQuery, ProspectRecord } from '../contract/tenant-store.js';
import { fromPlain, member, scalarText } from '../tenant/values.js';
import { defineAction, text, value } from './define.js';

export default defineAction({
  type: 'GETPROSPECT',
  description: 'Results gets {Count, Prospects} of SourceName matching SearchOptions (ExternalID, PhoneNumber, or FirstName with LastName).',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/getprospect/getprospect.htm (documented)',
  props: {
    SourceName: text({ required: true, description: 'The lead source whose prospects are searched.' }),
    SearchOptions: value({ required: true, description: 'DDO with ExternalID, or PhoneNumber, or FirstName and LastName.' }),
  },
  outputs: { Results: 'results' },
  outputSchemas: { Results: { type: 'object', properties: { Count: { type: 'integer', minimum: 0 }, Prospects: { type: 'array' } } } },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['SourceName', 'SearchOptions', 'Results'], source: 'the property order of the help page' },
  messages: {
    invalidSource: 'GETPROSPECT: source {{source}} does not exist',
    badOptions: 'GETPROSPECT: SearchOptions must be a DDO with ExternalID, PhoneNumber, or FirstName and LastName',
    firstWithoutLast: 'GETPROSPECT: FirstName and LastName must be given together',
  },
  execute(ctx, props) {
    const source = ctx.tenant.source(props.SourceName);
    if (!source) return ctx.error(ctx.message('invalidSource', { source: props.SourceName }));
    let options = props.SearchOptions;
    if (typeof options === 'string') {
      try {
        options = fromPlain(JSON.parse(options));
      } catch {
        return ctx.error(ctx.message('badOptions'));
      }
    }
    if (!isDdo(options)) return ctx.error(ctx.message('badOptions'));
    const opt = (name: string) => scalarText(member(options as DdoObject, name))?.trim() ?? '';
    const [externalId, phone, first, last] = [opt('ExternalID'), opt('PhoneNumber'), opt('FirstName'), opt('LastName')];
    let query: ProspectQuery;
    if (externalId) query = { sourceName: source.name, externalId };
    else if (phone) query = { sourceName: source.name, phone };
    else if (first || last) {
      if (!first || !last) return ctx.error(ctx.message('firstWithoutLast'));
      query = { sourceName: source.name, firstName: first, lastName: last };
    } else return ctx.error(ctx.message('badOptions'));
    const found = ctx.tenant.findProspects(query).map((p) => prospectDdo(p, ctx.clock.zone));
    return ctx.branch('Default', { Results: { Count: found.length, Prospects: found } });
  },
});

function prospectDdo(p: ProspectRecord, zone: string): DdoObject {
  const iso = (ms: number | null) => (ms === null ? '' : (luxon().DateTime.fromMillis(ms, { zone }).toISO() ?? ''));
  return {
    ExternalID: p.externalId,
    SkillNo: p.skillNo,
    SourceName: p.sourceName,
    FirstName: p.firstName ?? '',
    LastName: p.lastName ?? '',
    Destinations: [...p.destinations],
    TimeZone: p.timeZone,
    ExpirationDate: iso(p.expiresAtMs),
    Status: p.status,
    CreatedDate: iso(p.createdAtMs),
    UpdatedDate: iso(p.updatedAtMs),
    Record: fromPlain(p.fields.Record ?? {}),
  };
}
