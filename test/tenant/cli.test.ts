import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/tenant.js';

async function tenantCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('studio-script').exitOverride();
  register(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'studio-script', 'tenant', ...args]);
    return { code: Number(process.exitCode ?? 0), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = saved;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tenant-cli-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('studio-script tenant check', () => {
  it('accepts the example tenant with a one-line summary', async () => {
    const r = await tenantCli(['check', new URL('../../scripts-examples/tenant.yaml', import.meta.url).pathname]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/tenant\.yaml: ok — BU 4600123 \(America\/Denver\), \d+ agents, \d+ skills \(1 Personal Connection\), 1 source, 1 CRM configuration/);
  });

  it('prints every error located with a caret and exits 2', async () => {
    const f = file('bad.yaml', 'timeZone: America/Denver\nskills:\n  - { id: 1, name: "PC Sales" }\n');
    const r = await tenantCli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}:3:20: error E-TENANT-SCHEMA skills[0].name: skill names are 2–30 characters`);
    expect(r.err).toContain('3 |   - { id: 1, name: "PC Sales" }');
    expect(r.err).toMatch(/\^{10}/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('prints JSON diagnostics with --json', async () => {
    const f = file('bad.json', '{ "timeZone": "Nowhere/City" }');
    const r = await tenantCli(['check', f, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [{ file: f, line: 1, col: 15, severity: 'error', code: 'E-TENANT-ZONE', message: expect.stringContaining('"Nowhere/City" is not an IANA zone') }],
    });
  });

  it('reports a missing file', async () => {
    const r = await tenantCli(['check', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read tenant file: file not found/);
  });

  it('prints the JSON Schema', async () => {
    const r = await tenantCli(['schema']);
    expect(JSON.parse(r.out).properties.skills.items.properties.name.pattern).toBe('^[\\p{L}\\p{N}_.:-]{2,30}$');
  });
});
