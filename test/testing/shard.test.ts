// `test --shard i/n` splits the cases the same way on every machine, and the
// coverage files of the shards merge into the coverage of one whole run.
// Also: file-level stubs reported once per file, a missed threshold as a
// failure in JUnit and JSON.
import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shardSlice } from '../../src/testing/session.js';
import { runCli } from '../cli/run-cli.js';

const project = join(import.meta.dirname, 'fixtures', 'project');

describe('shardSlice', () => {
  it('cuts a list into consecutive parts that cover it once, sizes within one of each other', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (items, count) => {
        const parts = Array.from({ length: count }, (_, i) => shardSlice(items, { index: i + 1, count }));
        expect(parts.flat()).toEqual(items);
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // The same input gives the same split.
        expect(shardSlice(items, { index: 1, count })).toEqual(parts[0]);
      }),
    );
  });
});

describe('test --shard and coverage merge', () => {
  const out = mkdtempSync(join(tmpdir(), 'shard-'));
  const json = async (args: string[]) => {
    const r = await runCli(['test', project, '--json', '--workers', '1', ...args]);
    return JSON.parse(r.out) as { cases: { file: string; name: string }[] };
  };

  it('runs every case in exactly one shard, whatever the number of shards', async () => {
    const all = (await json([])).cases.map((c) => `${c.file} ${c.name}`);
    for (const count of [2, 3]) {
      const shards: string[][] = [];
      for (let i = 1; i <= count; i++) shards.push((await json(['--shard', `${i}/${count}`])).cases.map((c) => `${c.file} ${c.name}`));
      expect(shards.flat()).toEqual(all);
      // Deterministic: the same shard twice is the same cases.
      expect((await json(['--shard', `1/${count}`])).cases.map((c) => `${c.file} ${c.name}`)).toEqual(shards[0]);
    }
  });

  it('merges the coverage of the shards into the coverage of the whole run', async () => {
    await runCli(['test', project, '--coverage', '--coverage-dir', join(out, 'whole'), '--workers', '1']);
    await runCli(['test', project, '--coverage', '--coverage-dir', join(out, 's1'), '--shard', '1/2', '--workers', '1']);
    await runCli(['test', project, '--coverage', '--coverage-dir', join(out, 's2'), '--shard', '2/2', '--workers', '1']);
    const merged = await runCli(['coverage', 'merge', join(out, 's*', 'coverage.json'), '--coverage-dir', join(out, 'merged')]);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain('Merged 2 coverage file(s)');
    const read = (dir: string, file: string) => readFileSync(join(out, dir, file), 'utf8');
    expect(JSON.parse(read('merged', 'coverage.json'))).toEqual(JSON.parse(read('whole', 'coverage.json')));
    expect(read('merged', 'lcov.info')).toBe(read('whole', 'lcov.info'));
    // One shard alone covers less than the whole.
    expect(JSON.parse(read('s1', 'coverage.json')).summary).not.toEqual(JSON.parse(read('whole', 'coverage.json')).summary);
    const low = await runCli(['coverage', 'merge', join(out, 's1', 'coverage.json'), '--coverage-dir', join(out, 'm1'), '--coverage-threshold', '100']);
    expect(low.code).toBe(1);
    expect(low.err).toMatch(/below the threshold of 100%/);
  });

  it('rejects a shard that is not INDEX/COUNT', async () => {
    for (const bad of ['0/2', '3/2', 'half', '1/0']) {
      const r = await runCli(['test', project, '--shard', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--shard must be INDEX/COUNT');
    }
  });
});

describe('reporting', () => {
  it('reports a file-level stub that no case used once for the file, not once per case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'file-stubs-'));
    // A test file names paths inside its project only: the scripts are copied beside it.
    cpSync(project, join(dir, 'project'), { recursive: true });
    const file = join(dir, 'stubs.test.yaml');
    writeFileSync(
      file,
      `scripts: project\nstubs:\n  - match: { action: GETQUEUE }\n    return: { outputs: { NumberQueued: 50 } }\n  - match: { http: "GET https://never.example.com/" }\n    body: {}\ncases:\n` +
        ['one', 'two', 'three'].map((n) => `  - name: ${n}\n    script: Main\n    vars: { skillNo: 1234 }\n`).join(''),
    );
    const r = await runCli(['test', file, '--workers', '1']);
    expect(r.out.match(/was used by no case of this file/g)).toHaveLength(1);
    expect(r.out).toContain('stub stubs[1] (GET https://never.example.com/) was used by no case of this file');
    expect(r.out).not.toContain('never matched');
    const j = JSON.parse((await runCli(['test', file, '--json', '--workers', '1'])).out);
    expect(j.unusedFileStubs).toEqual([expect.objectContaining({ id: 'stubs[1]', line: 5 })]);
    expect(j.cases.every((c: { unmatchedStubs: unknown[] }) => c.unmatchedStubs.length === 0)).toBe(true);
  });

  it('records a missed coverage threshold as a failure in JUnit and JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threshold-'));
    const junit = join(dir, 'junit.xml');
    const r = await runCli(['test', project, '--reporter', 'junit', '-o', junit, '--coverage-threshold', '100', '--coverage-dir', join(dir, 'cov'), '--workers', '1']);
    expect(r.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="studio-script" tests="\d+" failures="1"/);
    expect(xml).toContain('<failure message="coverage below the threshold of 100%: branch coverage');
    const j = await runCli(['test', project, '--json', '--coverage-threshold', '100', '--coverage-dir', join(dir, 'cov'), '--workers', '1']);
    expect(JSON.parse(j.out).coverageThreshold).toMatchObject({ threshold: 100, passed: false });
    const ok = await runCli(['test', project, '--reporter', 'junit', '-o', junit, '--coverage-threshold', '10', '--coverage-dir', join(dir, 'cov'), '--workers', '1']);
    expect(ok.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="studio-script" tests="\d+" failures="0"/);
  });
});
