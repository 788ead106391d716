// `studio-script coverage merge <coverage.json files or globs>`: adds up the
// coverage of several test runs (the shards of `test --shard i/n` on several
// CI machines) into one coverage.json and lcov.info, prints the table, and
// checks a threshold on the merged figures.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, UsageError, writeOrExplain } from './io.js';
import { displayPath, jsonMode, printJson } from './output.js';
import { expandGlobs } from './paths.js';
import { parseThreshold, thresholdMisses } from './test-options.js';

interface MergeOptions {
  coverageDir: string;
  coverageThreshold?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const coverage = program.command('coverage').description('work with coverage files of `studio-script test --coverage`');
  coverage
    .command('merge')
    .description('merge coverage.json files (one per shard) into one coverage.json and lcov.info')
    .argument('<files...>', 'coverage.json files or globs (shards/*/coverage.json)')
    .option('--coverage-dir <dir>', 'folder for the merged coverage.json and lcov.info (created as needed)', 'coverage')
    .option('--coverage-threshold <percent>', 'exit 1 when merged action or branch coverage is below this percentage')
    .option('--json', 'print the merged summary as JSON on stdout')
    .action(async (args: string[], opts: MergeOptions) => {
      const threshold = parseThreshold(opts.coverageThreshold);
      const files = await expandGlobs(args);
      const [{ mergeCoverage }, { coverageProblem }, { writeCoverage, coverageTable }, { loadScriptText }] = await Promise.all([
        import('../testing/coverage.js'),
        import('../graph/render/index.js'),
        import('../testing/coverage-report.js'),
        import('../graph/load.js'),
      ]);
      const reports = files.map((file) => {
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(file, 'utf8'));
        } catch (err) {
          throw new UsageError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
        }
        const why = coverageProblem(data);
        if (why) throw new UsageError(`${file}: not a coverage file: ${why}`);
        return data as import('../testing/coverage.js').CoverageReport;
      });
      const merged = mergeCoverage(reports);
      // lcov needs each action's line: the scripts are read again from where the reports say they are.
      const graphs = Object.values(merged.scripts).flatMap((s) => {
        try {
          const loaded = loadScriptText(readFileSync(s.file, 'utf8'), s.file);
          return loaded.script ? [loaded.script.graph] : [];
        } catch {
          return [];
        }
      });
      const written = writeOrExplain(opts.coverageDir, () => writeCoverage(resolve(opts.coverageDir), merged, graphs));
      const missed = threshold === undefined ? [] : thresholdMisses(merged.summary, threshold);
      if (jsonMode()) printJson({ files: files.length, summary: merged.summary, written: { lcov: displayPath(written.lcov), json: displayPath(written.json) }, ...(threshold !== undefined ? { coverageThreshold: { threshold, missed, passed: missed.length === 0 } } : {}) });
      else {
        process.stdout.write(coverageTable(merged));
        process.stdout.write(`Merged ${files.length} coverage file(s) into ${opts.coverageDir}\n`);
        if (missed.length) process.stderr.write(`studio-script: ${missed.join(' and ')} below the threshold of ${threshold}%\n`);
      }
      process.exitCode = missed.length ? EXIT.failed : EXIT.ok;
    });
}
