// Preview campaigns under fuzzing: tenant files whose `campaigns` section
// (script, agents' decisions and decide times, preview timeout, behaviour
// rules naming agents) is edited or generated, then an hour of the campaign
// runs through `run` with three accounts in its list. Every answer is clean:
// a located refusal of the file, or a run whose previews start, dial and end.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { cli, folder } from '../reliability/cli.js';
import { fuzzLoader, textMutations } from './harness.js';

const PROJECT = join(import.meta.dirname, '../preview/project');
const SEED = readFileSync(join(PROJECT, 'tenant.yaml'), 'utf8');
const dir = folder();

const FRAGMENTS = [
  'decisions: [reject]\n', 'decisions: []\n', 'decisions: [accept, hangup]\n', 'decideSeconds: 0\n', 'decideSeconds: -5\n', 'decideSeconds: 1e9\n',
  'previewTimeoutSeconds: 0\n', 'script: Notes\n', 'script: Missing\n', 'script: ""\n', 'script: PlainCall\n', 'agent: 9999\n', 'agent: ANA.SILVA@EXAMPLE.COM\n',
  '{ agent: 1001 }', 'loggedIn: false', 'result: machine', 'result: noAnswer', 'mode: Preview\n', 'recycleEveryMinutes: 1\n', '- ', '[', ']', '{', '}',
];

const decision = fc.oneof(fc.constantFrom('accept', 'skip', 'reject', 'timeout'), fc.string({ maxLength: 8 }));
const behaviour = fc.record(
  { decisions: fc.array(decision, { maxLength: 5 }), decideSeconds: fc.oneof(fc.integer({ min: -10, max: 4000 }), fc.double({ noNaN: false })) },
  { requiredKeys: [] },
);
const campaign = fc.record(
  {
    script: fc.oneof(fc.constantFrom('CollectionsCall', 'PlainCall', 'Notes', 'Missing', 'LoadedDay'), fc.string({ maxLength: 10 })),
    previewTimeoutSeconds: fc.oneof(fc.integer({ min: -1, max: 200 }), fc.string({ maxLength: 4 })),
    previews: fc.record(
      {
        decisions: fc.array(decision, { maxLength: 5 }),
        decideSeconds: fc.integer({ min: -1, max: 120 }),
        agents: fc.array(fc.record({ agent: fc.oneof(fc.constantFrom(1001, 1002, 'ana.silva@example.com', 'BEN.OKAFOR@example.com', 42), fc.string({ maxLength: 12 })) }).chain((a) => behaviour.map((b) => ({ ...a, ...b }))), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

fuzzLoader({
  id: 'preview-campaigns',
  ext: '.yaml',
  seeds: [SEED],
  mutations: textMutations(FRAGMENTS),
  generated: campaign.map((c) => {
    const t = parse(SEED) as { campaigns: Record<string, unknown>[] };
    t.campaigns[0] = { name: 'Collections', mode: 'Preview', skill: 1300, agentOwnedColumn: 'AgentEmail', ...c };
    return stringify(t);
  }),
  run: async (text) => {
    const file = join(dir, 'tenant.yaml');
    writeFileSync(file, text);
    return cli(['run', join(PROJECT, 'LoadedDay.script'), '--tenant', file, '--now', '2026-01-05T09:00:00-07:00', '--until', '2h', '--json']);
  },
  // A run that went through: every offer that started a contact names a run of the result, and no preview run failed.
  check(outcome) {
    if (outcome.code !== 0) return;
    const r = JSON.parse(outcome.out) as { effects: { previews?: { contactId?: string }[] }; spawned?: { contactId: string; status: string }[] };
    const runs = new Map((r.spawned ?? []).map((s) => [s.contactId, s.status]));
    for (const p of r.effects.previews ?? []) if (p.contactId !== undefined) expect(runs.get(p.contactId), `run of preview contact ${p.contactId}`).toMatch(/^(completed|stopped)$/);
  },
  runs: { mutated: 30, generated: 40 },
});
