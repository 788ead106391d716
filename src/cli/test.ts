// `studio-script test [files or folders]`: runs `*.test.yaml` files and
// reports with the pretty, junit, json or html reporter; writes coverage files with
// --coverage; exit 0 all passed, 1 a test failed / error path found /
// threshold missed, 2 invalid test, stub or script files.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT, printDiagnostics, UsageError, writeOrExplain, writeOutput } from './io.js';
import { colorEnabled, displayPath } from './output.js';

interface TestOptions {
  reporter: string;
  json?: boolean;
  output?: string;
  coverage?: boolean;
  coverageDir: string;
  coverageThreshold?: string;
  forceErrors?: boolean;
  update?: boolean;
  workers?: string;
}

const REPORTERS = ['pretty', 'junit', 'json', 'html'];
/** Where `--reporter html` writes without `-o` (after Playwright's `playwright-report/index.html`). */
const HTML_REPORT = 'test-report/index.html';

export function register(program: Command): void {
  program
    .command('test')
    .description('run script tests (*.test.yaml): stubs, expectations, coverage and the error-path sweep')
    .argument('[paths...]', 'test files or folders (default: the current folder)')
    .option('--reporter <name>', `pretty, junit, json or html (one self-contained page, written to ${HTML_REPORT} unless -o names a file)`, 'pretty')
    .option('--json', 'the same as --reporter json (diagnostics too, as every command prints them with --json)')
    .option('-o, --output <file>', 'write the report to a file; the terminal still gets the readable report')
    .option('--coverage', 'collect action and branch coverage; write coverage/lcov.info and coverage/coverage.json')
    .option('--coverage-dir <dir>', 'folder for the coverage files', 'coverage')
    .option('--coverage-threshold <percent>', 'fail when action or branch coverage is below this percentage (implies --coverage)')
    .option('--force-errors', 'force each visited action with an error branch to fail and report runs that end stuck or failed')
    .option('--update', 'record the outcome of cases marked `record: true` as their expectations')
    .option('--workers <n>', 'threads running cases (default: automatic; 1 runs everything in this thread)')
    .action(async (paths: string[], opts: TestOptions) => {
      process.exitCode = await runTestCommand(paths, opts);
    });
}

async function runTestCommand(paths: string[], opts: TestOptions): Promise<number> {
  if (opts.json) {
    if (opts.reporter !== 'pretty' && opts.reporter !== 'json') throw new UsageError(`--json and --reporter ${opts.reporter} cannot be combined`);
    opts.reporter = 'json';
  }
  if (!REPORTERS.includes(opts.reporter)) throw new UsageError(`unknown reporter "${opts.reporter}" (expected ${REPORTERS.join(', ')})`);
  let threshold: number | undefined;
  if (opts.coverageThreshold !== undefined) {
    threshold = Number(opts.coverageThreshold.replace(/%$/, ''));
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100)
      throw new UsageError(`--coverage-threshold must be a percentage between 0 and 100 (got "${opts.coverageThreshold}")`);
  }
  let workers: number | 'auto' = 'auto';
  if (opts.workers !== undefined) {
    workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number ≥ 1 (got "${opts.workers}")`);
  }
  const coverage = opts.coverage === true || threshold !== undefined;
  const { runSession } = await import('../testing/session.js');
  const session = await runSession({
    paths,
    // The HTML report draws coverage on every script's graph, so it always collects it.
    coverage: coverage || opts.reporter === 'html',
    forceErrors: opts.forceErrors === true,
    update: opts.update === true,
    workers,
  });
  const rel = (f: string): string => displayPath(f);
  if (session.diagnostics.length > 0) {
    printDiagnostics(session.diagnostics, { json: opts.reporter === 'json', sources: session.sources });
    return EXIT.invalid;
  }
  const pretty = async (color: boolean): Promise<string> => (await import('../testing/reporters/pretty.js')).prettyReport(session, { color, coverage });
  const terminalColor = colorEnabled('stdout');
  let report: string;
  if (opts.reporter === 'html') {
    opts.output ??= HTML_REPORT;
    report = await (await import('../testing/reporters/html.js')).htmlReport(session);
  } else if (opts.reporter === 'junit') report = (await import('../testing/reporters/junit.js')).junitReport(session);
  else if (opts.reporter === 'json') report = (await import('../testing/reporters/json.js')).jsonReport(session);
  else report = await pretty(terminalColor && !opts.output);
  if (opts.output) {
    writeOutput(opts.output, report);
    // A report written to a file still leaves a readable log on the terminal (CI logs).
    if (opts.reporter === 'pretty') process.stdout.write(`Report written to ${opts.output}\n`);
    else process.stdout.write((await pretty(terminalColor)) + (opts.reporter === 'html' ? `HTML report written to ${rel(resolve(opts.output))}\n` : ''));
  } else process.stdout.write(report);

  let failed = session.cases.some((c) => c.status === 'failed') || (session.forcedErrors?.findings.length ?? 0) > 0;
  if (coverage && session.coverage) {
    const { writeCoverage } = await import('../testing/coverage-report.js');
    const report = session.coverage;
    const written = writeOrExplain(opts.coverageDir, () => writeCoverage(resolve(opts.coverageDir), report, session.coverageGraphs ?? []));
    if (opts.reporter === 'pretty' || opts.output) process.stdout.write(`Coverage written to ${rel(written.lcov)} and ${rel(written.json)}\n`);
    if (threshold !== undefined) {
      const { actions, branches } = session.coverage.summary;
      const missed = [actions.pct < threshold ? `action coverage ${actions.pct}%` : '', branches.pct < threshold ? `branch coverage ${branches.pct}%` : ''].filter(Boolean);
      if (missed.length > 0) {
        process.stderr.write(`studio-script: ${missed.join(' and ')} below the threshold of ${threshold}%\n`);
        failed = true;
      }
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}
