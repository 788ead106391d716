// AGENT WORKFLOW CONFIGURATION: tells the agent application which CRM workflows
// to run for a second-level search and for timeline entries, which dynamic data
// mapping to show, and which data memorialization mapping writes the
// interaction to the CRM record when it ends (the onRunEnd hook below).
import { didYouMean } from '../contract/diagnostics.js';
import type { MediaType } from '../contract/script-graph.js';
import type { Value } from '../contract/value.js';
import { CONTACT_KEYS, lastRecords, memorializeAtRunEnd } from '../tenant/crm/memorialize.js';
import { CrmState, redactSecrets } from '../tenant/crm/state.js';
import type { Channel, CrmConfiguration, WorkflowKind } from '../tenant/crm/types.js';
import { fromPlain } from '../tenant/values.js';
import { defineAction, text } from './define.js';
import { noteFirstCrmAction } from './workflow-execute.js';

const SEARCH_KINDS: readonly WorkflowKind[] = ['SearchForANI', 'CustomSearch'];

export default defineAction({
  type: 'AGENT WORKFLOW CONFIGURATION',
  description:
    'Chooses, for the agent application, the CRM search and timeline workflows, the dynamic data mapping shown to the agent and the data memorialization mapping written to the CRM record when the interaction ends.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actions/agtint_wrkflo_config/agentworkflowconfig.htm (documented)',
  props: {
    ConfigurationId: text({ default: '', description: 'Id of a crm configuration of the tenant.' }),
    SearchWorkflowId: text({ default: '', description: 'A search workflow for the agent’s second-level search.' }),
    DynamicDataMapping: text({ default: '', description: 'A dynamic data mapping of the configuration.' }),
    TimelineWorkflowId: text({ default: '', description: 'A workflow that adds timeline entries.' }),
    DataMemorialization: text({ default: '', description: 'A data memorialization mapping, run when the interaction ends.' }),
  },
  branches: ['Default', 'OnError'],
  studio: { evidence: 'unknown', params: [], source: 'its property table was not published; JSON imports by name' },
  errorBranch: 'OnError',
  execute(ctx, props) {
    const crm = new CrmState(ctx.tenant);
    noteFirstCrmAction(ctx);
    const { SearchWorkflowId, DynamicDataMapping, TimelineWorkflowId, DataMemorialization } = props;
    if (!props.ConfigurationId) return ctx.error('AGENT WORKFLOW CONFIGURATION needs a ConfigurationId');
    const config = crm.configuration(props.ConfigurationId);
    if (!config) {
      const hint = didYouMean(props.ConfigurationId, crm.configurations().map((c) => c.id));
      return ctx.error(`Unknown CRM configuration "${props.ConfigurationId}"${hint ? `; did you mean "${hint}"?` : ''}`);
    }
    const problem =
      checkWorkflow(config, SearchWorkflowId, 'SearchWorkflowId', SEARCH_KINDS) ??
      checkWorkflow(config, TimelineWorkflowId, 'TimelineWorkflowId') ??
      checkDynamicData(config, DynamicDataMapping) ??
      checkMemorialization(config, DataMemorialization, ctx.run.mediaType);
    if (problem) return ctx.error(problem);

    const choice = {
      configurationId: config.id,
      searchWorkflowId: SearchWorkflowId,
      dynamicDataMapping: DynamicDataMapping,
      timelineWorkflowId: TimelineWorkflowId,
      dataMemorialization: DataMemorialization,
    };
    ctx.setContactData(CONTACT_KEYS.agentWorkflow, choice);
    const records = lastRecords(readContactData(ctx.getContactData(CONTACT_KEYS.records)), config.id);
    const event: Record<string, unknown> = { event: 'AgentWorkflowConfiguration', ...choice };
    if (records.customers !== undefined) event.screenPopUrl = `${config.screenpopUrl.replace(/\/$/, '')}/${records.customers}`;
    const shown = dynamicData(crm, config, DynamicDataMapping, records);
    if (shown) event.dynamicData = shown;
    ctx.effect('agentEvents', fromPlain(redactSecrets(event, config.secrets)));
    return ctx.branch('Default');
  },
  onRunEnd: memorializeAtRunEnd,
});

const readContactData = (v: Value | undefined): Record<string, Value> => ({ [CONTACT_KEYS.records]: v ?? null });

function checkWorkflow(config: CrmConfiguration, id: string, prop: string, kinds?: readonly WorkflowKind[]): string | undefined {
  if (!id) return undefined;
  const w = config.workflows.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!w) {
    const hint = didYouMean(id, config.workflows.map((x) => x.id));
    return `${prop}: workflow "${id}" is not configured in CRM configuration "${config.id}"${hint ? `; did you mean "${hint}"?` : ''}`;
  }
  if (!w.enabled) return `${prop}: workflow "${w.id}" is not enabled in CRM configuration "${config.id}"`;
  if (kinds && !kinds.includes(w.kind)) return `${prop}: workflow "${w.id}" is a ${w.kind} workflow, not a search (${kinds.join(' or ')})`;
  return undefined;
}

function checkDynamicData(config: CrmConfiguration, name: string): string | undefined {
  if (!name || config.dynamicData.some((d) => d.name.toLowerCase() === name.toLowerCase())) return undefined;
  const hint = didYouMean(name, config.dynamicData.map((d) => d.name));
  return `DynamicDataMapping: "${name}" is not a dynamic data mapping of CRM configuration "${config.id}"${hint ? `; did you mean "${hint}"?` : ''}`;
}

/** Voice mappings serve phone scripts, digital mappings digital ones; Generic scripts (tests) may use either. */
export function channelOf(media: MediaType): Channel | undefined {
  if (media === 'Generic') return undefined;
  return media === 'Phone' || media === 'Voicemail' ? 'Voice' : 'Digital';
}

function checkMemorialization(config: CrmConfiguration, name: string, media: MediaType): string | undefined {
  if (!name) return undefined;
  const m = config.memorialization.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!m) {
    const hint = didYouMean(name, config.memorialization.map((x) => x.name));
    return `DataMemorialization: "${name}" is not a memorialization mapping of CRM configuration "${config.id}"${hint ? `; did you mean "${hint}"?` : ''}`;
  }
  const channel = channelOf(media);
  if (channel && channel !== m.channel) return `DataMemorialization: mapping "${m.name}" is for ${m.channel} interactions; this is a ${media} script`;
  return undefined;
}

/** The mapped fields of the records this contact's workflows found, as the agent would see them. */
function dynamicData(crm: CrmState, config: CrmConfiguration, name: string, records: Record<string, string>): Record<string, unknown> | undefined {
  const mapping = name ? config.dynamicData.find((d) => d.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (!mapping) return undefined;
  const out: Record<string, unknown> = {};
  for (const [entity, fields] of Object.entries(mapping.entities)) {
    const id = records[entity];
    const rec = id === undefined ? undefined : crm.records(config.id, entity).get(id);
    if (!rec) continue;
    const shown: Record<string, unknown> = {};
    for (const { field } of fields) shown[field] = rec[field] ?? null;
    out[entity] = { id, ...shown };
  }
  return Object.keys(out).length ? out : undefined;
}
