// Section `agents`: the BU's agents (id, e-mail, name). Campaign ownership and
// agent events match agents by e-mail or id, case-insensitively.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';
import type { AgentRecord } from '../../contract/tenant-store.js';

export const agentsSection = defineSection<AgentRecord[]>({
  key: 'agents',
  description: 'Agents: id, email, name.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'email', 'name'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1 },
        email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'x-message': 'must be an e-mail address' },
        name: { type: 'string', minLength: 1 },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const agents = (doc.data.agents ?? []) as AgentRecord[];
    const ids = new Map<number, number>();
    const emails = new Map<string, number>();
    agents.forEach((a, i) => {
      if (ids.has(a.id))
        out.push(diagnostic('E-TENANT-DUPLICATE', `agent id ${a.id} is already used by agents[${ids.get(a.id)}]`, locate(['agents', i, 'id'])));
      else ids.set(a.id, i);
      const email = a.email.toLowerCase();
      if (emails.has(email))
        out.push(diagnostic('E-TENANT-DUPLICATE', `agent e-mail ${a.email} is already used by agents[${emails.get(email)}]`, locate(['agents', i, 'email'])));
      else emails.set(email, i);
    });
    return out;
  },
  load(store, agents) {
    for (const a of agents) store.putAgent({ id: a.id, email: a.email, name: a.name });
  },
});
