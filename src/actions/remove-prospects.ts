// REMOVEPROSPECTS: takes records off the calling lists fed by a source (before
// they are checked back into the CRM). Records use CREATEPROSPECTS' format; the
// source map says which member is the external id.
import type { DdoObject } from '../contract/value.js';
import { recordsOf, withResultCode } from '../tenant/prospects.js';
import { isCompleteMapping } from '../tenant/source-map.js';
import { describeShape, member, scalarText } from '../tenant/values.js';
import { isDdo } from '../contract/value.js';
import { defineAction, text, value } from './define.js';

export default defineAction({
  type: 'REMOVEPROSPECTS',
  description: 'Removes the ProspectsToRemove records of SourceName from every calling list; Results holds SuccessfulRecords and FailedRecords.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/removeprospects/removeprospects.htm (documented)',
  props: {
    SourceName: text({ required: true, description: 'The lead source the prospects came from.' }),
    ProspectsToRemove: value({ required: true, description: 'Records in the CREATEPROSPECTS format (the mapped ExternalID member is used).' }),
  },
  outputs: { Results: 'results' },
  outputSchemas: { Results: { type: 'object', required: ['SuccessfulRecords', 'FailedRecords'], properties: { SuccessfulRecords: { type: 'array' }, FailedRecords: { type: 'array' } } } },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['SourceName', 'ProspectsToRemove', 'Results'], source: 'the property order of the help page' },
  messages: {
    noSource: 'Missing External ID: source {{source}} does not exist',
    noMap: 'Missing External ID: source {{source}} has no valid source map',
    badData: 'ProspectsToRemove must be an array of records or a DDO with one array member; received {{shape}}',
  },
  execute(ctx, props) {
    const source = ctx.tenant.source(props.SourceName);
    if (!source) return ctx.error(ctx.message('noSource', { source: props.SourceName }));
    if (!isCompleteMapping(source.mapping)) return ctx.error(ctx.message('noMap', { source: source.name }));
    const idField = source.mapping.ExternalID;
    const records = recordsOf(props.ProspectsToRemove);
    if (!records) return ctx.error(ctx.message('badData', { shape: describeShape(props.ProspectsToRemove) }));
    const successful: DdoObject[] = [];
    const failed: DdoObject[] = [];
    const removed: string[] = [];
    ctx.tenant.transaction(() => {
      for (const record of records) {
        if (!isDdo(record)) {
          failed.push(withResultCode(record, 'Invalid record'));
          continue;
        }
        // Accept the mapped source field or the prospect field name itself.
        const id = (scalarText(member(record, idField)) || scalarText(member(record, 'ExternalID')) || '').trim();
        if (!id) failed.push(withResultCode(record, 'Missing External ID'));
        else if (ctx.tenant.removeProspect(source.name, id)) {
          successful.push(withResultCode(record, 'Removed'));
          removed.push(id);
        } else failed.push(withResultCode(record, 'Not found'));
      }
    });
    for (const externalId of removed) ctx.effect('prospects', { op: 'Removed', sourceName: source.name, externalId });
    return ctx.branch('Default', { Results: { SuccessfulRecords: successful, FailedRecords: failed } });
  },
});
