// RUNSUB, RUNSCRIPT, SPAWN and globals (runtime.md "Scripts calling scripts").
import { describe, expect, test } from 'vitest';
import { formatResult } from '../../src/cli/run.js';
import { UNTIL_REASON } from '../../src/runtime/result.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { NOW, run, scriptSet } from './helpers.js';

const caller = (params: string, returnVariable = 'got') => `script Main
start: BEGIN -> setup
setup: SNIPPET {
  secret = "caller only"
  global:shared = "from caller"
} -> call
call: RUNSUB { ScriptName = "Sub"  Parameters = [${params}]  ReturnVariable = ${returnVariable} }
  -> done
  OnError -> failed
done: END
failed: END
`;

describe('RUNSUB', () => {
  test('passes parameters, renames them in BEGIN, keeps extras as pX and hides the caller variables', async () => {
    const sub = `script Sub
start: BEGIN { Parameters = [first, second] } -> look
look: SNIPPET {
  sawSecret = secret
  sawShared = shared
  sawGlobal = global:shared
  extra = p3
  global:fromSub = first
} -> r
r: RETURN { ReturnValue = "{first}/{second}/{extra}/{sawSecret}/{sawShared}" }
`;
    const r = await run([caller('"a", 2, "c"'), sub], { keepTrace: true });
    expect(r.status).toBe('completed');
    expect(r.variables.got).toBe('a/2/c//from caller');
    // The subscript's variables are gone; its global is visible to the caller.
    expect(r.variables.first).toBeUndefined();
    expect(r.globals).toEqual({ shared: 'from caller', fromsub: 'a' });
    expect(r.path).toEqual(['Main.start', 'Main.setup', 'Main.call', 'Sub.start', 'Sub.look', 'Sub.r', 'Main.done']);
    const calls = r.trace!.filter((e) => e.type === 'script.call' || e.type === 'script.return').map((e) => e.type);
    expect(calls).toEqual(['script.call', 'script.return']);
    const exit = r.trace!.find((e) => e.type === 'action.exit' && e.label === 'call');
    expect(exit).toMatchObject({ branch: 'Default' });
  });

  test.each([
    ['a number', '42', 42],
    ['text', '"hello"', 'hello'],
    ['a DDO', 'obj', { name: 'Ada', items: [{ id: 1 }, { id: 2 }] }],
    ['empty text', '""', ''],
    ['a boolean', 'yes', true],
    ['an array', 'obj.items', [{ id: 1 }, { id: 2 }]],
    ['a substituted text', '"{obj.name} has {obj.items.count()} items"', 'Ada has 2 items'],
    ['nothing (no ReturnValue)', '', ''],
  ])('RETURN hands back %s with its type', async (_what, expr, expected) => {
    const sub = `script Sub
start: BEGIN -> make
make: SNIPPET {
  DYNAMIC obj
  obj.name = "Ada"
  obj.items[1].id = 1
  obj.items[2].id = 2
  yes = true
} -> r
r: RETURN ${expr === '' ? '' : `{ ReturnValue = ${expr} }`}
`;
    const r = await run([caller(''), sub]);
    expect(r.variables.got).toEqual(expected);
  });

  test('RETURN hands back a date (shown as ISO-8601 in results)', async () => {
    const sub = `script Sub
start: BEGIN -> make
make: SNIPPET {
  when = #"2026-12-24 18:30"
} -> r
r: RETURN { ReturnValue = when }
`;
    const r = await run([caller(''), sub]);
    expect(r.variables.got).toBe('2026-12-24T18:30:00.000Z');
  });

  test('a subscript that ends without RETURN is an error outcome of the RUNSUB', async () => {
    const sub = `script Sub
start: BEGIN -> a
a: ASSIGN { Variable = x  Value = "1" }
`;
    const r = await run([caller('1'), sub]);
    expect(r.path.at(-1)).toBe('Main.failed');
    expect(r.lastError).toContain('without RETURN');
  });

  test('END inside a subscript ends the whole run', async () => {
    const sub = `script Sub
start: BEGIN -> stop
stop: END
`;
    const r = await run([caller('1'), sub]);
    expect(r.status).toBe('completed');
    expect(r.path).toEqual(['Main.start', 'Main.setup', 'Main.call', 'Sub.start', 'Sub.stop']);
  });

  test('an unknown script is an error outcome naming it', async () => {
    const main = caller('1').replace('"Sub"', '"Missing"');
    const r = await run([main]);
    expect(r.path.at(-1)).toBe('Main.failed');
    expect(r.lastError).toContain('Script "Missing" not found');
  });

  test('a script name with a path is refused (scripts resolve only inside the folder)', async () => {
    const main = caller('1').replace('"Sub"', '"../Sub"');
    const r = await run([main]);
    expect(r.lastError).toContain('only inside the script folder');
  });

  test('a subscript of another media type, named at run time, is an error outcome', async () => {
    const main = caller('1').replace('"Sub"', '"{target}"');
    const phone = `script PhoneSub
type Phone
start: BEGIN -> r
r: RETURN { ReturnValue = 1 }
`;
    const r = await run([main, phone], { vars: { target: 'PhoneSub' } });
    expect(r.path.at(-1)).toBe('Main.failed');
    expect(r.lastError).toBe('Script PhoneSub is a Phone script; RUNSUB needs the caller\'s media type (Generic)');
  });

  test('recursion deeper than maxCallDepth is an error outcome of the RUNSUB', async () => {
    const recursive = `script Main
start: BEGIN -> count
count: SNIPPET {
  global:depth = global:depth + 1
} -> again
again: RUNSUB { ScriptName = "Main" }
  -> done
  OnError -> tooDeep
done: RETURN { ReturnValue = 1 }
tooDeep: END
`;
    const r = await run([recursive], {}, { limits: { maxCallDepth: 5 } });
    expect(r.status).toBe('completed');
    expect(r.globals.depth).toBe(6);
    expect(r.lastError).toContain('maxCallDepth = 5');
  });

  test('an unrouted depth-limit error fails the run', async () => {
    const recursive = `script Main
start: BEGIN -> again
again: RUNSUB { ScriptName = "Main" }
  OnError -> again
`.replace('  OnError -> again\n', '');
    const r = await run([recursive + 'x: END\n'], {}, { limits: { maxCallDepth: 3 } });
    expect(r.status).toBe('failed');
    expect(r.lastError).toContain('maxCallDepth');
  });
});

