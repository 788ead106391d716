// `studio-script run <file.script>`: loads the script's folder and a tenant,
// runs the script on the virtual clock and prints the result (readable, or the
// JSON of runtime.md), with an optional trace on stderr. Exit 0 completed or
// stopped, 1 stuck or failed, 2 invalid input.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { looksBinary, ScriptLoadError, type Diagnostic } from '../contract/diagnostics.js';
import type { ScriptSet } from '../graph/load.js';
import type { HttpClient } from '../contract/http.js';
import { UNTIL_REASON, type RunResult, type SpawnedRunSummary } from '../runtime/result.js';
import type { ContactInfo } from '../runtime/scheduler.js';
import type { ScriptedReply } from '../tenant/digital/inbox.js';
import { parseDuration } from '../contract/duration.js';
import type { Intercept } from '../testing/interceptor.js';
import type { UnmatchedStubReport } from '../testing/results.js';
import type { Value } from '../contract/value.js';
import { VARIABLE_NAME } from '../contract/variables.js';
import { setMember } from '../snippet/json.js';
import { InputFileError, readCallsOption, type CallsOption } from './run-calls.js';
import { EXIT, printDiagnostics, shown, UsageError } from './io.js';
import { JsonSyntaxError, locateDeepNesting } from './json-location.js';
import type { StudioScriptConfig } from './config-schema.js';
import { projectConfig } from './config.js';
import { commandLineLimits, limitOptions, wholeNumber, type LimitFlags } from './limit-option.js';
import { displayPath, printJson } from './output.js';
import { readStdin, scriptArgument } from './paths.js';
import { callerLabelProblems, parseCallerScript, type CallerScript, type ScriptLabels } from '../phone/caller-script.js';
import { formatTranscript } from '../phone/transcript.js';

interface RunFlags extends LimitFlags {
  var: string[];
  vars?: string;
  tenant?: string;
  now?: string;
  until?: string;
  seed?: string;
  ani?: string;
  dnis?: string;
  skill?: string;
  poc?: string;
  caller?: string;
  transcript?: boolean;
  state?: string;
  stubs?: string;
  allowNetwork?: boolean;
  json?: boolean;
  trace?: boolean;
  traceJson?: boolean;
  redact: string[];
  reply: string[];
  calls?: string;
}

