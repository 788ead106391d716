// Every action file is registered, and every built-in action comes with its
// table test (docs/architecture.md "An action"): a `describe` block titled with
// the action's name (`GETQUEUE`, `CREATEPROSPECTS v2 result codes`) in a test
// file under test/. Its reference entry (descriptions, source, the generated
// page) is checked by test/actions/reference.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../src/actions/all.js';
import { actionTypeName } from '../../src/actions/registry.js';

const TEST_ROOT = join(import.meta.dirname, '..');
const ACTIONS = join(import.meta.dirname, '../../src/actions');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** The titles of every `describe` block of the test suite. */
const titles = testFiles(TEST_ROOT).flatMap((f) =>
  [...readFileSync(f, 'utf8').matchAll(/\bdescribe(?:\.\w+)*\(\s*(['"`])(.+?)\1/g)].map((m) => m[2]!),
);

const hasTable = (name: string): boolean => titles.some((t) => t === name || t.startsWith(`${name} `));

/** A default export that looks like a defineAction result. */
const isAction = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && typeof (v as { execute?: unknown }).execute === 'function';

describe('every built-in action', () => {
  it('is registered: each action file of src/actions/ has its line in a family file (src/actions/families/)', async () => {
    const files = readdirSync(ACTIONS).filter((f) => f.endsWith('.ts'));
    const unregistered: string[] = [];
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(ACTIONS, f)).href)) as { default?: unknown };
      if (isAction(mod.default) && !BUILTIN_ACTIONS.includes(mod.default as (typeof BUILTIN_ACTIONS)[number])) unregistered.push(f);
    }
    expect(unregistered, "add `export { default as name } from '../<file>.js';` to its family's file").toEqual([]);
  });

  it('has a table test: a describe block titled with its name', () => {
    const missing = BUILTIN_ACTIONS.map(actionTypeName).filter((name) => !hasTable(name));
    expect(missing, "add `describe('<NAME>', …)` with a row per behaviour under test/actions/<family>/").toEqual([]);
  });

  it('declares its branches (none only for actions that end or leave the script, or end, hand off or park the call)', () => {
    const ends = (d: (typeof BUILTIN_ACTIONS)[number]) => ['END', 'RETURN', 'EXIT', 'HANGUP', 'STOP', 'BLINDXFER'].includes(d.type);
    expect(BUILTIN_ACTIONS.filter((d) => d.branches.length === 0 && !ends(d)).map(actionTypeName)).toEqual([]);
  });
});
