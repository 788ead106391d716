// The project's own example scripts, tested through the script test runner
// exactly as `studio-script test scripts-examples` would: every case passes,
// every example script is exercised by some case, and the coverage table is
// printed with the results.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSession } from '../src/testing/session.js';
import { coverageTable } from '../src/testing/coverage-report.js';
import { formatDiagnosticLine } from '../src/contract/diagnostics.js';

const examples = join(import.meta.dirname, '..', 'scripts-examples');

describe('scripts-examples through studio-script test', async () => {
  const session = await runSession({ paths: [examples], coverage: true });
  if (session.coverage) process.stdout.write(`\nCoverage of scripts-examples:\n${coverageTable(session.coverage, { maxMissing: 3 })}`);

  it('loads every test file without diagnostics', () => {
    expect(session.diagnostics.map(formatDiagnosticLine)).toEqual([]);
  });

  for (const c of session.cases) {
    it(`${c.file.slice(examples.length + 1)}: ${c.name}`, () => {
      expect(c.failures.map((f) => f.message), c.run ? `path: ${c.run.path.join(' → ')}` : undefined).toEqual([]);
      expect(c.status).not.toBe('failed');
    });
  }

  it('exercises every example script, each from a test file beside it', () => {
    const files = readdirSync(examples);
    const scripts = files.filter((f) => f.endsWith('.script'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((f) => !files.includes(f.replace(/\.script$/, '.test.yaml'))), 'scripts without a <name>.test.yaml').toEqual([]);
    const untested = Object.entries(session.coverage?.scripts ?? {})
      .filter(([, cov]) => cov.summary.actions.covered === 0)
      .map(([name]) => name);
    expect(untested, 'scripts no test case runs (add a *.test.yaml)').toEqual([]);
  });
});
