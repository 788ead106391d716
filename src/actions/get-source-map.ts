// GETSOURCEMAP: reads a lead source's map back as a DDO.
import type { DdoObject } from '../contract/value.js';
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'GETSOURCEMAP',
  description: 'Results gets {SourceId, SourceName, MaxDestinations, HasMap, Mapping} of SourceName.',
  source: 'Studio help page https://help.incontact.com/content/Studio/Actions/GETSOURCEMAP/GETSOURCEMAP.htm (documented)',
  props: { SourceName: text({ required: true, description: 'The lead source to read.' }) },
  outputs: { Results: 'results' },
  outputSchemas: { Results: { type: 'object' } },
  branches: ['Default', 'InvalidSource', 'Error'],
  errorBranch: 'Error',
  studio: { evidence: 'help-page', params: ['SourceName', 'Results'], source: 'the property order of the help page' },
  messages: { invalidSource: 'GETSOURCEMAP: source {{source}} does not exist' },
  execute(ctx, props) {
    const source = ctx.tenant.source(props.SourceName);
    if (!source) return ctx.error(ctx.message('invalidSource', { source: props.SourceName }), { branch: 'InvalidSource' });
    const mapping: DdoObject = {};
    for (const [k, v] of Object.entries(source.mapping ?? {})) mapping[k] = Array.isArray(v) ? [...v] : v;
    return ctx.branch('Default', {
      Results: { SourceId: source.id, SourceName: source.name, MaxDestinations: source.maxDestinations, HasMap: source.mapping !== null, Mapping: mapping },
    });
  },
});
