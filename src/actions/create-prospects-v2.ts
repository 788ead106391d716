// CREATEPROSPECTS v2: pushes a batch of records through the source map into a
// Personal Connection skill's calling list (upsert by skill and external id).
// Failed records never stop the batch: Results lists every input record, in
// input order, under SuccessfulRecords or FailedRecords with its ResultCode.
import type { DdoObject } from '../contract/value.js';
import { buildProspect, recordsOf, withResultCode, type ProspectOptions } from '../tenant/prospects.js';
import { isCompleteMapping } from '../tenant/source-map.js';
import { describeShape, parseDateValue } from '../tenant/values.js';
import { resolveZoneName } from '../tenant/zones.js';
import { boolean, defineAction, number, text, value } from './define.js';
import { whyNotPcTarget } from '../tenant/skills.js';

export default defineAction({
  type: 'CREATEPROSPECTS',
  version: 2,
  aliases: ['CREATEPROSPECT2', 'CREATEPROSPECTS2'],
  description: "Creates or updates prospects of SourceName in skill SkillNo's calling list from Data; Results holds SuccessfulRecords and FailedRecords.",
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actions/createprospect2/createprospect2.htm (documented; the branches are inferred from the sibling Proactive XS actions)',
  props: {
    SkillNo: number({ required: true, integer: true, min: 1, description: 'An active outbound Personal Connection skill.' }),
    SourceName: text({ required: true, description: 'A source with a source map (CREATESOURCEMAP).' }),
    Data: value({ description: 'An array of records, or a DDO with one array member (or JSON text of either).' }),
    NoTimeZoneReject: boolean({ default: false, description: 'Reject records whose time zone cannot be determined instead of using TimeZone.' }),
    TimeZone: text({ description: 'Fallback zone (IANA or Windows name) for records without one.' }),
    DefaultExpirationDate: text({ description: 'Expiration for records without their own.' }),
  },
  outputs: { Results: 'results' },
  outputSchemas: { Results: { type: 'object', required: ['SuccessfulRecords', 'FailedRecords'], properties: { SuccessfulRecords: { type: 'array' }, FailedRecords: { type: 'array' } } } },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['SkillNo', 'SourceName', 'Data', 'NoTimeZoneReject', 'TimeZone', 'DefaultExpirationDate', 'Results'], source: 'the property order of the help page' },
  messages: {
    unknownSkill: 'Skill {{skill}} does not exist in this business unit',
    notPc: 'Skill {{skill}} ({{name}}) cannot take prospects: {{why}}',
    noSource: 'Missing External ID: source {{source}} does not exist',
    noMap: 'Missing External ID: source {{source}} has no valid source map (map ExternalID and a destination with CREATESOURCEMAP)',
    badData: 'Data must be an array of records or a DDO with one array member; received {{shape}}',
    badZone: 'TimeZone "{{zone}}" is not an IANA or Windows time zone name',
    badExpiry: 'DefaultExpirationDate "{{date}}" is not a date',
  },
  execute(ctx, props) {
    const store = ctx.tenant;
    const skillNo = props.SkillNo;
    const skill = store.skill(skillNo);
    if (!skill) return ctx.error(ctx.message('unknownSkill', { skill: skillNo }));
    const why = whyNotPcTarget(skill);
    if (why) return ctx.error(ctx.message('notPc', { skill: skill.id, name: skill.name, why }));

    const source = store.source(props.SourceName);
    if (!source) return ctx.error(ctx.message('noSource', { source: props.SourceName }));
    const mapping = source.mapping;
    if (!isCompleteMapping(mapping)) return ctx.error(ctx.message('noMap', { source: source.name }));

    // actions.md's order: skill, source and map, then the shape of Data; the
    // fallback TimeZone and DefaultExpirationDate are checked after those.
    const records = recordsOf(props.Data);
    if (!records) return ctx.error(ctx.message('badData', { shape: describeShape(props.Data) }));

    const zoneText = (props.TimeZone ?? '').trim();
    const fallbackZone = zoneText === '' ? null : resolveZoneName(zoneText);
    if (zoneText !== '' && !fallbackZone) return ctx.error(ctx.message('badZone', { zone: zoneText }));
    const expiryText = (props.DefaultExpirationDate ?? '').trim();
    const defaultExpiresAtMs = expiryText === '' ? null : parseDateValue(expiryText, ctx.clock.zone);
    if (expiryText !== '' && defaultExpiresAtMs === null) return ctx.error(ctx.message('badExpiry', { date: expiryText }));

    const options: ProspectOptions = {
      skillNo: skill.id,
      source: { ...source, mapping },
      noTimeZoneReject: props.NoTimeZoneReject,
      fallbackZone,
      defaultExpiresAtMs,
      nowMs: ctx.clock.now().toMillis(),
      buZone: ctx.clock.zone,
    };
    const successful: DdoObject[] = [];
    const failed: DdoObject[] = [];
    // The external id of each stored record, beside its result in `successful` (which holds the code): the effects are built after the transaction, once it holds.
    const stored: string[] = [];
    // One transaction for the batch: a crash mid-way leaves none of it (reliability.md).
    store.transaction(() => {
      for (const record of records) {
        const outcome = buildProspect(record, options);
        if (!outcome.ok) {
          failed.push(withResultCode(record, outcome.code));
          continue;
        }
        const code = store.upsertProspect(outcome.prospect);
        successful.push(withResultCode(record, code));
        stored.push(outcome.prospect.externalId);
      }
    });
    for (let i = 0; i < stored.length; i++) ctx.effect('prospects', { op: successful[i]!.ResultCode as string, skillNo: skill.id, sourceName: source.name, externalId: stored[i]! });
    return ctx.branch('Default', { Results: { SuccessfulRecords: successful, FailedRecords: failed } });
  },
});
