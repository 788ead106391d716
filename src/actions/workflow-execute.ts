// WORKFLOW EXECUTE: runs one CRM workflow of a tenant CRM configuration (search
// a customer by ANI, create a customer, conversation or korder, custom search
// and update) and returns { records, count, workflowId }. Every call, failed
// ones included, is recorded in the run's `crm` effects with the payload sent.
import type { Value } from '../contract/value.js';
import { CONTACT_KEYS } from '../tenant/crm/memorialize.js';
import { CrmState, redactSecrets } from '../tenant/crm/state.js';
import { runWorkflow } from '../tenant/crm/workflows.js';
import { fromPlain } from '../tenant/values.js';
import { isDdo } from '../contract/value.js';
import { defineAction, text, value } from './define.js';
import type { ActionContext } from '../contract/action.js';

export default defineAction({
  type: 'WORKFLOW EXECUTE',
  description:
    'Runs the CRM workflow WorkflowId of the tenant CRM configuration ConfigurationId with the workflowInput of Payload (JSON text or a DDO); WorkflowResult receives { records, count, workflowId }.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actions/agtint_wrkflo_exe/agtint_wrkflo_exe.htm (documented; the full property table was not readable: docs/crm.md)',
  props: {
    ConfigurationId: text({ required: true, description: 'Id of a crm configuration of the tenant.' }),
    WorkflowId: text({ required: true, description: 'Id of an enabled workflow of that configuration.' }),
    Payload: value({ description: 'JSON text or a DDO; the workflow input sits under workflowInput.' }),
    AudioSequence: text({ default: '', description: 'Music played while the workflow runs (ignored by the emulator).' }),
  },
  outputs: { WorkflowResult: 'workflowresult' },
  outputSchemas: { WorkflowResult: { type: 'object', properties: { records: { type: 'array' }, count: { type: 'integer', minimum: 0 }, workflowId: { type: 'string' } } } },
  branches: ['Default', 'OnError'],
  studio: { evidence: 'unknown', params: [], source: 'its property table was not published; JSON imports by name' },
  errorBranch: 'OnError',
  execute(ctx, props) {
    const crm = new CrmState(ctx.tenant);
    noteFirstCrmAction(ctx);
    // One transaction: a CustomUpdate of many records (and the id counter and
    // token day it touches) lands whole or not at all in a state file.
    // The credentials to mask are read in the same transaction.
    const [answer, secrets] = ctx.tenant.transaction(() => [
      runWorkflow(crm, {
        configurationId: props.ConfigurationId,
        workflowId: props.WorkflowId,
        payload: props.Payload,
        ani: ctx.run.ani,
        now: ctx.clock.now(),
        random: ctx.random,
      }),
      crm.secrets(),
    ] as const);
    if (answer.waitedSeconds > 0) ctx.elapse(answer.waitedSeconds);
    // Member order puts what a reader wants first (one-line traces shorten effects).
    const head = { op: 'workflow', workflowId: answer.workflow?.id ?? props.WorkflowId };
    const tail = {
      configurationId: answer.config?.id ?? props.ConfigurationId,
      ...(answer.workflow ? { kind: answer.workflow.kind } : {}),
      ...(answer.waitedSeconds > 0 ? { tokenRefreshSeconds: answer.waitedSeconds } : {}),
    };
    if (!answer.ok) {
      ctx.effect('crm', fromPlain(redactSecrets({ ...head, error: answer.message, ...tail }, secrets)));
      return ctx.error(redactSecrets(answer.message, secrets));
    }
    ctx.effect(
      'crm',
      fromPlain(
        redactSecrets(
          {
            ...head,
            payload: { workflowInput: answer.input },
            count: answer.records.length,
            recordIds: answer.records.map((r) => r.id),
            ...(answer.written.length ? { written: answer.written.map((w) => ({ ...w, record: answer.records.find((r) => r.id === w.id) ?? null })) } : {}),
            entity: answer.entity,
            ...tail,
          },
          secrets,
        ),
      ),
    );
    rememberRecords(ctx, answer.config.id, answer.entity, answer.records.map((r) => r.id));
    const result: Value = {
      records: answer.records.map((r) => fromPlain(redactSecrets(r, secrets))),
      count: answer.records.length,
      workflowId: answer.workflow.id,
    };
    return ctx.branch('Default', { WorkflowResult: result });
  },
});

/** Remembers when the run first reached the CRM (memorialization's Start Time fallback). */
export function noteFirstCrmAction(ctx: ActionContext<string, string, string>): void {
  if (ctx.getContactData(CONTACT_KEYS.firstSeen) === undefined) ctx.setContactData(CONTACT_KEYS.firstSeen, ctx.clock.now().toISO());
}

/** Keeps the first record the workflow returned as "the" record of its type for this contact. */
function rememberRecords(ctx: ActionContext<string, string, string>, configId: string, entity: string, ids: string[]): void {
  if (ids.length === 0) return;
  const all = ctx.getContactData(CONTACT_KEYS.records);
  const byConfig = isDdo(all) ? { ...all } : {};
  const key = configId.toLowerCase();
  const mine = isDdo(byConfig[key]) ? { ...(byConfig[key] as Record<string, Value>) } : {};
  mine[entity] = ids[0]!;
  byConfig[key] = mine;
  ctx.setContactData(CONTACT_KEYS.records, byConfig);
}
