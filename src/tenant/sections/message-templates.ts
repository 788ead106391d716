// Section `messageTemplates`: ACD > Outbound > Message Templates. A body's
// `{Field}` placeholders are checked for syntax here; whether each names a
// mapped calling-list field is checked against the skills that use the
// template (digital/validate.ts).
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { TEMPLATES_COLLECTION, type TemplateRecord } from '../digital/records.js';
import { parseTemplate } from '../digital/template.js';
import { defineSection } from '../section.js';

export interface TemplateInput {
  name: string;
  type?: TemplateRecord['type'];
  body: string;
  rtl?: boolean;
}

/** A template body's longest length (emulator decision: the record limit of a calling list row, 512, is not a body limit; 4,000 characters covers every channel). */
export const MAX_TEMPLATE_BODY = 4000;

export const messageTemplatesSection = defineSection<TemplateInput[]>({
  key: 'messageTemplates',
  description: 'Message templates: name, type (Digital, SMS, Email), body with {Field} placeholders, right-to-left flag.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'body'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        type: { enum: ['Digital', 'SMS', 'Email'], default: 'Digital' },
        body: { type: 'string', minLength: 1, maxLength: MAX_TEMPLATE_BODY, description: 'Message body; {Field} is replaced by the mapped calling-list field of that exact name.' },
        rtl: { type: 'boolean', default: false, description: 'The language reads right to left.' },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const templates = (doc.data.messageTemplates ?? []) as TemplateInput[];
    const names = new Map<string, number>();
    templates.forEach((t, i) => {
      const lower = t.name.toLowerCase();
      if (names.has(lower))
        out.push(diagnostic('E-TENANT-DUPLICATE', `message template name ${t.name} is already used by messageTemplates[${names.get(lower)}]`, locate(['messageTemplates', i, 'name'])));
      else names.set(lower, i);
      for (const p of parseTemplate(t.body).problems)
        out.push(diagnostic('E-TENANT-TEMPLATE', `message template ${t.name}: ${p.message} at character ${p.offset + 1} of the body`, locate(['messageTemplates', i, 'body'])));
    });
    return out;
  },
  load(store, templates) {
    const col = store.collection<TemplateRecord>(TEMPLATES_COLLECTION);
    col.clear();
    for (const t of templates) col.put(t.name.toLowerCase(), { name: t.name, type: t.type ?? 'Digital', body: t.body, rtl: t.rtl ?? false });
  },
});
