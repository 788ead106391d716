import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routingAgents, skillQueue } from '../../src/tenant/routing/records.js';
import { formatSummary, summarizeTenant } from '../../src/tenant/summary.js';
import { checkTenantText, loadTenant } from '../../src/tenant/tenant.js';
import { runCli } from '../cli/run-cli.js';

const errors = (text: string) => checkTenantText(`timeZone: America/Denver\nskills: [ { id: 6061, name: Support }, { id: 6057, name: Sales } ]\n${text}`, 'tenant.yaml').diagnostics.filter((d) => d.severity === 'error');

const TENANT = `timeZone: America/Denver
skills:
  - { id: 6061, name: Support, initialPriority: 2, acceleration: 3, maxPriority: 50 }
  - { id: 6057, name: Sales }
agents:
  - id: 1
    email: ana@example.com
    name: Ana Maria Silva
    skills: [6061, { skill: 6057, proficiency: 4 }]
    schedule:
      Monday: { open: "08:00", close: "12:00", additionalOpen: "13:00", additionalClose: "17:00" }
    talkSeconds: 90
    wrapUpSeconds: 15
  - { id: 2, email: ben@example.com, name: Ben, firstName: Benjamin, lastName: Okafor, availableAfterSeconds: 30, ringSeconds: 0 }
  - { id: 3, email: cy@example.com, name: Cy Young, loggedIn: false, skills: [6057] }
hoursOfOperation:
  - { id: 9, name: Support hours, days: { Friday: { open: "08:00", close: "17:00" } }, holidays: [ { name: Boxing Day, date: "2026-12-26" } ], override: { branch: Weather, expires: "2026-12-07T12:00" }, skills: [6061] }
`;

describe('agents for routing', () => {
  const cases: [string, string, RegExp, [number, number]][] = [
    ['unknown skill', 'agents:\n  - { id: 1, email: a@b.co, name: A, skills: [42] }\n', /skill 42 is not declared in skills/, [4, 47]],
    ['skill listed twice', 'agents:\n  - { id: 1, email: a@b.co, name: A, skills: [6061, { skill: 6061, proficiency: 2 }] }\n', /lists skill 6061 twice/, [4, 53]],
    ['proficiency out of range', 'agents:\n  - { id: 1, email: a@b.co, name: A, skills: [{ skill: 6061, proficiency: 21 }] }\n', /must be a skill number or \{ skill, proficiency \} with proficiency 1–20/, [4, 47]],
    ['negative ring time', 'agents:\n  - { id: 1, email: a@b.co, name: A, ringSeconds: -1 }\n', /ringSeconds must be >= 0/, [4, 51]],
    ['zero talk time', 'agents:\n  - { id: 1, email: a@b.co, name: A, talkSeconds: 0 }\n', /talkSeconds must be > 0/, [4, 51]],
    ['bad schedule', 'agents:\n  - id: 1\n    email: a@b.co\n    name: A\n    schedule: { Monday: { open: "17:00", close: "09:00" } }\n', /agent 1 schedule Monday: closes at 09:00/, [7, 42]],
  ];
  it.each(cases)('%s', (_name, text, message, [line, col]) => {
    const ds = errors(text);
    const match = ds.find((d) => message.test(d.message));
    expect(match, ds.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join('\n')).toBeDefined();
    expect([match!.span.line, match!.span.col]).toEqual([line, col]);
  });

  it('checks a skill whose initial priority is above its cap', () => {
    const ds = checkTenantText('skills: [ { id: 1, name: ab, initialPriority: 9, maxPriority: 5 } ]\n', 't.yaml').diagnostics.filter((d) => d.severity === 'error');
    expect(ds.map((d) => [d.span.line, d.span.col, d.message])).toEqual([[1, 47, 'skill 1 (ab): initialPriority 9 is above maxPriority 5']]);
  });

  it('loads routing settings into both stores, with defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agents-'));
    const file = join(dir, 'tenant.yaml');
    writeFileSync(file, TENANT);
    for (const opts of [{}, { state: join(dir, 'state.db') }]) {
      const t = await loadTenant(file, opts);
      const [ana, ben, cy] = routingAgents(t.store);
      expect(ana).toMatchObject({ firstName: 'Ana', lastName: 'Maria Silva', skills: [{ skill: 6061, proficiency: 1 }, { skill: 6057, proficiency: 4 }], talkSeconds: 90, wrapUpSeconds: 15, ringSeconds: 2 });
      expect(ana!.schedule![0]).toEqual([{ open: 28_800, close: 43_200 }, { open: 46_800, close: 61_200 }]);
      expect(ana!.schedule![1]).toEqual([]);
      expect(ben).toMatchObject({ firstName: 'Benjamin', lastName: 'Okafor', skills: [], availableAfterSeconds: 30, ringSeconds: 0, talkSeconds: 60, schedule: null, loggedIn: true });
      expect(cy).toMatchObject({ loggedIn: false });
      expect(skillQueue(t.store, 6061)).toEqual({ skill: 6061, initialPriority: 2, acceleration: 3, maxPriority: 50 });
      expect(skillQueue(t.store, 6057)).toEqual({ skill: 6057, initialPriority: 0, acceleration: 1, maxPriority: 1000 });
      expect(formatSummary(summarizeTenant(t.store))).toContain(
        [
          'agents:',
          '  1 Ana Maria Silva <ana@example.com>: skills 6061, 6057/p4; Mon 08:00–12:00,13:00–17:00; Tue closed; Wed closed; Thu closed; Fri closed; Sat closed; Sun closed; ring 2s, talk 90s, wrap-up 15s',
          '  2 Ben <ben@example.com>: skills no skills; available after 30s, always; ring 0s, talk 60s, wrap-up 0s',
          '  3 Cy Young <cy@example.com>: skills 6057; logged out; ring 2s, talk 60s, wrap-up 0s',
          'hours of operation:',
          '  9 Support hours: Mon closed; Tue closed; Wed closed; Thu closed; Fri 08:00–17:00; Sat closed; Sun closed; holidays 2026-12-26 Boxing Day; override Weather until 2026-12-07T12:00:00.000-07:00; skills 6061',
        ].join('\n'),
      );
      t.close();
    }
  });

  it('tenant check counts hours profiles and tenant show --json lists them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agents-cli-'));
    const file = join(dir, 'tenant.yaml');
    writeFileSync(file, TENANT);
    expect((await runCli(['tenant', 'check', file])).err).toMatch(/ok — BU \(none\) \(America\/Denver\), 3 agents, 2 skills, 1 hours profile/);
    const json = JSON.parse((await runCli(['tenant', 'show', file, '--json'])).out);
    expect(json.hoursOfOperation[0]).toMatchObject({ id: 9, name: 'Support hours', override: { branch: 'Weather' }, skills: [6061] });
    expect(json.agents[2]).toMatchObject({ id: 3, loggedIn: false, skills: [{ skill: 6057, proficiency: 1 }] });
  });
});