describe('RUNSCRIPT', () => {
  test('continues in the other script with every variable, and never returns', async () => {
    const main = `script Main
start: BEGIN -> set
set: ASSIGN { Variable = greeting  Value = "hi" } -> go
go: RUNSCRIPT { ScriptName = "Next"  Parameters = ["x"] }
`;
    const next = `script Next
start: BEGIN -> use
use: ASSIGN { Variable = both  Value = "{greeting}-{p1}" } -> done
done: END
`;
    const r = await run([main, next]);
    expect(r.status).toBe('completed');
    expect(r.variables.both).toBe('hi-x');
    expect(r.path).toEqual(['Main.start', 'Main.set', 'Main.go', 'Next.start', 'Next.use', 'Next.done']);
  });
});

describe('SPAWN', () => {
  /** A spawned script that waits, then writes one TRACE line (and runs `extra` snippet code). */
  const tracingChild = (seconds: number, text: string, extra = '') => `script Child
start: BEGIN { Parameters = [word] } -> w
w: WAIT { Seconds = ${seconds} } -> mark
mark: SNIPPET {
  TRACE "${text}"
  ${extra}
} -> done
done: END
`;

  test('starts a new run that interleaves on the virtual clock; the caller continues at once', async () => {
    const main = `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Child"  Parameters = ["tick"] } -> w1
w1: WAIT { Seconds = 10 } -> mark
mark: SNIPPET {
  TRACE "parent at 10"
} -> w2
w2: WAIT { Seconds = 20 } -> done
done: END
`;
    const child = tracingChild(15, 'child {word} at 15', 'global:childran = 1');
    const r = await run([main, child], { keepTrace: true });
    expect(r.status).toBe('completed');
    expect(typeof r.variables.spawnid).toBe('string');
    expect(r.spawned).toHaveLength(1);
    expect(r.spawned![0]).toMatchObject({ script: 'Child', status: 'completed', contactId: r.variables.spawnid });
    const lines = r.trace!.filter((e) => e.type === 'trace').map((e) => [e.time.slice(11, 19), e.type === 'trace' ? e.text : '']);
    expect(lines).toEqual([
      ['09:00:10', 'parent at 10'],
      ['09:00:15', 'child tick at 15'],
    ]);
    // Globals are per run: the child's global is not the parent's.
    expect(r.globals.childran).toBeUndefined();
  });

  test('runs due at the same virtual time go in start order; each spawned run has its own id', async () => {
    const main = `script Main
start: BEGIN -> first
first: SPAWN { ScriptName = "Child"  Parameters = ["a"]  SpawnIdVariable = idA } -> second
second: SPAWN { ScriptName = "Child"  Parameters = ["b"]  SpawnIdVariable = idB } -> w
w: WAIT { Seconds = 10 } -> mark
mark: SNIPPET {
  TRACE "main {contactid}"
} -> done
done: END
`;
    const child = tracingChild(10, 'child {word} {contactid} {spawnid}');
    const r = await run([main, child], { keepTrace: true });
    const { ida: idA, idb: idB } = r.variables;
    const entry = r.trace![0]!.contactId;
    expect(new Set([entry, idA, idB]).size).toBe(3);
    const lines = r.trace!.filter((e) => e.type === 'trace').map((e) => (e.type === 'trace' ? `${e.time.slice(11, 19)} ${e.text}` : ''));
    expect(lines).toEqual([`09:00:10 main ${entry}`, `09:00:10 child a ${idA} ${idA}`, `09:00:10 child b ${idB} ${idB}`]);
    expect(r.spawned!.map((s) => s.contactId)).toEqual([idA, idB]);
  });

  test('a DDO parameter is an error outcome: spawned scripts receive text (asjson)', async () => {
    const main = `script Main
start: BEGIN -> make
make: SNIPPET {
  DYNAMIC lead
  lead.id = 7
  json = lead.asjson()
} -> asDdo
asDdo: SPAWN { ScriptName = "Child"  Parameters = [lead] }
  -> asJson
  OnError -> asJson
asJson: SPAWN { ScriptName = "Child"  Parameters = [json] } -> done
done: END
`;
    const r = await run([main, tracingChild(0, 'got {word}')], { keepTrace: true });
    expect(r.lastError).toBe('SPAWN Child: parameter p1 is a dynamic data object; pass it as JSON text (asjson()) and rebuild it in the spawned script');
    expect(r.spawned).toHaveLength(1);
    expect(r.trace!.filter((e) => e.type === 'trace').map((e) => (e.type === 'trace' ? e.text : ''))).toEqual(['got {"id":7}']);
  });

  test('StartDate schedules the spawned run later', async () => {
    const main = `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Child"  StartDate = "2026-11-21 10:00" } -> done
done: END
`;
    const child = `script Child
start: BEGIN -> note
note: SNIPPET {
  TRACE "started"
} -> done
done: END
`;
    const r = await run([main, child], { keepTrace: true });
    const started = r.trace!.find((e) => e.type === 'trace');
    expect(started?.time).toBe('2026-11-21T10:00:00.000Z');
  });

  test('a stopped spawned run says why, as the entry run does, in the result and in run\'s text', async () => {
    const main = `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Child" } -> w
w: WAIT { Seconds = 10 } -> done
done: END
`;
    const child = tracingChild(3600, 'late');
    const atUntil = await run([main, child], { until: '1m' });
    expect(atUntil.status).toBe('completed');
    expect(atUntil.reason).toBeUndefined();
    expect(atUntil.spawned![0]).toMatchObject({ script: 'Child', status: 'stopped', reason: UNTIL_REASON });
    // The until time goes without saying (the times show it).
    expect(formatResult(atUntil)).toContain(`spawned runs: Child (${atUntil.spawned![0]!.contactId}) stopped\n`);

    // Aborted while both run: each says so, and run's text says it for the spawned run too.
    const tracing = main.replace('w: WAIT { Seconds = 10 } -> done', 'w: WAIT { Seconds = 10 } -> note\nnote: SNIPPET {\n  TRACE "main"\n} -> w2\nw2: WAIT { Seconds = 10 } -> done');
    const runtime = createRuntime({ now: NOW, scripts: scriptSet([tracing, child]) });
    const abort = new AbortController();
    runtime.on('trace', () => abort.abort());
    const aborted = await runtime.run('Main', { signal: abort.signal });
    expect(aborted).toMatchObject({ status: 'stopped', reason: 'Aborted by the caller' });
    const kid = aborted.spawned![0]!;
    expect(kid).toMatchObject({ script: 'Child', status: 'stopped', reason: 'Aborted by the caller' });
    expect(formatResult(aborted)).toContain(`spawned runs: Child (${kid.contactId}) stopped (why: Aborted by the caller)\n`);
    // A spawned run that ended has no reason.
    const done = await run([main, tracingChild(1, 'soon')]);
    expect(done.spawned![0]!.status).toBe('completed');
    expect(done.spawned![0]).not.toHaveProperty('reason');
  });

  test('maxSpawnedRuns refuses more live spawned runs', async () => {
    const main = `script Main
start: BEGIN -> spawn
spawn: SPAWN { ScriptName = "Child" }
  -> spawn
  OnError -> full
full: END
`;
    const child = `script Child
start: BEGIN -> w
w: WAIT { Seconds = 60 } -> done
done: END
`;
    const r = await run([main, child], {}, { limits: { maxSpawnedRuns: 3 } });
    expect(r.spawned).toHaveLength(3);
    expect(r.lastError).toContain('maxSpawnedRuns = 3');
    expect(r.path.at(-1)).toBe('Main.full');
  });
});