export function register(program: Command): void {
  const command = program
    .command('run')
    .description('run a script on the virtual clock against the emulated tenant')
    .argument('[file.script]', "the script to run (a file, a script name in the configured scripts folder, or '-' for stdin; with --poc, default: the point of contact's script); other scripts of its folder are available to RUNSUB, RUNSCRIPT and SPAWN")
    .option('--var <name=value>', 'set a variable (repeatable); a value that parses as JSON is that JSON, otherwise text', collect, [])
    .option('--vars <file.json>', 'variables from a JSON object')
    .option('--tenant <file.yaml>', 'tenant file (default: tenant.yaml beside the script, else an empty tenant)')
    .option('--now <iso>', 'virtual start time (default: now)')
    .option('--until <iso|duration>', 'stop at this virtual time or after this long (90s, 30m, 2h)');
  limitOptions(command, 'this run and the runs it spawns; over the configuration file')
    .option('--seed <n>', 'seed of the random source')
    .option('--ani <number>', 'caller number (ANI)')
    .option('--dnis <number>', 'dialled number (DNIS)')
    .option('--skill <n>', 'skill number of the contact')
    .option('--poc <number|address>', "the point of contact the contact arrives at: runs its script with DNIS, SKILLNO and POC filled from the tenant's POC")
    .option('--caller <steps>', 'phone scripts: what the caller does, e.g. "at menu; press 2; wait 30s; hangup" (docs/phone.md)')
    .option('--transcript', 'phone scripts: print what the caller heard and did, before the result')
    .option('--state <file.db>', 'keep the tenant in this SQLite file between runs')
    .option('--stubs <file.yaml>', 'stubs for actions (by type and properties, or Script.label) and REST calls, as in a test case')
    .option('--allow-network', 'let REST calls that no stub answers reach the network')
    .option('--json', 'print the run result as JSON on stdout')
    .option('--trace', 'print a readable trace on stderr, one line per action')
    .option('--trace-json', 'print every trace event as one JSON line on stderr')
    .option('--calls <file.yaml>', "other calls next to this one, on the same tenant and clock: a YAML or JSON list written as a test case's calls: (docs/routing.md)")
    .option('--reply <reply>', 'a customer reply on a digital channel (repeatable): "+13035550101 after 2h: YES" (docs/digital.md)', collect, [])
    .option('--redact <name>', 'a variable whose value is shown as *** in the result, the trace and messages (repeatable)', collect, [])
    .action(async (file: string | undefined, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runCommand(given: string | undefined, givenFlags: RunFlags): Promise<number> {
  const { config } = await projectConfig();
  let flags = withConfig(givenFlags, config);
  if (given === undefined && flags.poc === undefined)
    throw new UsageError('give the script to run (a .script file or a script name), or --poc <number or address> to run the script of a point of contact');
  let arg: string;
  if (given !== undefined) arg = given;
  else {
    const found = await pocScript(flags.poc!, flags, config);
    if (typeof found === 'number') return found;
    ({ arg, flags } = found);
  }
  const stdin = arg === '-' ? await readStdin() : undefined;
  const file = stdin !== undefined ? STDIN : await scriptArgument(arg, config.scripts);
  const scriptPath = resolve(file);
  if (stdin === undefined) {
    if (!existsSync(scriptPath)) throw new UsageError(`${file}: file not found${config.scripts === undefined && !/[\\/.]/.test(file) ? ' (to run scripts by name, set "scripts" in studio-script.config.yaml)' : ''}`);
    // Checked before the folder loads, so a wrong path is named instead of the folder's other problems.
    if (statSync(scriptPath).isDirectory()) throw new UsageError(`${file}: is a folder; give the .script file to run`);
    if (!scriptPath.endsWith('.script')) throw new UsageError(`${file}: not a .script file`);
  }
  const [{ loadFolder, loadScriptWithFolder }, { createRuntime, RuntimeOptionError }, { fromJson, MAX_NESTING, NestingError }, { batchedOutput, streamDrain }] = await Promise.all([
    import('../graph/folder.js'),
    import('../runtime/runtime.js'),
    import('../snippet/index.js'),
    import('./batched-output.js'),
  ]);
  const vars = readVars(flags, fromJson, MAX_NESTING, NestingError);
  // The configuration's limits under the command line's, name by name.
  const limits = { ...config.limits, ...commandLineLimits(flags) };
  const seed = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0);
  const contact = contactOf(flags);
  const redact = flags.redact.map((name) => checkName(name.trim(), `--redact "${shown(name)}"`));
  const replies = (flags.reply ?? []).map(parseReply);

  let scripts;
  try {
    scripts =
      stdin !== undefined
        ? await loadScriptWithFolder({ file: STDIN, text: stdin }, config.scripts)
        : await loadFolder(dirname(scriptPath), { entryFile: scriptPath });
  } catch (err) {
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  const entry = [...scripts.scripts.values()].find((s) =>
    stdin !== undefined ? s.graph.file === STDIN : resolve(s.graph.file) === scriptPath || resolve(scripts.folder, s.graph.file) === scriptPath,
  );
  if (!entry) throw new UsageError(`${file}: not a script of its folder (is it a .script file?)`);
  if (scripts.diagnostics.length > 0 && !flags.json && !flags.traceJson)
    printDiagnostics(scripts.diagnostics.filter((d) => d.span.file === entry.graph.file || d.code === 'W-SCRIPT-LEFT-OUT'));
  if (flags.caller !== undefined) contact.caller = checkCaller(flags.caller, entry.graph.name, scripts);
  let calls: CallsOption | undefined;
  try {
    if (flags.calls !== undefined) calls = await readCallsOption(flags.calls, entry.graph.name, scripts);
  } catch (err) {
    if (err instanceof InputFileError) return invalid(err.diagnostics, flags.json, new Map([[err.file, err.source]]));
    throw err;
  }

  let tenant;
  try {
    tenant = await openTenant(scriptPath, flags);
  } catch (err) {
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  if (replies.length > 0) {
    const { scriptReplies } = await import('../tenant/digital/inbox.js');
    tenant.store.transaction(() => scriptReplies(tenant.store, replies));
  }
  let http;
  try {
    http = await httpClient(flags, scripts);
  } catch (err) {
    tenant.close();
    if (err instanceof InputFileError) return invalid(err.diagnostics, flags.json, new Map([[err.file, err.source]]));
    throw err;
  }
  // One write per batch of trace lines, not one per event (a million actions would be millions of writes).
  const trace = flags.trace || flags.traceJson ? batchedOutput(streamDrain(process.stderr)) : null;
  try {
    const runtime = createRuntime({
      scripts,
      tenant,
      ...(flags.now !== undefined ? { now: flags.now } : {}),
      ...(seed !== undefined ? { seed } : {}),
      http: http.client,
      ...(http.intercept ? { intercept: http.intercept } : {}),
      limits,
      contact,
      redact,
    });
    if (trace && flags.trace) runtime.writeTrace(trace.readable());
    if (trace && flags.traceJson) runtime.writeTrace(trace.json());
    // Ctrl-C stops the run at its current virtual time and still prints the result.
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    let result: RunResult;
    try {
      result = await runtime.run(entry.graph.name, {
        vars,
        ...(flags.until !== undefined ? { until: flags.until } : {}),
        ...(flags.poc !== undefined ? { poc: flags.poc } : {}),
        ...(calls ? { calls: calls.starts } : {}),
        signal: abort.signal,
      });
    } finally {
      process.off('SIGINT', onSigint);
      trace?.flush();
    }
    const unmatched = http.unmatched();
    if (flags.json) printJson(unmatched.length ? { ...result, unmatchedStubs: unmatched.map(unmatchedJson) } : result);
    else {
      if (flags.transcript) process.stdout.write(transcriptText(result, entry.graph));
      process.stdout.write(formatResult(result));
      // Each other call as the run's own is shown, under its name.
      (result.calls ?? []).forEach((call, i) => {
        process.stdout.write(`\n${calls?.names[i] ?? `calls[${i}]`}:\n`);
        const graph = scripts.scripts.get(call.script.toLowerCase())?.graph;
        if (flags.transcript && graph) process.stdout.write(transcriptText(call, graph));
        process.stdout.write(formatResult(call));
      });
      process.stdout.write(unmatched.map((u) => `warning: ${unmatchedText(u)}\n`).join(''));
    }
    // A spawned run (or another call) that got stuck or failed is a failure too: its contact would be lost in Studio.
    const ok = (status: RunResult['status']): boolean => status === 'completed' || status === 'stopped';
    const runOk = (r: RunResult): boolean => ok(r.status) && (r.spawned ?? []).every((s) => ok(s.status));
    return runOk(result) && (result.calls ?? []).every(runOk) ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (err instanceof RuntimeOptionError) throw new UsageError(err.message);
    // A file a background process reads at the start (a digital skill's calling list) that cannot load.
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  } finally {
    await http.close();
    tenant.close();
  }
}

const STDIN = '<stdin>';

/** The configuration's settings under the command line's: an option given wins. */
function withConfig(flags: RunFlags, config: StudioScriptConfig): RunFlags {
  const text = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n));
  const pick = <K extends keyof RunFlags>(key: K, value: RunFlags[K] | undefined): Partial<RunFlags> => (flags[key] === undefined && value !== undefined ? { [key]: value } : {});
  return {
    ...flags,
    ...pick('tenant', config.tenant),
    ...pick('stubs', config.stubs),
    ...pick('now', config.now),
    ...pick('until', config.until),
    ...pick('seed', text(config.seed)),
  };
}

function invalid(diagnostics: Diagnostic[], json?: boolean, sources?: Map<string, string>): number {
  printDiagnostics(diagnostics, { json: !!json, ...(sources ? { sources } : {}) });
  return EXIT.invalid;
}

/**
 * --vars first, then each --var (later wins). Names are case-insensitive
 * identifiers; values nest at most `maxNesting` levels (checked before
 * anything recurses into them).
 */
function readVars(flags: RunFlags, fromJson: (x: unknown) => Value, maxNesting: number, NestingError: new (max: number) => Error): Record<string, Value> {
  const vars: Record<string, Value> = {};
  if (flags.vars !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.vars, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`--vars ${flags.vars}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder' : 'cannot read it'}`);
    }
    // Anything else than a JSON object (another kind of file) is named, never parsed into a message that quotes it.
    if (looksBinary(text) || !/^\s*\{/.test(text.slice(0, 4096))) throw new UsageError(`${flags.vars}:1:1: --vars needs a JSON object of name: value`);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new JsonSyntaxError(flags.vars, text, err);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${flags.vars}:1:1: --vars needs a JSON object of name: value`);
    for (const k of Object.keys(data)) {
      const name = checkName(k, `--vars ${flags.vars}`);
      try {
        setMember(vars, name, fromJson((data as Record<string, unknown>)[k]));
      } catch (err) {
        if (!(err instanceof NestingError)) throw err;
        // The top-level object is one level, so a value's own limit is one deeper in the file.
        const at = locateDeepNesting(text, maxNesting + 1) ?? { line: 1, col: 1 };
        throw new UsageError(`${flags.vars}:${at.line}:${at.col}: --vars: ${name} nests more than ${maxNesting} levels deep (the limit)`);
      }
    }
  }
  for (const item of flags.var) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var "${shown(item)}": expected name=value`);
    const name = checkName(item.slice(0, eq).trim(), `--var "${shown(item)}"`);
    const raw = item.slice(eq + 1);
    try {
      setMember(vars, name, fromJson(parseLoose(raw)));
    } catch (err) {
      if (!(err instanceof NestingError)) throw err;
      throw new UsageError(`--var ${name}: the value nests more than ${maxNesting} levels deep (the limit)`);
    }
  }
  return vars;
}

