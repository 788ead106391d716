// CREATESOURCE: creates a lead source (the logical origin of prospects) that a
// source map and CREATEPROSPECTS then use.
import { defineAction, text } from './define.js';

/** Studio's documented limit on source names. */
const MAX_NAME_LENGTH = 255;

export default defineAction({
  type: 'CREATESOURCE',
  description: 'Creates the lead source Name; SourceId receives its id.',
  source: 'Studio help page https://help-test.nice-incontact.com/content/studio/actionscx/createsource/createsource.htm (documented)',
  props: { Name: text({ description: 'Source name, 1–255 characters, unique in the business unit.' }) },
  outputs: { SourceId: 'sourceid' },
  outputSchemas: { SourceId: { type: ['integer', 'string'] } },
  branches: ['Default', 'Error', 'NameAlreadyUsed', 'NoNameProvided', 'NameExceededLength'],
  errorBranch: 'Error',
  studio: { evidence: 'help-page', params: ['Name', 'SourceId'], source: 'the property order of the help page' },
  messages: {
    noName: 'CREATESOURCE: no Name provided',
    tooLong: 'CREATESOURCE: source name is {{length}} characters; the limit is {{max}}',
    used: 'CREATESOURCE: a source named {{name}} already exists (id {{id}})',
  },
  execute(ctx, props) {
    const name = (props.Name ?? '').trim();
    if (name === '') return ctx.error(ctx.message('noName'), { branch: 'NoNameProvided' });
    if (name.length > MAX_NAME_LENGTH)
      return ctx.error(ctx.message('tooLong', { length: name.length, max: MAX_NAME_LENGTH }), { branch: 'NameExceededLength' });
    const existing = ctx.tenant.source(name);
    if (existing) return ctx.error(ctx.message('used', { name: existing.name, id: existing.id }), { branch: 'NameAlreadyUsed', outputs: { SourceId: existing.id } });
    const id = ctx.tenant.transaction(() => ctx.tenant.putSource({ id: 0, name, mapping: null, maxDestinations: 6 }));
    ctx.effect('sources', { op: 'CreateSource', sourceName: name, sourceId: id });
    return ctx.branch('Default', { SourceId: id });
  },
});
