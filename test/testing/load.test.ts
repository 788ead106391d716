// Loading test files: valid files become typed cases; every mistake is a
// located diagnostic, never an exception.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { defineAction, number, text } from '../../src/actions/define.js';
import { builtinRegistry } from '../../src/actions/registry.js';
import { loadTestFile } from '../../src/testing/load.js';
import type { ActionStub } from '../../src/testing/test-file.js';

const dir = join(import.meta.dirname, 'fixtures', 'project');
const file = join(dir, 'inline.test.yaml');
const load = (text: string) => loadTestFile(file, { text });
/** Each diagnostic as `CODE message @ the text it points at`. */
const codes = (text: string) =>
  load(text).diagnostics.map((d) => {
    const line = text.split('\n')[d.span.line - 1] ?? '';
    return `${d.code} ${d.message} @ ${line.slice(d.span.col - 1, d.span.col - 1 + (d.span.length ?? 1))}`;
  });

describe('loadTestFile', () => {
  it('loads cases, stubs and expectations', () => {
    const { testFile, diagnostics } = load(`
now: 2026-11-21T09:00:00-07:00
cases:
  - name: tops up
    script: Main
    vars: { skillNo: 1234 }
    until: 2h
    stubs:
      - match: { action: RUNSUB, scriptName: Sub }
        times: 1
        return: { branch: default, vars: { created: 25 } }
      - match: { action: IF }
        return: { branch: False }
      - match: { label: Main.callSub }
        error: down
        call: 2
        delay: 30s
      - match: { http: "GET https://crm.example.com/leads" }
        status: 200
        body: { leads: [] }
    expect:
      status: stopped
      visits: [Main.start, callSub]
      branches: { Main.check: [True, False] }
      effects: { prospects: 3, http: [] }
`);
    expect(diagnostics.map((d) => d.message)).toEqual([]);
    const tc = testFile!.cases[0]!;
    expect(tc.until).toBe('7200s');
    expect(tc.now).toBe('2026-11-21T09:00:00-07:00');
    expect(tc.stubs.map((s) => s.kind)).toEqual(['action', 'action', 'action', 'http']);
    expect((tc.stubs[1] as ActionStub).answer).toMatchObject({ branch: 'False' });
    const first = tc.stubs[0] as ActionStub;
    expect(first.actionType).toBe('RUNSUB');
    expect(first.props).toEqual({ ScriptName: 'Sub' });
    expect(first.answer).toEqual({ kind: 'return', branch: 'Default', outputs: {}, vars: { created: 25 } });
    expect((tc.stubs[2] as ActionStub).delaySeconds).toBe(30);
    expect(tc.expect.branches).toEqual({ 'Main.check': ['True', 'False'] });
    expect(tc.expect.effects).toEqual({ prospects: { count: 3 }, http: { exactly: [] } });
    expect(tc.spans['visits.1']).toMatchObject({ line: 23 });
  });

  it('locates YAML syntax errors', () => {
    const text = 'cases:\n  - name: a\n    script: [Main\n';
    const [d, ...rest] = load(text).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'E-TEST-YAML', span: { file } });
    expect(d!.span.line).toBeGreaterThanOrEqual(3);
  });

  it('locates unknown keys with a hint', () => {
    expect(codes('cases:\n  - name: a\n    script: Main\n    expcet: {}\n')).toEqual([
      'E-TEST-SCHEMA unknown property "expcet" in cases[0]; did you mean "expect"? @ expcet',
    ]);
  });

  it('suggests our word for what other tools call it', () => {
    expect(codes('cases:\n  - name: a\n    script: Main\n    inputs: { x: 1 }\n    mocks: []\n')).toEqual([
      'E-TEST-SCHEMA unknown property "inputs" in cases[0]; did you mean "vars"? @ inputs',
      'E-TEST-SCHEMA unknown property "mocks" in cases[0]; did you mean "stubs"? @ mocks',
    ]);
  });

  it('locates missing and mistyped values', () => {
    expect(codes('cases:\n  - name: a\n')).toEqual(['E-TEST-SCHEMA cases[0] is missing required property "script" @ name: a']);
    expect(codes('cases:\n  - name: a\n    script: Main\n    expect: { status: done }\n')).toEqual([
      'E-TEST-SCHEMA cases[0].expect.status must be one of completed, stuck, stopped, failed @ done',
    ]);
    expect(codes('cases:\n  - name: a\n    script: Main\n    expect: { effects: { prospects: yes } }\n')).toEqual([
      'E-TEST-SCHEMA cases[0].expect.effects.prospects must be a count, a list of records, or {count, contains, exactly} @ yes',
    ]);
    expect(codes('')).toEqual(['E-TEST-SCHEMA test file is empty: expected a mapping with "cases" @ ']);
  });

  it('reports durations, times and duplicate names', () => {
    expect(codes('cases:\n  - { name: a, script: Main, until: soon }\n  - { name: a, script: Main, now: tomorrow }\n')).toEqual([
      'E-TEST-DURATION until must be an ISO-8601 time or a duration such as 90s, 30m, 2h (got "soon") @ soon',
      'E-TEST-CASE duplicate case name "a" (also case 1) @ a',
      'E-TEST-TIME "tomorrow" is not an ISO-8601 date and time (e.g. 2026-11-21T09:00:00-07:00) @ tomorrow',
    ]);
  });

  it('checks stubs against the action definition', () => {
    const stub = (s: string) => codes(`cases:\n  - name: a\n    script: Main\n    stubs:\n      - ${s}\n`);
    expect(stub('{ match: { action: RUNSUBB }, return: {} }')).toEqual(['E-TEST-ACTION unknown action type "RUNSUBB"; did you mean "RUNSUB"? @ RUNSUBB']);
    expect(stub('{ match: { action: RUNSUB, scriptNam: x }, return: {} }')).toEqual([
      'E-TEST-PROP RUNSUB has no property "scriptNam"; did you mean "ScriptName"? @ scriptNam',
    ]);
    expect(stub('{ match: { action: RUNSUB }, return: { branch: True } }')).toEqual([
      'E-TEST-BRANCH RUNSUB never takes branch "True"; its branches are Default, OnError @ True',
    ]);
    expect(stub('{ match: { action: IF }, error: boom }')).toEqual([
      'E-TEST-STUB IF has no error branch, so it can never fail; remove "error" @ { action: IF }',
    ]);
    expect(stub('{ match: { action: WAIT }, return: { outputs: { count: 1 } } }')).toEqual([
      'E-TEST-OUTPUT WAIT has no outputs; set variables with return.vars instead of "count" @ count',
    ]);
    // Built-in actions declare the shape of their outputs too.
    expect(stub('{ match: { action: GETQUEUE }, return: { outputs: { NumberQueued: lots } } }')).toEqual([
      'E-TEST-OUTPUT GETQUEUE never returns "lots" (must be integer) as output "NumberQueued" @ NumberQueued',
    ]);
    expect(stub('{ match: { action: CREATEPROSPECTS }, return: { outputs: { Results: { SuccessfulRecords: [] } } } }')).toEqual([
      'E-TEST-OUTPUT CREATEPROSPECTS v2 never returns {"SuccessfulRecords":[]} (must have required property \'FailedRecords\') as output "Results" @ Results',
    ]);
    expect(stub('{ match: { action: IF }, return: {} }')).toEqual([
      'E-TEST-BRANCH IF has no Default branch; say which one to take (True, False) @ { action: IF }',
    ]);
    expect(stub('{ match: { http: "FETCH x" }, status: 200 }')).toEqual([
      'E-TEST-STUB http must be "METHOD url", e.g. "GET https://crm.example.com/leads" (got "FETCH x") @ "FETCH x"',
    ]);
    expect(stub('{ match: { http: "GET https://x" }, return: {} }')).toEqual([
      'E-TEST-STUB "return" is for action stubs; an http stub answers with status, headers and body (or error, a connection failure) @ return',
    ]);
    expect(stub('{ match: { label: Main.x, action: IF }, error: e }')).toEqual(['E-TEST-STUB match by one of action, label or http, not action and label @ { label: Main.x, action: IF }']);
    expect(stub('{ match: { label: x }, error: e }')).toEqual(['E-TEST-LABEL label must be Script.label (got "x") @ x']);
    expect(stub('{ match: { action: RUNSUB } }')).toEqual([
      'E-TEST-STUB an action stub needs "return" (branch, outputs) or "error" (the error message) @ { action: RUNSUB }',
    ]);
    expect(stub('{ match: { action: RUNSUB }, error: x, times: 1, call: 2 }')).toEqual([
      'E-TEST-STUB use either times (first N calls) or call (the N-th call only), not both @ call',
    ]);
  });

  it('rejects effect kinds a run never records', () => {
    expect(codes('cases:\n  - name: a\n    script: Main\n    expect:\n      effects: { prospect: 0, http: 1, crmEvents: 2 }\n')).toEqual([
      'E-TEST-EFFECT unknown effect kind "prospect"; did you mean "prospects"? @ prospect',
      'E-TEST-EFFECT unknown effect kind "crmEvents"; the kinds are prospects, crm, agentEvents, savedToDb, http, screenPop, sources, spawns, messages, previews, recordings, calls, tones @ crmEvents',
    ]);
  });

  it('rejects stub outputs outside the schema the action declares for them', () => {
    const lookup = defineAction({
      type: 'LOOKUP ORDER',
      description: 'Finds an order (a test action declaring the shape of its outputs).',
      props: { OrderId: text() },
      outputs: { Total: 'total', Order: 'order' },
      outputSchemas: {
        Total: { type: 'number' },
        Order: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, lines: { type: 'array' } } },
      },
      branches: ['Default', 'OnError'],
      errorBranch: 'OnError',
      execute: (ctx) => ctx.branch('Default'),
    });
    const registry = builtinRegistry().with([lookup]);
    const stub = (s: string) => {
      const text = `cases:\n  - name: a\n    script: Main\n    stubs:\n      - ${s}\n`;
      return loadTestFile(file, { text, registry }).diagnostics.map((d) => {
        const line = text.split('\n')[d.span.line - 1] ?? '';
        return `${d.code} ${d.message} @ ${line.slice(d.span.col - 1, d.span.col - 1 + (d.span.length ?? 1))}`;
      });
    };
    expect(stub('{ match: { action: LOOKUP ORDER }, return: { outputs: { total: 12.5, order: { id: A1, lines: [] } } } }')).toEqual([]);
    expect(stub('{ match: { action: LOOKUP ORDER }, return: { outputs: { Total: twelve } } }')).toEqual([
      'E-TEST-OUTPUT LOOKUP ORDER never returns "twelve" (must be number) as output "Total" @ Total',
    ]);
    expect(stub('{ match: { action: LOOKUP ORDER }, return: { outputs: { Order: { id: A1, lines: 3 } } } }')).toEqual([
      'E-TEST-OUTPUT LOOKUP ORDER never returns {"id":"A1","lines":3} (at lines: must be array) as output "Order" @ Order',
    ]);
  });

  it('reports a missing file as a diagnostic', () => {
    const r = loadTestFile(join(dir, 'missing.test.yaml'));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['cannot read test file: file not found']);
  });
});
