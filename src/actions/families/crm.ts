// CRM and agent (docs/actions/crm.md): one line per built-in action.
export { default as agentWorkflowConfiguration } from '../agent-workflow-configuration.js';
export { default as customevent } from '../customevent.js';
export { default as restApi } from '../rest-api.js';
export { default as workflowExecute } from '../workflow-execute.js';
export { default as workflowdata } from '../workflowdata.js';