/** A `--var` value: JSON when it parses as JSON, otherwise the text itself. */
function parseLoose(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    // `1e400` is valid JSON but no finite number: keep the text rather than turn it into null.
    return typeof value === 'number' && !Number.isFinite(value) ? raw : value;
  } catch {
    return raw;
  }
}

function checkName(name: string, where: string): string {
  if (!VARIABLE_NAME.test(name)) throw new UsageError(`${where}: "${shown(name)}" is not a variable name`);
  return name.toLowerCase();
}

/** `--reply "+13035550101 after 2h: YES"`: who answers, how long after the message, what. */
function parseReply(text: string): ScriptedReply {
  const after = text.search(/\safter\s/i);
  const colon = after < 0 ? -1 : text.indexOf(':', after);
  const seconds = colon < 0 ? undefined : parseDuration(text.slice(after + 6, colon).trim());
  const to = after < 0 ? '' : text.slice(0, after).trim();
  if (to === '' || seconds === undefined)
    throw new UsageError(`--reply "${shown(text)}": expected "<customer> after <duration>: <text>", for example "+13035550101 after 2h: YES"`);
  return { to, afterMs: Math.round(seconds * 1000), text: text.slice(colon + 1).replace(/^ /, '') };
}

function contactOf(flags: RunFlags): ContactInfo {
  const contact: ContactInfo = {};
  if (flags.ani !== undefined) contact.ani = flags.ani;
  if (flags.dnis !== undefined) contact.dnis = flags.dnis;
  if (flags.skill !== undefined) contact.skillNo = wholeNumber('--skill', flags.skill, 0);
  return contact;
}

