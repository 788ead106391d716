// Random but schema-shaped test files through the whole pipeline — load,
// check against the scripts, run, check expectations, report — never throw:
// every outcome is a diagnostic or a case result.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkAgainstScripts } from '../../src/testing/check-scripts.js';
import { loadTestFile } from '../../src/testing/load.js';
import { loadProject } from '../../src/testing/project.js';
import { runCase } from '../../src/testing/run-case.js';
import { junitReport } from '../../src/testing/reporters/junit.js';
import { prettyReport } from '../../src/testing/reporters/pretty.js';

const folder = join(import.meta.dirname, 'fixtures', 'project');
/** Mostly valid choices, sometimes not: the runs must be reached, and the checks exercised too. */
const mostly = <T,>(valid: readonly T[], invalid: readonly T[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 12 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
const label = mostly(['Main.start', 'Main.readQueue', 'Main.low', 'Main.fetch', 'Main.topUp', 'Main.done', 'Sub.count', 'Poller.poll', 'low'], ['Main.nope', 'x.y.z']);
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 50 }), fc.boolean(), fc.constant(null));
const answer = fc.oneof(
  fc.record({ return: fc.record({ branch: mostly(['Default', 'OnError', 'default'], ['Maybe']), outputs: fc.dictionary(mostly(['NumberQueued'], ['x']), scalar, { maxKeys: 1 }) }, { requiredKeys: [] }) }),
  fc.record({ error: fc.string({ maxLength: 8 }) }),
);

const stub = fc.oneof(
  fc.tuple(fc.record({ action: mostly(['GETQUEUE', 'REST API', 'RUNSUB'], ['NOPE', 'IF']) }), answer, fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined })).map(([match, a, times]) => ({ match, ...a, ...(times ? { times } : {}) })),
  fc.tuple(fc.record({ label: mostly(['Main.readQueue', 'Main.fetch', 'Main.topUp', 'Poller.poll'], ['Main.low', 'Main.nope']) }), answer).map(([match, a]) => ({ match, ...a })),
  fc.record({ match: fc.record({ http: mostly(['GET https://crm.example.com/leads', 'POST https://x.example.com/'], ['GET nope']) }), status: fc.constantFrom(200, 404, 500), body: scalar }),
);
const expectation = fc.record(
  {
    status: fc.constantFrom('completed', 'stuck', 'stopped', 'failed'),
    visits: fc.array(label, { maxLength: 4 }),
    neverVisits: fc.array(label, { maxLength: 2 }),
    branches: fc.dictionary(mostly(['Main.low', 'Main.fetch', 'Poller.poll'], ['Main.nope']), mostly(['Default', 'OnError', 'True', 'False'], ['Maybe']), { maxKeys: 2 }),
    variables: fc.dictionary(fc.constantFrom('created', 'numberqueued', 'total'), scalar, { maxKeys: 2 }),
    effects: fc.dictionary(fc.constantFrom('http', 'prospects'), fc.integer({ min: 0, max: 3 }), { maxKeys: 2 }),
    trace: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
    lastError: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: [] },
);
const testCase = fc.record(
  {
    script: mostly(['Main', 'Sub', 'Poller'], ['Nope']),
    vars: fc.dictionary(fc.constantFrom('skillNo', 'x'), scalar, { maxKeys: 2 }),
    until: mostly(['1m', '2h', 30], ['soon']),
    maxActions: fc.integer({ min: 1, max: 200 }),
    stubs: fc.array(stub, { maxLength: 3 }),
    expect: expectation,
  },
  { requiredKeys: ['script'] },
);

describe('the test pipeline on random test files', () => {
  it('ends in diagnostics or case results, never an exception', async () => {
    const project = await loadProject(folder);
    const graphs = new Map(project.graphs.map((g) => [g.name.toLowerCase(), g]));
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(testCase, { minLength: 1, maxLength: 3 }), async (cases) => {
        const loaded = loadTestFile(join(folder, 'random.test.yaml'), { text: stringify({ cases: cases.map((c, i) => ({ name: `case ${i}`, ...c })) }) });
        if (!loaded.testFile) return void expect(loaded.diagnostics.length).toBeGreaterThan(0);
        const problems = checkAgainstScripts(loaded.testFile, { graphs, registry: project.registry });
        if (problems.length > 0) return void expect(problems.every((d) => d.span.line >= 1)).toBe(true);
        const results = [];
        for (const tc of loaded.testFile.cases) results.push(await runCase(project, loaded.testFile, tc));
        ran += results.length;
        expect(results.every((r) => (r.status === 'passed') === (r.failures.length === 0))).toBe(true);
        const session = { files: [loaded.testFile.file], cases: results, diagnostics: [], sources: new Map(), updated: [], ms: 1 };
        expect(prettyReport(session)).toContain('Tests:');
        expect(junitReport(session)).toContain('</testsuites>');
      }),
      { numRuns: 150 },
    );
    // The generator is meant to reach the runs, not only the loader's checks.
    expect(ran).toBeGreaterThan(20);
  }, 120_000);
});
