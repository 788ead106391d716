// A full disk during a run stops the run: the action that could not write is
// not an error outcome of the script (no error branch, no _err), the message
// names the state file and says what was kept, and the state holds every
// action before it and nothing of that one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime/runtime.js';
import { SqliteTenantStore } from '../../src/tenant/sqlite-store.js';
import { scriptSet } from './helpers.js';

const SCRIPT = `script Fill
type Generic

start: BEGIN -> first

first: CREATESOURCE { Name = "First" } -> second

second: CREATESOURCE { Name = "Second" }
  Default -> done
  Error -> handled

handled: END "the script's own error path"

done: END
`;

describe('a full disk during a run', () => {
  it('stops the run with the state file named; the state keeps the actions before it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ss-full-')), 'state.db');
    const store = new SqliteTenantStore(file, 'UTC', 1);
    const scripts = scriptSet([SCRIPT]);
    const runtime = createRuntime({ scripts, tenant: store, now: '2026-01-05T09:00:00Z' });
    // The second source is written, then SQLite reports the disk full before the transaction commits (as it does when a page cannot be added).
    let writes = 0;
    const put = store.putSource.bind(store);
    store.putSource = (s) => {
      const id = put(s);
      if (++writes === 2) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return id;
    };
    const result = await runtime.run('Fill');
    expect(result.status).toBe('failed');
    expect(result.path).toEqual(['Fill.start', 'Fill.first', 'Fill.second']);
    expect(result.lastError).toContain(`state file ${file}: the disk is full: nothing of this change was written; the run stopped at Fill.second (CREATESOURCE)`);
    expect(result.lastError).toContain('Free some space and run again');
    expect(result.variables._err ?? '').toBe('');
    expect(store.sources().map((s) => s.name)).toEqual(['First']);
    store.close();
  });
});
