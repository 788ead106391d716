// Inputs shared by the fuzz tests: the example scripts and tenant, a working
// folder per loader, and a YAML-or-JSON value generator over given keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isSeq, parseDocument } from 'yaml';
import { folder } from '../reliability/cli.js';

export const EXAMPLES = join(import.meta.dirname, '../../scripts-examples');
export const example = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');
export const EXAMPLE_TENANT = example('tenant.yaml');

/** The example tenant with its 240 CRM leads cut to 3, layout and comments kept: every section, a tenth of the text. */
export const SMALL_TENANT = ((): string => {
  const doc = parseDocument(EXAMPLE_TENANT);
  const leads = doc.getIn(['crm', 0, 'records', 'leads']);
  if (isSeq(leads)) leads.items.splice(3);
  return doc.toString();
})();

/** A temporary folder holding every example script and the example tenant (a project to run inputs in). */
export function exampleProject(extra: Record<string, string> = {}): string {
  const files: Record<string, string> = {};
  for (const f of readdirSync(EXAMPLES)) if (f.endsWith('.script') || f === 'tenant.yaml') files[f] = example(f);
  return folder({ ...files, ...extra });
}

/** Random data whose mapping keys are drawn from `keys` (plus a few hostile ones), `depth` levels deep. */
export function keyedValue(keys: readonly string[], depth = 4): fc.Arbitrary<unknown> {
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, fc.constantFrom('__proto__', 'constructor', 'prototype', ''), fc.string({ maxLength: 6 }));
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  return fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      scalar,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
      }),
    ),
  })).v;
}
