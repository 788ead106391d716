// Every temporary file of a test run goes under one folder that is removed
// when the run ends. Tests (and the CLI processes they start) take their
// folders from os.tmpdir(), which reads TMPDIR: pointing it at a fresh folder
// here means no test file has to clean up after itself, and a run that is
// killed leaves one folder behind, not hundreds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'studio-script-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
