// WORKFLOWDATA: loads a workflow data profile of the tenant (key-value pairs)
// into a DDO named after the profile. An unknown or deactivated profile takes
// the Error branch, as Studio does.
import { didYouMean } from '../contract/diagnostics.js';
import { CrmState } from '../tenant/crm/state.js';
import { fromPlain } from '../tenant/values.js';
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'WORKFLOWDATA',
  description: 'Loads the workflow data profile ProfileName (declared in the tenant file) into a DDO variable named after the profile.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/workflowdata/workflowdata.htm (documented)',
  props: {
    ProfileName: text({ required: true, description: 'A profile of the tenant file’s workflowDataProfiles.' }),
  },
  branches: ['Default', 'Error'],
  studio: { evidence: 'unknown', params: [], source: 'its property table was not published; JSON imports by name' },
  errorBranch: 'Error',
  execute(ctx, props) {
    const name = props.ProfileName.trim();
    if (!name) return ctx.error('WORKFLOWDATA needs a ProfileName');
    const crm = new CrmState(ctx.tenant);
    const profile = crm.profile(name);
    if (!profile) {
      const known = crm.profiles().map((p) => p.name);
      const hint = didYouMean(name, known);
      return ctx.error(`Unknown workflow data profile "${name}"${hint ? `; did you mean "${hint}"?` : known.length ? ` (known: ${known.join(', ')})` : ' (the tenant declares no workflowDataProfiles)'}`);
    }
    if (!profile.active) return ctx.error(`Workflow data profile "${profile.name}" is deactivated`);
    return { branch: 'Default', vars: { [profile.name]: fromPlain(profile.data) } };
  },
});
