// The built-in actions, family by family: the only place that names them all.
// A family is one file under families/ and one page of docs/actions/. Adding
// an action is one line in its family's file,
//   export { default as getQueue } from '../get-queue.js';
// then `npm run docs:actions`. A new family is one file there and one entry below.
import type { ActionDefinition } from './define.js';
import * as crm from './families/crm.js';
import * as digital from './families/digital.js';
import * as flow from './families/flow.js';
import * as ivr from './families/ivr.js';
import * as personalConnection from './families/personal-connection.js';
import * as routing from './families/routing.js';

export interface ActionFamily {
  /** The page name: docs/actions/<id>.md. */
  id: string;
  title: string;
  /** In order of their type names (then versions), as the reference lists them. */
  actions: readonly ActionDefinition[];
}

const byTypeName = (a: ActionDefinition, b: ActionDefinition): number =>
  a.type === b.type ? (a.version ?? 0) - (b.version ?? 0) : a.type < b.type ? -1 : 1;

const family = (id: string, title: string, members: Readonly<Record<string, ActionDefinition>>): ActionFamily => ({
  id,
  title,
  actions: Object.values(members).sort(byTypeName),
});

export const ACTION_FAMILIES: readonly ActionFamily[] = [
  family('flow', 'Flow and variables', flow),
  family('personal-connection', 'Personal Connection', personalConnection),
  family('ivr', 'IVR: prompts, keys, calls and their events', ivr),
  family('crm', 'CRM and agent', crm),
  family('routing', 'Routing and hours', routing),
  family('digital', 'Digital', digital),
];

export const BUILTIN_ACTIONS: readonly ActionDefinition[] = ACTION_FAMILIES.flatMap((f) => f.actions);
