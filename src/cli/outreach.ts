// `studio-script outreach preview <skill> --tenant FILE [--state FILE.db]`:
// the messages an outbound digital skill would send (docs/digital.md), each
// waiting record rendered with the skill's template, without sending
// anything: a dry run of proactive digital outreach.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { EXIT, printDiagnostics, shown, UsageError } from './io.js';
import { printJson } from './output.js';

interface PreviewFlags {
  tenant?: string;
  state?: string;
  now?: string;
  limit?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const outreach = program.command('outreach').description('proactive digital outreach over Bring Your Own Channel');
  outreach
    .command('preview')
    .description('print the messages an outbound digital skill would send, rendered from its template, without sending anything')
    .argument('<skill>', 'the outbound digital skill (number or name)')
    .option('--tenant <file>', 'the tenant file declaring the skill (its `list` is loaded into a memory store)')
    .option('--state <file.db>', 'read the calling list from this state file instead (opened read-only: a read-only file is fine)')
    .option('--now <iso>', 'the time the list is loaded at (expirations; default: now)')
    .option('--limit <n>', 'show at most this many messages (default: all)')
    .option('--json', 'print the preview as JSON on stdout')
    .action(async (skill: string, flags: PreviewFlags) => {
      process.exitCode = await preview(skill, flags);
    });
}

async function preview(skillRef: string, flags: PreviewFlags): Promise<number> {
  if (flags.tenant === undefined && flags.state === undefined) throw new UsageError('outreach preview needs --tenant FILE (or --state FILE.db)');
  const limit = flags.limit === undefined ? Infinity : Number(flags.limit);
  if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) throw new UsageError(`--limit ${shown(String(flags.limit))}: expected a whole number`);
  const { loadTenant, openStateFile } = await import('../tenant/tenant.js');
  const { ScriptLoadError } = await import('../contract/diagnostics.js');
  const { previewOutreach } = await import('../tenant/digital/preview.js');
  const { loadListFile, describeListReport, listReport } = await import('../tenant/digital/list-file.js');
  const { DIGITAL_SKILLS_COLLECTION } = await import('../tenant/digital/records.js');
  const { parseDateValue } = await import('../tenant/values.js');
  let tenant;
  try {
    // A state file is opened read-only: the preview reads the list a run left there, never writes (a read-only file is fine).
    tenant = flags.state === undefined ? await loadTenant(flags.tenant!) : openStateFile(flags.state, { readonly: true });
  } catch (err) {
    if (!(err instanceof ScriptLoadError)) throw err;
    printDiagnostics(err.diagnostics, { json: flags.json });
    return EXIT.invalid;
  }
  try {
    const nowMs = flags.now === undefined ? Date.now() : parseDateValue(flags.now, tenant.store.timeZone);
    if (nowMs === null) throw new UsageError(`--now ${shown(String(flags.now))}: not a date`);
    const notes: string[] = [];
    // A memory store starts without the list the tenant file names: stream it in as the skill's first run would.
    if (flags.state === undefined)
      for (const s of tenant.store.collection<{ skill: number; list: string | null; source: string | null }>(DIGITAL_SKILLS_COLLECTION).all())
        if (s.list !== null && s.source !== null && !listReport(tenant.store, s.skill)) {
          try {
            notes.push(describeListReport(await loadListFile(tenant.store, s.list, s.skill, s.source, nowMs), basename(s.list)));
          } catch (err) {
            if (!(err instanceof ScriptLoadError)) throw err;
            printDiagnostics(err.diagnostics, { json: flags.json });
            return EXIT.invalid;
          }
        }
    const result = previewOutreach(tenant.store, skillRef, limit);
    if (typeof result === 'string') throw new UsageError(result);
    if (flags.json) printJson({ ...result, notes });
    else {
      for (const n of notes) process.stderr.write(`${n}\n`);
      const state = `${result.started ? 'started' : 'stopped'}${result.schedule ? `, schedule ${result.schedule}` : ''}`;
      const lines = [`skill ${result.skill} (${result.name}), ${state}: ${result.waiting} ${result.waiting === 1 ? 'message' : 'messages'} on channel ${result.channel}, template ${result.template}${result.rtl ? ' (right to left)' : ''}`];
      for (const m of result.messages) {
        const missing = m.missingFields.length ? `  [empty: ${m.missingFields.join(', ')}]` : '';
        lines.push(`  ${m.externalId} → ${m.to ?? '(no destination: skipped)'}: ${JSON.stringify(m.text)}${missing}`);
      }
      if (result.messages.length < result.waiting) lines.push(`  … and ${result.waiting - result.messages.length} more`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    return EXIT.ok;
  } finally {
    tenant.close();
  }
}
