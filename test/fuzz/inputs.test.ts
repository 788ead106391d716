// Every other file and value a user hands the command line, under fuzzing:
// test files, stub files, calls files (run --calls), CSV calling lists, Studio XML and JSON exports (import)
// and scripts with a studio block (export), --vars files
// and --var values, scripts (checked and run), each through the real
// command, in-process. Runs are bounded by --max-actions and --until.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { cli } from '../reliability/cli.js';
import { example, exampleProject, keyedValue, SMALL_TENANT } from './fixtures.js';
import { fuzzLoader, jsonMutations, textMutations } from './harness.js';

const project = exampleProject({ 'tenant.yaml': SMALL_TENANT });
const inProject = (name: string, text: string): string => {
  const file = join(project, name);
  writeFileSync(file, text);
  return file;
};
const IMPORT_FIXTURE = (name: string): string => readFileSync(join(import.meta.dirname, '../import/fixtures', name), 'utf8');
const BOUNDS = ['--max-actions', '300', '--until', '2h', '--now', '2026-11-21T09:00:00-07:00'];

fuzzLoader({
  id: 'test-file',
  ext: '.yaml',
  seeds: [example('HelloWorld.test.yaml')],
  mutations: textMutations(['cases:\n', '  - name: x\n', 'script: HelloWorld\n', 'stubs:\n', 'match: { label: HelloWorld.tally }\n', 'until: 99999h\n', 'maxActions: 5\n', 'limits: { maxCallDepth: 2, maxLoopIterations: 0 }\n', 'expect:\n', 'visits: [a]\n', 'http: "GET https://a.example/*"\n']),
  generated: keyedValue(['cases', 'name', 'script', 'vars', 'now', 'until', 'stubs', 'match', 'action', 'label', 'http', 'return', 'branch', 'outputs', 'error', 'times', 'call', 'expect', 'status', 'visits', 'variables', 'effects', 'maxActions', 'limits', 'maxCallDepth', 'maxLoopIterations']).map((v) =>
    JSON.stringify(v),
  ),
  run: (text) => cli(['test', '--workers', '1', inProject('fuzz.test.yaml', text)]),
  runs: { mutated: 80, generated: 60 },
});

const STUBS = 'stubs:\n  - match: { label: HelloWorld.tally }\n    return: { branch: Default }\n  - match: { http: "GET https://crm.example.com/leads?x=*" }\n    status: 200\n    body: { leads: [] }\n';
fuzzLoader({
  id: 'stub-file',
  ext: '.yaml',
  seeds: [STUBS, '- match: { action: ASSIGN }\n  error: boom\n'],
  mutations: textMutations(['- match: ', '{ http: "', 'ftp://', 'return: ', 'branch: ', 'times: 0\n', 'delay: -1\n', 'status: 999\n']),
  generated: keyedValue(['stubs', 'match', 'action', 'label', 'http', 'return', 'branch', 'outputs', 'error', 'times', 'call', 'delay', 'status', 'body', 'headers']).map((v) => JSON.stringify(v)),
  run: (text) => cli(['run', join(project, 'HelloWorld.script'), '--stubs', inProject('stubs.yaml', text), ...BOUNDS]),
  runs: { mutated: 150, generated: 80 },
});

const CALLS = '- name: second\n  at: 5s\n  vars: { n: 1 }\n- at: 1m\n  contact: { ani: "3035550101", hangUpAfter: 30s }\n';
fuzzLoader({
  id: 'calls-file',
  ext: '.yaml',
  seeds: [CALLS, 'calls:\n  - script: HelloWorld\n    at: 2026-11-21T09:30:00-07:00\n'],
  mutations: textMutations(['- at: ', 'script: ', 'caller: "press 2"\n', 'contact: { poc: x }\n', 'at: -5s\n', 'expect: {}\n', 'at: 99999h\n']),
  generated: keyedValue(['calls', 'name', 'at', 'script', 'poc', 'vars', 'contact', 'ani', 'dnis', 'skill', 'hangUpAfter', 'caller', 'expect']).map((v) => JSON.stringify(v)),
  run: (text) => cli(['run', join(project, 'HelloWorld.script'), '--calls', inProject('calls.yaml', text), ...BOUNDS]),
  runs: { mutated: 100, generated: 60 },
});