/** Parses --caller and checks the labels its `at`/`after` steps name; a mistake is shown under the text, with a caret. */
function checkCaller(text: string, entry: string, scripts: ScriptSet): CallerScript {
  const parsed = parseCallerScript(text);
  const known: ScriptLabels = {
    scripts: () => [...scripts.scripts.values()].map((s) => s.graph.name),
    actions: (name) => scripts.scripts.get(name.toLowerCase())?.graph.actions,
  };
  const problems = parsed.ok ? callerLabelProblems(parsed.script, entry, known) : parsed.problems;
  if (problems.length === 0 && parsed.ok) return parsed.script;
  const shown = text.replace(/[\r\n]/g, ' ');
  throw new UsageError(
    problems.map((p) => `--caller: ${p.message}\n  ${shown}\n  ${' '.repeat(p.at.offset)}${'^'.repeat(Math.max(1, p.at.length))}`).join('\n'),
  );
}

/** The call transcript of `--transcript`, with a header naming the call. */
function transcriptText(r: RunResult, graph: { name: string; mediaType: string }): string {
  if (!r.transcript || !r.contact) return `(no call: ${graph.name} is a ${graph.mediaType} script, not a phone script)\n`;
  const c = r.contact;
  const header = `Call ${c.contactId}${c.ani ? ` from ${c.ani}` : ''}${c.dnis ? ` to ${c.dnis}` : ''}, ${r.startedAt}`;
  return formatTranscript(r.transcript, header) + '\n';
}

