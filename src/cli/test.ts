// `studio-script test [files|folders|globs]`: runs `*.test.yaml` files and
// reports with the pretty, junit or json reporter (several at once, each to
// stdout or its file); writes coverage files with --coverage; splits the
// cases across machines with --shard; reruns what a change affects with
// --watch. Settings come from the command line, then the configuration file.
// Exit 0 all passed, 1 a test failed / error path found / threshold missed,
// 2 invalid test, stub, script or configuration files.
import type { Command } from 'commander';
import { resolve, sep } from 'node:path';
import type { SessionOptions } from '../testing/session.js';
import type { SessionResult } from '../testing/results.js';
import { projectConfig, type LoadedConfig } from './config.js';
import { EXIT, printDiagnostics, shown, UsageError, writeOrExplain, writeOutput } from './io.js';
import { colorEnabled, displayPath, jsonMode } from './output.js';
import { expandGlobs, globFiles } from './paths.js';
import { commandLineLimits, limitOptions, type LimitFlags } from './limit-option.js';
import { parseShard, parseThreshold, parseWorkers, thresholdMisses } from './test-options.js';

interface TestOptions extends LimitFlags {
  reporter?: string[];
  json?: boolean;
  output?: string;
  coverage?: boolean;
  coverageDir?: string;
  coverageThreshold?: string;
  forceErrors?: boolean;
  update?: boolean;
  workers?: string;
  shard?: string;
  watch?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('test')
    .description('run script tests (*.test.yaml): stubs, expectations, coverage and the error-path sweep')
    .argument('[paths...]', 'test files, folders or globs (default: the configured test.include, else the current folder)')
    .option('--reporter <name>', 'pretty, junit or json (repeatable; default pretty)', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'the same as --reporter json on stdout (diagnostics too, as every command prints them with --json)')
    .option('-o, --output <file>', 'write the report to a file (folders are created); the terminal still gets the readable report')
    .option('--coverage', 'collect action and branch coverage; write coverage/lcov.info and coverage/coverage.json')
    .option('--coverage-dir <dir>', 'folder for the coverage files (default coverage)')
    .option('--coverage-threshold <percent>', 'fail when action or branch coverage is below this percentage (implies --coverage)')
    .option('--force-errors', 'force each visited action with an error branch to fail and report runs that end stuck or failed')
    .option('--update', 'record the outcome of cases marked `record: true` as their expectations')
    .option('--workers <n>', 'threads running cases (default: automatic; 1 runs everything in this thread)')
    .option('--shard <index/count>', 'run only part INDEX of COUNT of the cases (1/3, 2/3, 3/3 on three machines); merge coverage with `coverage merge`')
    .option('--watch', 'run again when a test file, script, tenant or stub changes, only the cases it affects');
  limitOptions(command, "of every case, over its own and its file's")
    .action(async (paths: string[], opts: TestOptions) => {
      process.exitCode = await runTestCommand(paths, opts);
    });
}

/** Every setting of one `test` invocation, options over configuration over defaults. */
interface Plan {
  session: Omit<SessionOptions, 'paths' | 'onlyFiles'>;
  paths: string[];
  reporters: { name: string; file?: string; label: string; needsCoverage: boolean }[];
  coverageDir: string;
  threshold?: number;
  /** --coverage or the configuration asked for coverage files. */
  coverageRequested: boolean;
}

