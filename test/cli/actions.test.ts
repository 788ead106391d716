// `studio-script actions`: the reference in the terminal, as docs/actions/ has it.
import { describe, expect, it } from 'vitest';
import { actionReferences } from '../../src/actions/reference.js';
import { runCli } from './run-cli.js';

describe('studio-script actions', () => {
  it('lists every action family by family with what it does', async () => {
    const r = await runCli(['actions']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Flow and variables\n {2}ASSIGN {2,}Sets Variable to Value/);
    expect(r.out).toContain('\nPersonal Connection\n');
    expect(r.out).toMatch(/\n {2}CREATEPROSPECTS v2 {2,}Creates or updates prospects/);
    for (const ref of actionReferences()) expect(r.out).toContain(`  ${ref.name} `);
  });

  it('shows one action: properties, outputs, branches, messages, Studio order', async () => {
    const r = await runCli(['actions', 'CREATEPROSPECTS v2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^CREATEPROSPECTS v2 {2}\(Personal Connection\)\n/);
    expect(r.out).toContain('\nProperties\n  SkillNo                number (whole, at least 1), required\n                         An active outbound Personal Connection skill.\n');
    expect(r.out).toContain('  NoTimeZoneReject       true or false, default false\n');
    expect(r.out).toContain('\nOutputs\n  Results                to variable results (object with SuccessfulRecords (list), FailedRecords (list))\n');
    expect(r.out).toContain('\nBranches\n  Default, OnError (on error).\n');
    expect(r.out).toContain('  unknownSkill  Skill {{skill}} does not exist in this business unit\n');
    expect(r.out).toContain('\nStudio parameter order\n  SkillNo, SourceName, Data, NoTimeZoneReject, TimeZone, DefaultExpirationDate, Results (help-page: the property order of the help page).\n');
    expect((await runCli(['actions', 'createprospect2'])).out).toBe(r.out);
  });

  it('prints JSON with --json', async () => {
    const one = JSON.parse((await runCli(['actions', 'assign', '--json'])).out);
    expect(one).toMatchObject({ name: 'ASSIGN', family: { id: 'flow' }, branches: ['Default', 'Overflow'] });
    const all = JSON.parse((await runCli(['actions', '--json'])).out);
    expect(all.actions.map((a: { name: string }) => a.name)).toEqual(actionReferences().map((a) => a.name));
  });

  it('exits 2 naming the closest action for an unknown name', async () => {
    const r = await runCli(['actions', 'ASIGN']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('studio-script: no action named "ASIGN"; did you mean ASSIGN? (`studio-script actions` lists them all)\n');
  });
});
