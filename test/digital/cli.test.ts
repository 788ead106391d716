import { chmodSync, cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const example = join(import.meta.dirname, '..', '..', 'scripts-examples', 'outreach');
const project = () => {
  const dir = mkdtempSync(join(tmpdir(), 'outreach-'));
  cpSync(example, dir, { recursive: true });
  writeFileSync(join(dir, 'stubs.yaml'), 'stubs:\n  - match: { http: "POST http://localhost:8787/channels/acme-chat-us/outbound" }\n    status: 202\n');
  return dir;
};
const NOW = '2026-11-23T09:00:00-07:00';

describe('outreach from the command line', () => {
  it('run lists the messages, the replies handled and the list report; --reply scripts the customers', async () => {
    const dir = project();
    const r = await runCli(['run', join(dir, 'Outreach.script'), '--now', NOW, '--until', '3d', '--stubs', join(dir, 'stubs.yaml'), '--reply', '+13035550101 after 1h: YES', '--reply', '+1 303 555 0101 after 1d: Friday']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('messages:\n  11-23 09:00:10 → +13035550101 sent: "Hi Ada, your Gold offer ends 31 October. Reply YES to book a call."');
    expect(r.out).toContain('  11-23 10:00:10 ← +13035550101 received: "YES"');
    expect(r.out).toContain('  11-24 10:00:10 → +13035550101 sent: "Booked for Friday. An agent will write to you."');
    expect(r.out).toContain('spawned runs: AnswerPromo (100000002) completed (contact Escalated)');
    expect(r.out).toContain('warning: calling list promo-list.csv of skill 4100: 6 rows, 4 loaded, 2 rejected (row 5: No valid destination; row 6: Missing External ID)');
  });

  it('a malformed --reply is a usage error', async () => {
    const dir = project();
    const r = await runCli(['run', join(dir, 'Outreach.script'), '--reply', 'YES please']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--reply "YES please": expected "<customer> after <duration>: <text>"');
  });

  it('without a middleware the messages are retried, then failed, each with the reason', async () => {
    const dir = project();
    const r = await runCli(['run', join(dir, 'Outreach.script'), '--now', NOW, '--until', '1h', '--json']);
    const failed = (JSON.parse(r.out).effects.messages as { status: string; reason: string }[]).filter((m) => m.status === 'failed');
    expect(failed).toHaveLength(4);
    expect(failed[0]!.reason).toMatch(/^middleware unreachable: .*\(after 3 attempts\)$/);
  });

  it('tenant check names the integration; lists upload loads e-mail destinations into a digital skill and warns when it is started', async () => {
    const dir = project();
    expect((await runCli(['tenant', 'check', join(dir, 'tenant.yaml')])).err).toMatch(/1 BYOC integration \(1 channel\), 1 message template/);
    const r = await runCli(['lists', 'upload', join(dir, 'promo-list.csv'), '--skill', '4100', '--source', 'PromoList', '--tenant', join(dir, 'tenant.yaml'), '--now', NOW, '--time-zone', 'America/Denver']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/6 rows → skill 4100 \(source PromoList\).*: 4 loaded, 0 updated, 2 rejected/);
    expect(r.err).toContain('warning: skill 4100 (BYOC_Promo_Oct) is started');
    expect(readFileSync(join(dir, 'promo-list.csv.rejected.csv'), 'utf8')).toBe(
      'Row,Reason,CustomerId,FirstName,LastName,Mobile,Email,Plan,OfferEnd\n5,No valid destination,C-1004,Edsger,Dijkstra,,,Bronze,31 October\n6,Missing External ID,,Barbara,Liskov,303-555-0105,barbara@example.com,Gold,31 October\n',
    );
  });

  it('a test case scripts replies; a bad duration is located', async () => {
    const dir = project();
    writeFileSync(join(dir, 'bad.test.yaml'), `cases:\n  - name: x\n    script: Outreach\n    replies:\n      - { to: "+13035550101", after: soon, text: "YES" }\n`);
    const r = await runCli(['test', join(dir, 'bad.test.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.test\.yaml:5:\d+: error E-TEST-DURATION after must be a duration/);
  });
});

describe('a calling list that cannot load', () => {
  it('run and outreach preview name it at file:line:col and exit 2, without a stack trace', async () => {
    const dir = project();
    writeFileSync(join(dir, 'promo-list.csv'), 'CustomerId,FirstName,LastName,Phone,Email,Plan,OfferEnd\nC-1,Ada,Lovelace,3035550101,,Gold,31 October\n');
    const message = 'error E-LIST-COLUMN calling list of skill 4100: Destinations is mapped to column "Mobile", which is not in the header row';
    const run = await runCli(['run', join(dir, 'Outreach.script'), '--now', NOW, '--until', '1h', '--stubs', join(dir, 'stubs.yaml')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`promo-list.csv:1:1: ${message}`);
    expect(run.err).not.toMatch(/\n\s+at /);
    const preview = await runCli(['outreach', 'preview', '4100', '--tenant', join(dir, 'tenant.yaml'), '--now', NOW]);
    expect(preview.code).toBe(2);
    expect(preview.err).toContain(`promo-list.csv:1:1: ${message}`);
  });
});

describe('outreach preview', () => {
  it('prints every waiting record rendered, sends nothing, and says which rows the list rejected', async () => {
    const dir = project();
    const r = await runCli(['outreach', 'preview', 'BYOC_Promo_Oct', '--tenant', join(dir, 'tenant.yaml'), '--now', NOW, '--limit', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'skill 4100 (BYOC_Promo_Oct), started: 4 messages on channel acme-chat-us, template promo-oct\n' +
        '  C-1001 → +13035550101: "Hi Ada, your Gold offer ends 31 October. Reply YES to book a call."\n' +
        '  C-1002 → +13035550102: "Hi Grace, your Silver offer ends 31 October. Reply YES to book a call."\n' +
        '  … and 2 more\n',
    );
    expect(r.err).toContain('2 rejected (row 5: No valid destination; row 6: Missing External ID)');
    const json = JSON.parse((await runCli(['outreach', 'preview', '4100', '--tenant', join(dir, 'tenant.yaml'), '--now', NOW, '--json'])).out);
    expect(json.messages[2]).toEqual({ externalId: 'C-1003', to: 'alan@example.com', text: 'Hi Alan, your Gold offer ends 31 October. Reply YES to book a call.', missingFields: [] });
  });

  it('a skill that is not an outbound digital skill, or no tenant, is a usage error', async () => {
    const dir = project();
    expect((await runCli(['outreach', 'preview', '4101', '--tenant', join(dir, 'tenant.yaml')])).err).toContain('skill 4101 (Digital_Replies) is not an outbound digital skill');
    expect((await runCli(['outreach', 'preview', '4100'])).code).toBe(2);
  });

  it('--state opens the state file read-only: its bytes and time stay as they were, and a read-only file is read', async () => {
    const dir = project();
    const state = join(dir, 'day.db');
    const upload = await runCli(['lists', 'upload', join(dir, 'promo-list.csv'), '--skill', '4100', '--source', 'PromoList', '--tenant', join(dir, 'tenant.yaml'), '--state', state, '--now', NOW, '--time-zone', 'America/Denver']);
    expect(upload.code).toBe(0);
    // A file in rollback-journal mode (as another tool may leave it): a writable open would switch it to WAL, changing its header.
    const db = new Database(state);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = { bytes: readFileSync(state), mtimeMs: statSync(state).mtimeMs };
    chmodSync(state, 0o444);
    const r = await runCli(['outreach', 'preview', '4100', '--state', state, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).messages.map((m: { externalId: string }) => m.externalId)).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1006']);
    expect(readFileSync(state).equals(before.bytes)).toBe(true);
    expect(statSync(state).mtimeMs).toBe(before.mtimeMs);
  });
});