async function plan(args: string[], opts: TestOptions, loaded: LoadedConfig): Promise<Plan> {
  const { config, dir } = loaded;
  const given = commandLineLimits(opts);
  const t = config.test ?? {};
  const { REPORTERS } = await import('../testing/reporters/index.js');
  let names = opts.reporter ?? t.reporters ?? ['pretty'];
  if (opts.json) {
    if (opts.reporter && opts.reporter.some((r) => r !== 'json' && r !== 'pretty')) throw new UsageError(`--json and --reporter ${opts.reporter.join(', ')} cannot be combined`);
    names = ['json'];
  }
  for (const n of names) if (!REPORTERS[n]) throw new UsageError(`unknown reporter "${shown(n)}" (expected ${Object.keys(REPORTERS).join(', ')})`);
  names = [...new Set(names)];
  // -o (or a single outputFile) belongs to the one reporter that is not the terminal's pretty one.
  const files = typeof t.outputFile === 'object' ? { ...t.outputFile } : {};
  const single = opts.output !== undefined ? resolve(opts.output) : typeof t.outputFile === 'string' ? t.outputFile : undefined;
  if (single !== undefined) {
    const target = names.length === 1 ? names[0]! : names.filter((n) => n !== 'pretty').length === 1 ? names.find((n) => n !== 'pretty')! : undefined;
    if (target === undefined) throw new UsageError(`-o names one file but ${names.length} reporters write reports; give each its file with test.outputFile in the configuration`);
    files[target] = single;
  }
  const reporters = await Promise.all(
    names.map(async (name) => {
      const def = await REPORTERS[name]!();
      const file = files[name] ?? (def.defaultFile !== undefined ? resolve(loaded.file ? dir : '.', def.defaultFile) : undefined);
      return { name, ...(file !== undefined ? { file } : {}), label: def.writtenLabel ?? `Report (${name})`, needsCoverage: def.needsCoverage === true };
    }),
  );
  const toStdout = reporters.filter((r) => r.file === undefined);
  if (toStdout.length > 1) throw new UsageError(`reporters ${toStdout.map((r) => r.name).join(' and ')} would both print on stdout; give one an output file (-o, or test.outputFile)`);
  const threshold = parseThreshold(opts.coverageThreshold ?? t.coverage?.threshold);
  const paths = args.length > 0 ? await expandGlobs(args) : t.include ? await globFiles(t.include, t.exclude ?? [], dir) : [loaded.file ? dir : '.'];
  if (paths.length === 0) throw new UsageError(`test.include of ${displayPath(loaded.file!)} matches no files`);
  const defaults = {
    // The configuration's folder is the project: its test files may name paths anywhere in it.
    ...(loaded.file ? { root: dir } : {}),
    ...(config.scripts !== undefined ? { scripts: config.scripts } : {}),
    ...(config.tenant !== undefined ? { tenant: config.tenant } : {}),
    ...(config.now !== undefined ? { now: config.now } : {}),
    ...(config.seed !== undefined ? { seed: config.seed } : {}),
    ...(config.limits !== undefined ? { limits: config.limits } : {}),
    ...(Object.keys(given).length > 0 ? { commandLimits: given } : {}),
  };
  const shard = parseShard(opts.shard);
  return {
    session: {
      coverage: (opts.coverage ?? (t.coverage?.enabled === true || threshold !== undefined)) || reporters.some((r) => r.needsCoverage),
      forceErrors: opts.forceErrors ?? t.forceErrors ?? false,
      update: opts.update === true,
      workers: parseWorkers(opts.workers ?? t.workers),
      defaults,
      ...(shard ? { shard } : {}),
    },
    paths,
    reporters,
    coverageDir: opts.coverageDir ?? t.coverage?.dir ?? 'coverage',
    coverageRequested: opts.coverage ?? (t.coverage?.enabled === true || threshold !== undefined),
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

async function runTestCommand(args: string[], opts: TestOptions): Promise<number> {
  const p = await plan(args, opts, await projectConfig());
  if (!opts.watch) return runAndReport(p);
  if (jsonMode()) throw new UsageError('test: --watch prints a report per change; it cannot be combined with --json');
  const { watchAndRerun } = await import('./watch.js');
  let last: SessionResult | undefined;
  const inputs = (): string[] => [...p.paths, ...(last?.inputs ?? []).flatMap((i) => [i.scripts, ...(i.tenant ? [i.tenant] : [])])];
  await watchAndRerun({
    paths: inputs,
    what: 'test',
    run: async (changed) => {
      const only = changed && last ? affected(changed, last) : undefined;
      if (only && only.size === 0) {
        process.stderr.write('no test file uses the changed files\n');
        return EXIT.ok;
      }
      return runAndReport(p, only, (s) => (last = only ? last : s));
    },
  });
  return EXIT.ok;
}

/** Test files a change touches: the file itself, or one whose scripts folder or tenant changed. Undefined: run everything (a new file). */
function affected(changed: ReadonlySet<string>, last: SessionResult): Set<string> | undefined {
  const out = new Set<string>();
  const inside = (file: string, folder: string): boolean => resolve(file).startsWith(resolve(folder) + sep);
  for (const f of changed) {
    const abs = resolve(f);
    if (/\.test\.ya?ml$/i.test(abs) && !last.files.includes(abs)) return undefined;
    for (const i of last.inputs ?? []) if (abs === i.file || abs === i.tenant || inside(abs, i.scripts)) out.add(i.file);
  }
  return out;
}

async function runAndReport(p: Plan, onlyFiles?: Set<string>, seen?: (s: SessionResult) => void): Promise<number> {
  const { runSession } = await import('../testing/session.js');
  const { REPORTERS } = await import('../testing/reporters/index.js');
  const session = await runSession({ ...p.session, paths: p.paths, ...(onlyFiles ? { onlyFiles } : {}) });
  seen?.(session);
  if (session.diagnostics.length > 0) {
    printDiagnostics(session.diagnostics, { json: p.reporters.some((r) => r.name === 'json' && r.file === undefined) || jsonMode(), sources: session.sources });
    return EXIT.invalid;
  }
  let failed = session.cases.some((c) => c.status === 'failed') || (session.forcedErrors?.findings.length ?? 0) > 0;
  let written: { lcov: string; json: string } | undefined;
  if (session.coverage && p.coverageRequested) {
    const { writeCoverage } = await import('../testing/coverage-report.js');
    const report = session.coverage;
    written = writeOrExplain(p.coverageDir, () => writeCoverage(resolve(p.coverageDir), report, session.coverageGraphs ?? []));
    if (p.threshold !== undefined) {
      session.coverageThreshold = { threshold: p.threshold, missed: thresholdMisses(report.summary, p.threshold) };
      if (session.coverageThreshold.missed.length > 0) failed = true;
    }
  }
  // The table shows when coverage was asked for, not when only a reporter needed it.
  const coverage = session.coverage !== undefined && (p.threshold !== undefined || p.coverageRequested);
  let stdoutUsed = false;
  for (const r of p.reporters) {
    const def = await REPORTERS[r.name]!();
    const text = await def.render(session, { color: r.file === undefined && colorEnabled('stdout'), coverage });
    if (r.file !== undefined) writeOutput(r.file, text);
    else (process.stdout.write(text), (stdoutUsed = true));
  }
  // A report written to a file still leaves a readable log on the terminal (CI logs).
  if (!stdoutUsed && !jsonMode()) {
    const def = await REPORTERS.pretty!();
    process.stdout.write(await def.render(session, { color: colorEnabled('stdout'), coverage }));
    for (const r of p.reporters) process.stdout.write(`${r.label} written to ${displayPath(r.file!)}\n`);
  }
  const readable = p.reporters.some((r) => r.name === 'pretty') || !stdoutUsed;
  if (written && readable && !jsonMode()) process.stdout.write(`Coverage written to ${displayPath(written.lcov)} and ${displayPath(written.json)}\n`);
  const missed = session.coverageThreshold?.missed ?? [];
  if (missed.length > 0 && !jsonMode()) process.stderr.write(`studio-script: ${missed.join(' and ')} below the threshold of ${p.threshold}%\n`);
  return failed ? EXIT.failed : EXIT.ok;
}