const CSV = 'id,first,last,mobile,tz\n1,Ada,Lovelace,3035550100,America/Denver\n2,"Grace ""Amazing""",Hopper,"(720) 555-0142",\n3,O\'Brien,,2125550100,Mountain Standard Time\n';
const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', '"a"b', 'x"y', '\n', '\r\n', ',', '3035550100', ''));
fuzzLoader({
  id: 'csv',
  ext: '.csv',
  seeds: [CSV],
  mutations: textMutations(['"', '""', ',', '\n', '\r', '\ufeff', '"\n', 'x"y']),
  generated: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }).map((rows) => ['id,mobile', ...rows.map((r) => r.join(','))].join('\n')),
  run: (text) =>
    cli(['lists', 'upload', inProject('list.csv', text), '--tenant', join(project, 'tenant.yaml'), '--skill', '1234', '--source', 'Fuzz', '--map', 'ExternalID=id', '--map', 'Destinations=mobile', '--rejected', join(project, 'rejected.csv'), '--now', '2026-11-21T09:00:00Z']),
});

fuzzLoader({
  id: 'studio-xml',
  ext: '.xml',
  // Both in Desktop Studio's real layout; Billing.xml also holds an action the emulator keeps opaque.
  seeds: [IMPORT_FIXTURE('Billing.xml'), readFileSync(join(import.meta.dirname, '../../scripts-examples/MainMenu.xml'), 'utf8')],
  mutations: textMutations(['<ActionStruct>', '</ActionStruct>', '<Parameters>', '<string>', '</string>', '<![CDATA[', ']]>', '&amp;', '&#0;', '&#x10FFFF;', '<!--', '-->', '<?xml version="1.0"?>']),
  run: (text) => cli(['import', inProject('export.xml', text)]),
});

fuzzLoader({
  id: 'studio-json',
  ext: '.json',
  seeds: [IMPORT_FIXTURE('Renewals.json')],
  mutations: jsonMutations(),
  run: (text) => cli(['import', inProject('export.json', text)]),
});

// Export reads a .script with its studio block (canvas positions, library ids, parameter counts).
const WITH_STUDIO_BLOCK = await (async () => {
  const r = await cli(['import', inProject('menu.xml', readFileSync(join(import.meta.dirname, '../../scripts-examples/MainMenu.xml'), 'utf8'))]);
  return r.out;
})();
fuzzLoader({
  id: 'studio-export',
  ext: '.script',
  seeds: [WITH_STUDIO_BLOCK],
  mutations: textMutations(['studio {', '}', ' { X = ', 'ParameterCount = 99999999', 'ParameterCount = -1', 'LibraryID = ', 'P99999 = 2', '"', '\n']),
  run: async (text) => {
    const file = inProject('Exported.script', text);
    const xml = await cli(['export', file, '--format', 'xml', '-o', join(project, 'out.xml')]);
    return xml.code === 2 || xml.crash !== undefined ? xml : cli(['export', file, '--format', 'json', '-o', join(project, 'out.json')]);
  },
  runs: { mutated: 100 },
});

const VARS = JSON.stringify({ name: 'Ada', list: [1, 2, { a: 'b' }], nested: { deep: { deeper: [true, null] } }, when: '2026-11-21T09:00:00Z' });
fuzzLoader({
  id: 'vars-json',
  ext: '.json',
  seeds: [VARS],
  mutations: jsonMutations(),
  generated: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  run: (text) => cli(['run', join(project, 'HelloWorld.script'), '--vars', inProject('vars.json', text), ...BOUNDS]),
  runs: { mutated: 150, generated: 80 },
});

fuzzLoader({
  id: 'var-option',
  ext: '.txt',
  seeds: ['name=Ada', 'list=[1,2,{"a":"b"}]', 'global:x={"y":[1]}'],
  mutations: textMutations(['=', 'global:', '[', '{', '"', '1e999']),
  generated: fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
  run: (text) => cli(['run', join(project, 'HelloWorld.script'), '--var', text, ...BOUNDS]),
  runs: { mutated: 150, generated: 80 },
});

fuzzLoader({
  id: 'script',
  ext: '.script',
  seeds: [example('HelloWorld.script'), example('CaseRouting.script')],
  mutations: textMutations(['SNIPPET', '{', '}', '->', 'END', 'WAIT { Seconds = 99999 }', 'FOR i = 1 TO 99 {', 'DYNAMIC d', 'd.a[3] = 1', '"""', '$"\\{', 'x:', 'v2', '#']),
  run: async (text) => {
    const file = inProject('Fuzz.script', text.replace(/^script\s+\w+/m, 'script Fuzz'));
    const checked = await cli(['check', file]);
    if (checked.code !== 0) return checked;
    return cli(['run', file, ...BOUNDS]);
  },
  runs: { mutated: 150 },
});
