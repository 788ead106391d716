import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/output.js';
import { runCli } from './run-cli.js';

const MESSY = 'script F\nstart:BEGIN->e\ne:END';
const CANONICAL = 'script F\n\nstart: BEGIN -> e\n\ne: END\n';

function file(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'fmt-')), 'F.script');
  writeFileSync(f, text);
  return f;
}

describe('studio-script fmt', () => {
  it('prints the canonical form', async () => {
    const r = await runCli(['fmt', file(MESSY)]);
    expect(r).toMatchObject({ code: 0, out: CANONICAL });
  });

  it('--check lists unformatted files and exits 1, 0 when formatted', async () => {
    const messy = file(MESSY);
    expect(await runCli(['fmt', '--check', messy])).toMatchObject({ code: 1, out: `${displayPath(messy)}\n` });
    expect(await runCli(['fmt', '--check', file(CANONICAL)])).toMatchObject({ code: 0, out: '' });
  });

  it('--write rewrites files in place', async () => {
    const f = file(MESSY);
    expect((await runCli(['fmt', '--write', f])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(CANONICAL);
  });

  it('exits 2 for a file that does not parse, and leaves it alone', async () => {
    const f = file('script F\nstart: BEGIN {');
    const r = await runCli(['fmt', '--write', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E-PARSE-EOF');
    expect(readFileSync(f, 'utf8')).toBe('script F\nstart: BEGIN {');
  });

  it('refuses --check with --write', async () => {
    expect((await runCli(['fmt', '--check', '--write', file(MESSY)])).code).toBe(2);
  });
});