/**
 * `run --poc X` without a script: the tenant (--tenant, the configured one, or
 * tenant.yaml in the scripts folder or here) names X's script, found in the
 * scripts folder (the configured one, else the tenant file's folder, else
 * here). Returns the script and the
 * flags with the tenant file that named it; an exit code when the tenant is invalid.
 */
async function pocScript(poc: string, flags: RunFlags, config: StudioScriptConfig): Promise<{ arg: string; flags: RunFlags } | number> {
  const folder = config.scripts ?? (flags.tenant !== undefined ? dirname(resolve(flags.tenant)) : process.cwd());
  const tenantFile = flags.tenant ?? [folder, process.cwd()].flatMap((d) => ['tenant.yaml', 'tenant.yml', 'tenant.json'].map((n) => join(d, n))).find((f) => existsSync(f));
  if (tenantFile === undefined && flags.state === undefined)
    throw new UsageError(`--poc ${shown(poc)}: no tenant declares points of contact here; give --tenant <file> (or a state file with --state)`);
  const { loadTenant, openStateFile } = await import('../tenant/index.js');
  const { arrivalAt } = await import('../tenant/pocs/arrival.js');
  let tenant;
  try {
    tenant = tenantFile !== undefined ? await loadTenant(tenantFile, flags.state !== undefined ? { state: flags.state } : {}) : openStateFile(flags.state!);
  } catch (err) {
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  let at;
  try {
    at = arrivalAt(tenant.store, poc);
  } finally {
    tenant.close();
  }
  if (typeof at === 'string') throw new UsageError(`--poc ${shown(poc)}: ${at}`);
  const file = await scriptArgument(at.script, folder);
  if (!existsSync(file)) throw new UsageError(`--poc ${poc}: point of contact ${at.poc.id} runs script ${at.script}, and ${displayPath(folder)} has no ${at.script}.script`);
  return { arg: file, flags: tenantFile !== undefined ? { ...flags, tenant: tenantFile } : flags };
}

/** Opens --tenant, else tenant.yaml beside the script, else an empty tenant (each with --state when given). */
async function openTenant(scriptPath: string, flags: RunFlags) {
  const { loadTenant, emptyTenant } = await import('../tenant/index.js');
  const opts = flags.state !== undefined ? { state: flags.state } : {};
  if (flags.tenant !== undefined) return loadTenant(flags.tenant, opts);
  for (const name of ['tenant.yaml', 'tenant.yml', 'tenant.json']) {
    const beside = join(dirname(scriptPath), name);
    if (existsSync(beside)) return loadTenant(beside, opts);
  }
  return emptyTenant('UTC', opts);
}

interface RunHttp {
  client: HttpClient;
  /** Action stubs of --stubs, when it has any. */
  intercept?: Intercept;
  /** Stubs of --stubs that answered nothing. */
  unmatched(): UnmatchedStubReport[];
  close(): Promise<void>;
}

/**
 * --stubs and --allow-network. The stub file holds the stubs a test case
 * takes (action, label and HTTP stubs), loaded and checked by the test
 * runner's own loader; HTTP stubs answer first, the network behind them only
 * when allowed.
 */
async function httpClient(flags: RunFlags, scripts: ScriptSet): Promise<RunHttp> {
  const { noNetwork } = await import('../http/no-network.js');
  let fallback: HttpClient = noNetwork;
  let close = async (): Promise<void> => {};
  if (flags.allowNetwork) {
    const { createRealHttp } = await import('../http/index.js');
    const real = createRealHttp();
    fallback = real;
    close = () => real.close();
  }
  if (flags.stubs === undefined) return { client: fallback, unmatched: () => [], close };
  const file = flags.stubs;
  if (!existsSync(file)) throw new UsageError(`--stubs ${file}: file not found`);
  const [{ loadStubFile }, { checkStubsAgainstScripts }, { armStubs }] = await Promise.all([
    import('../testing/stub-file.js'),
    import('../testing/check-scripts.js'),
    import('../testing/stub-set.js'),
  ]);
  const loaded = loadStubFile(file, scripts.registry);
  if (!loaded.stubs) throw new InputFileError(loaded.diagnostics, file, loaded.source);
  const graphs = new Map([...scripts.scripts].map(([key, s]) => [key, s.graph]));
  const problems = checkStubsAgainstScripts(loaded.stubs, { graphs, registry: scripts.registry }, scripts.folder);
  if (problems.length > 0) throw new InputFileError(problems, file, loaded.source);
  const armed = armStubs(loaded.stubs, scripts.registry, { fallback });
  const hasActionStubs = loaded.stubs.some((s) => s.kind === 'action');
  return { client: armed.http, ...(hasActionStubs ? { intercept: armed.intercept } : {}), unmatched: armed.unmatched, close };
}

function unmatchedText(u: UnmatchedStubReport): string {
  return `stub ${u.id} (${u.description}) never matched (${displayPath(u.span.file)}:${u.span.line}:${u.span.col})`;
}

function unmatchedJson(u: UnmatchedStubReport) {
  return { id: u.id, description: u.description, file: displayPath(u.span.file), line: u.span.line, col: u.span.col };
}

const MAX_SHOWN_CHARS = 160;

/** A value on one readable line: long ones are cut (the whole value is in `--json`). */
function shortJson(v: unknown): string {
  const text = JSON.stringify(v) ?? 'null';
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters; --json shows all)`;
}

/** The readable result: status line, variables, effects, warnings. */
export function formatResult(r: RunResult): string {
  const lines: string[] = [];
  const span = `${r.startedAt} → ${r.endedAt}`;
  lines.push(`${r.script}: ${r.status} after ${r.steps} action${r.steps === 1 ? '' : 's'} (${span})`);
  // The until time is in the span already; any other stop says why (a call left waiting, an abort).
  if (r.reason && r.reason !== UNTIL_REASON) lines.push(`why: ${r.reason}`);
  const vars = Object.entries(r.variables);
  if (vars.length) {
    lines.push('variables:');
    for (const [k, v] of vars) lines.push(`  ${k} = ${shortJson(v)}`);
  }
  const globals = Object.entries(r.globals);
  if (globals.length) {
    lines.push('globals:');
    for (const [k, v] of globals) lines.push(`  ${k} = ${shortJson(v)}`);
  }
  const effects = Object.entries(r.effects).filter(([, list]) => list.length > 0);
  if (effects.length) lines.push(`effects: ${effects.map(([k, list]) => `${k} ${list.length}`).join(', ')}`);
  lines.push(...messageLines(r.effects.messages ?? []));
  if (r.spawned?.length) lines.push(`spawned runs: ${r.spawned.map(spawnedText).join(', ')}`);
  if (r.lastError) lines.push(`last error: ${r.lastError}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

/** One spawned run in the result's `spawned runs:` line; a stop says why as the entry run's does (the until time goes without saying). */
function spawnedText(s: SpawnedRunSummary): string {
  const why = s.reason && s.reason !== UNTIL_REASON ? ` (why: ${s.reason})` : '';
  return `${s.script} (${s.contactId}) ${s.status}${s.contact ? ` (contact ${s.contact.status})` : ''}${why}`;
}

/** Messages shown in the text result, at most; --json has them all. */
const MAX_MESSAGE_LINES = 20;

/** The digital messages of a run, one line each: `09:00:30 → +13035550101 sent: Hi Ada…`. */
function messageLines(messages: readonly unknown[]): string[] {
  if (messages.length === 0) return [];
  const lines = ['messages:'];
  for (const m of messages.slice(0, MAX_MESSAGE_LINES) as Record<string, unknown>[]) {
    const at = String(m.at ?? '').replace(/^\d{4}-(\d\d-\d\d)T(\d\d:\d\d:\d\d).*$/, '$1 $2');
    const who = m.direction === 'inbound' ? `← ${String(m.from)}` : `→ ${String(m.to)}`;
    const why = m.reason ? ` (${String(m.reason)})` : '';
    lines.push(`  ${at} ${who} ${String(m.status)}${why}: ${shortJson(m.text as Value)}`);
  }
  if (messages.length > MAX_MESSAGE_LINES) lines.push(`  … and ${messages.length - MAX_MESSAGE_LINES} more (--json lists them all)`);
  return lines;
}
