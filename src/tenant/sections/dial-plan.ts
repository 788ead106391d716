// Section `dialPlan`: what happens when a script dials a number (PLACECALL,
// TRANSFER, callbacks): answered, busy, no answer, an answering machine, an
// invalid number or a dialing error, tried in order, first match wins.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { DIAL_DEFAULTS, DIAL_PATTERN, DIAL_PLAN_COLLECTION, DIAL_RESULTS, type DialResult, type DialRule } from '../dial-plan.js';
import { defineSection } from '../section.js';

interface DialRuleInput {
  number: string | number;
  result: DialResult;
  ringSeconds?: number;
  talkSeconds?: number;
}

export const dialPlanSection = defineSection<DialRuleInput[]>({
  key: 'dialPlan',
  description: 'Outcomes of numbers the scripts dial (PLACECALL, TRANSFER, callbacks), first matching rule wins.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['number', 'result'],
      additionalProperties: false,
      properties: {
        number: {
          type: ['string', 'integer'],
          pattern: DIAL_PATTERN,
          'x-message': 'numbers are E.164 digits (+13035550100), a prefix ending in * (+1303*), or * for any number',
        },
        result: { enum: [...DIAL_RESULTS] },
        ringSeconds: { type: 'number', minimum: 0, maximum: 600, description: `Seconds until the answer or the busy tone (default ${DIAL_DEFAULTS.ringSeconds}).` },
        talkSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 86_400, description: `Seconds the answered party stays on the line (default ${DIAL_DEFAULTS.talkSeconds}).` },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const rules = (doc.data.dialPlan ?? []) as DialRuleInput[];
    const seen = new Map<string, number>();
    let catchAll: number | null = null;
    rules.forEach((r, i) => {
      const key = String(r.number).replace(/^\+/, '');
      const at = locate(['dialPlan', i, 'number']);
      if (catchAll !== null) out.push(diagnostic('W-TENANT-DIAL', `dialPlan[${i}] comes after the catch-all * of dialPlan[${catchAll}]; it never applies`, at, 'warning'));
      else if (seen.has(key)) out.push(diagnostic('W-TENANT-DIAL', `dialPlan[${i}] repeats number ${r.number} of dialPlan[${seen.get(key)}]; it never applies`, at, 'warning'));
      seen.set(key, seen.get(key) ?? i);
      if (key === '*' && catchAll === null) catchAll = i;
    });
    return out;
  },
  load(store, rules) {
    const col = store.collection<DialRule>(DIAL_PLAN_COLLECTION);
    col.clear();
    rules.forEach((r, i) =>
      col.put(String(i), {
        number: String(r.number),
        result: r.result,
        ringSeconds: r.ringSeconds ?? DIAL_DEFAULTS.ringSeconds,
        talkSeconds: r.talkSeconds ?? DIAL_DEFAULTS.talkSeconds,
      }),
    );
  },
});
