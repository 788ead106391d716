// `studio-script run <file.script>`: loads the script's folder and a tenant,
// runs the script on the virtual clock and prints the result (readable, or the
// JSON of runtime.md), with an optional trace on stderr. Exit 0 completed or
// stopped, 1 stuck or failed, 2 invalid input.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, positionAt, ScriptLoadError, type Diagnostic } from '../diagnostics.js';
import type { HttpStub } from '../http/stubs.js';
import type { HttpClient } from '../http/types.js';
import type { RunResult } from '../runtime/result.js';
import type { ContactInfo } from '../runtime/scheduler.js';
import type { Value } from '../snippet/value.js';
import { EXIT, printDiagnostics, UsageError } from './io.js';

interface RunFlags {
  var: string[];
  vars?: string;
  tenant?: string;
  now?: string;
  until?: string;
  maxActions?: string;
  seed?: string;
  ani?: string;
  dnis?: string;
  skill?: string;
  poc?: string;
  state?: string;
  stubs?: string;
  allowNetwork?: boolean;
  json?: boolean;
  trace?: boolean;
  traceJson?: boolean;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run a script on the virtual clock against the emulated tenant')
    .argument('<file.script>', 'the script to run; other scripts of its folder are available to RUNSUB, RUNSCRIPT and SPAWN')
    .option('--var <name=value>', 'set a variable (repeatable); a value that parses as JSON is that JSON, otherwise text', collect, [])
    .option('--vars <file.json>', 'variables from a JSON object')
    .option('--tenant <file.yaml>', 'tenant file (default: tenant.yaml beside the script, else an empty tenant)')
    .option('--now <iso>', 'virtual start time (default: now)')
    .option('--until <iso|duration>', 'stop at this virtual time or after this long (90s, 30m, 2h)')
    .option('--max-actions <n>', 'actions per run before the run fails (default 100000)')
    .option('--seed <n>', 'seed of the random source')
    .option('--ani <number>', 'caller number (ANI)')
    .option('--dnis <number>', 'dialled number (DNIS)')
    .option('--skill <n>', 'skill number of the contact')
    .option('--poc <id>', 'point of contact')
    .option('--state <file.db>', 'keep the tenant in this SQLite file between runs')
    .option('--stubs <file.yaml>', 'HTTP stub table for REST calls')
    .option('--allow-network', 'let REST calls that no stub answers reach the network')
    .option('--json', 'print the run result as JSON on stdout')
    .option('--trace', 'print a readable trace on stderr, one line per action')
    .option('--trace-json', 'print every trace event as one JSON line on stderr')
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const scriptPath = resolve(file);
  if (!existsSync(scriptPath)) throw new UsageError(`${file}: file not found`);
  const [{ loadFolder }, { createRuntime, RuntimeOptionError }, { fromJson }, { traceLines }] = await Promise.all([
    import('../graph/load.js'),
    import('../runtime/runtime.js'),
    import('../snippet/index.js'),
    import('../runtime/trace-text.js'),
  ]);
  const vars = readVars(flags, fromJson);
  const limits = flags.maxActions === undefined ? {} : { maxActions: wholeNumber('--max-actions', flags.maxActions, 1) };
  const seed = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0);
  const contact = contactOf(flags);

  let scripts;
  try {
    scripts = await loadFolder(dirname(scriptPath));
  } catch (err) {
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  const entry = [...scripts.scripts.values()].find((s) => resolve(s.graph.file) === scriptPath || resolve(scripts.folder, s.graph.file) === scriptPath);
  if (!entry) throw new UsageError(`${file}: not a script of its folder (is it a .script file?)`);
  if (scripts.diagnostics.length > 0 && !flags.json && !flags.traceJson) printDiagnostics(scripts.diagnostics.filter((d) => d.span.file === entry.graph.file));

  let tenant;
  try {
    tenant = await openTenant(scriptPath, flags);
  } catch (err) {
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  let http;
  try {
    http = await httpClient(flags);
  } catch (err) {
    tenant.close();
    if (err instanceof ScriptLoadError) return invalid(err.diagnostics, flags.json);
    throw err;
  }
  try {
    const runtime = createRuntime({
      scripts,
      tenant,
      ...(flags.now !== undefined ? { now: flags.now } : {}),
      ...(seed !== undefined ? { seed } : {}),
      http: http.client,
      limits,
      contact,
    });
    if (flags.trace) runtime.on('*', traceLines((line) => process.stderr.write(line + '\n')));
    if (flags.traceJson) runtime.on('*', (e) => process.stderr.write(JSON.stringify(e) + '\n'));
    // Ctrl-C stops the run at its current virtual time and still prints the result.
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    let result: RunResult;
    try {
      result = await runtime.run(entry.graph.name, { vars, ...(flags.until !== undefined ? { until: flags.until } : {}), signal: abort.signal });
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(formatResult(result));
    return result.status === 'completed' || result.status === 'stopped' ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (err instanceof RuntimeOptionError) throw new UsageError(err.message);
    throw err;
  } finally {
    await http.close();
    tenant.close();
  }
}

function invalid(diagnostics: Diagnostic[], json?: boolean): number {
  printDiagnostics(diagnostics, { json: !!json });
  return EXIT.invalid;
}

/** --vars first, then each --var (later wins). Names are case-insensitive identifiers. */
function readVars(flags: RunFlags, fromJson: (x: unknown) => Value): Record<string, Value> {
  const vars: Record<string, Value> = {};
  if (flags.vars !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.vars, 'utf8');
    } catch {
      throw new UsageError(`--vars ${flags.vars}: file not found`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new ScriptLoadErrorAsUsage(flags.vars, text, err);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${flags.vars}:1:1: --vars needs a JSON object of name: value`);
    for (const [k, v] of Object.entries(data)) vars[checkName(k, `--vars ${flags.vars}`)] = fromJson(v);
  }
  for (const item of flags.var) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var "${item}": expected name=value`);
    const name = checkName(item.slice(0, eq).trim(), `--var "${item}"`);
    const raw = item.slice(eq + 1);
    vars[name] = fromJson(parseLoose(raw));
  }
  return vars;
}

/** A `--var` value: JSON when it parses as JSON, otherwise the text itself. */
function parseLoose(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function checkName(name: string, where: string): string {
  if (!/^(global:)?[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) throw new UsageError(`${where}: "${name}" is not a variable name`);
  return name.toLowerCase();
}

function wholeNumber(option: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} "${text}": expected a whole number ≥ ${min}`);
  return n;
}

function contactOf(flags: RunFlags): ContactInfo {
  const contact: ContactInfo = {};
  if (flags.ani !== undefined) contact.ani = flags.ani;
  if (flags.dnis !== undefined) contact.dnis = flags.dnis;
  if (flags.skill !== undefined) contact.skillNo = wholeNumber('--skill', flags.skill, 0);
  if (flags.poc !== undefined) contact.poc = flags.poc;
  return contact;
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

/** --stubs and --allow-network: the stub table first, the network behind it only when allowed. */
async function httpClient(flags: RunFlags): Promise<{ client: HttpClient; close(): Promise<void> }> {
  const { noNetwork } = await import('../http/types.js');
  let fallback: HttpClient = noNetwork;
  let close = async (): Promise<void> => {};
  if (flags.allowNetwork) {
    const { createRealHttp } = await import('../http/index.js');
    const real = createRealHttp();
    fallback = real;
    close = () => real.close();
  }
  if (flags.stubs === undefined) return { client: fallback, close };
  const { createStubHttp, checkHttpStub } = await import('../http/index.js');
  const stubs = await loadHttpStubFile(flags.stubs, checkHttpStub);
  return { client: createStubHttp(stubs, { fallback }), close };
}

/**
 * A stub file: a YAML list of HTTP stubs (or `stubs:` holding one), each
 * `{ match: { http: "GET https://…" }, status, headers, body, delay, times, nth }`.
 * Problems are located diagnostics (exit 2).
 */
async function loadHttpStubFile(file: string, check: (stub: unknown) => string[]): Promise<HttpStub[]> {
  const { parseDocument, isSeq, isMap } = await import('yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--stubs ${file}: file not found`);
  }
  const doc = parseDocument(text);
  const at = (offset: number | undefined) => ({ file, ...positionAt(text, offset ?? 0) });
  if (doc.errors.length > 0) throw new StubFileError(doc.errors.map((e) => diagnostic('E-STUBS-YAML', e.message.split('\n')[0]!, at(e.pos[0]))), text);
  let list = doc.contents;
  if (isMap(list)) list = list.get('stubs', true) as unknown as typeof list;
  if (!isSeq(list)) throw new StubFileError([diagnostic('E-STUBS-SHAPE', 'a stub file is a list of stubs (or has a `stubs:` list)', at(doc.contents?.range?.[0]))], text);
  const problems: Diagnostic[] = [];
  const stubs: HttpStub[] = [];
  list.items.forEach((node, i) => {
    const value = (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
    const found = check(value);
    for (const message of found) problems.push(diagnostic('E-STUBS-STUB', `stub ${i + 1}: ${message}`, at((node as unknown as { range?: [number] }).range?.[0])));
    if (found.length === 0) stubs.push(value as HttpStub);
  });
  if (problems.length > 0) throw new StubFileError(problems, text);
  return stubs;
}

class StubFileError extends ScriptLoadError {
  constructor(
    diagnostics: Diagnostic[],
    readonly source: string,
  ) {
    super(diagnostics);
  }
}

/** A JSON syntax error located as `file:line:col` (Node 20's messages do not always carry the position). */
class ScriptLoadErrorAsUsage extends UsageError {
  constructor(file: string, text: string, err: unknown) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/,? ?(in JSON )?at position \d+.*$/s, '').replace(/, .*is not valid JSON$/s, '');
    super(`${file}:${locateJsonError(text, err)}: invalid JSON: ${reason}`);
  }
}

function locateJsonError(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  let offset = m ? Number(m[1]) : -1;
  if (offset < 0) {
    // Walk to the first character JSON.parse rejects: the longest prefix that is still a valid JSON start.
    offset = firstBadJsonOffset(text);
  }
  const { line, col } = positionAt(text, offset);
  return `${line}:${col}`;
}

/** Offset of the first character a JSON reader rejects (a small scanner: only the position is needed). */
function firstBadJsonOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : Math.max(0, text.length - 1);
  } catch (at) {
    return Math.min(typeof at === 'number' ? at : 0, Math.max(0, text.length - 1));
  }
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
  if (r.spawned?.length) lines.push(`spawned runs: ${r.spawned.map((s) => `${s.script} (${s.contactId}) ${s.status}`).join(', ')}`);
  if (r.lastError) lines.push(`last error: ${r.lastError}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

