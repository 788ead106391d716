// `--update`: writes the recorded outcome of each `record: true` case back
// into its test file as that case's `expect`, keeping the rest of the file
// (comments, order, formatting of other entries) as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import type { CaseResult } from './results.js';

/** Rewrites every file that has recorded cases; returns the files written and files that could not be. */
export function writeRecorded(results: readonly CaseResult[]): { written: string[]; problems: Diagnostic[] } {
  const byFile = new Map<string, CaseResult[]>();
  for (const r of results) if (r.recorded) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const written: string[] = [];
  const problems: Diagnostic[] = [];
  for (const [file, cases] of byFile) {
    try {
      const text = readFileSync(file, 'utf8');
      const doc = parseDocument(text);
      for (const r of cases) doc.setIn(['cases', r.index, 'expect'], doc.createNode(r.recorded));
      const next = doc.toString({ lineWidth: 0 });
      if (next === text) continue;
      writeFileSync(file, next);
      written.push(file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      problems.push(diagnostic('E-TEST-UPDATE', `cannot update the test file: ${e.code === 'EACCES' ? 'permission denied' : e.message}`, { file, line: 1, col: 1 }));
    }
  }
  return { written, problems };
}
