// The scripted caller under fuzzing: `run --caller` text and a test file's
// `caller:` steps, through the real command line, in-process. A phone script
// with a menu, a capture, a recording and an ONRELEASE gives every step kind
// something to wait for. Runs are bounded by --max-actions and --until.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { cli, folder } from '../reliability/cli.js';
import { fuzzLoader, textMutations } from './harness.js';

const IVR = `script Ivr
type Phone
start: BEGIN -> menu
menu: MENU { Sequence = ["%Press 1 for sales, 2 to leave a message"] }
  "1" -> account
  "2" -> record
  Timeout -> menu
  -> menu
account: CAPTURE { Variable = acct, MaxDigits = 5, Terminator = "#" } -> thanks
record: RECORD { FileName = "vm.wav", RecordTimeout = 30 } -> thanks
thanks: PLAY { Sequence = ["%Thank you", "chime.wav"], DetectDTMF = True } -> bye
bye: HANGUP
cleanup: ONRELEASE -> done
done: SNIPPET { ASSIGN why = _callresult }
`;
const project = folder({ 'Ivr.script': IVR, 'package.json': '{"name":"fuzz-caller","private":true}' });
const BOUNDS = ['--max-actions', '300', '--until', '2h', '--now', '2026-11-21T09:00:00Z'];
const FRAGMENTS = ['press ', 'press 12#', ' gap 1s', 'wait ', 'wait 1m30s', 'at ', 'at menu', 'after ', 'after Ivr.thanks', 'hear ', 'hear "sales"', 'hear /p(r)?ess \\d/i', 'say ', 'say "hello there"', 'say 10s', 'hangup', 'hangup at 45s', 'silent', ';', '; ', '\n', '1e999s', '-1s', '0ms', '999999h', '/(a+)+$/', '"'];
const SEEDS = ['hear sales; press 2; say "please call me back"; hangup', 'press 1; at account; press 1234 gap 1s; press #', 'at menu; wait 2s; hangup', 'hangup at 30s; after thanks; silent'];

/** A step of the caller language, well formed or nearly so, with hostile arguments mixed in. */
const word = fc.oneof(fc.constantFrom('menu', 'Ivr.record', 'thanks', 'nowhere', 'Other.x', '2s', '500ms', '1m', '12#', '*', '"sales"', '/x/', '/[/', 'gap', 'at'), fc.string({ maxLength: 8 }));
const step = fc.tuple(fc.constantFrom('press', 'wait', 'at', 'after', 'hear', 'say', 'hangup', 'silent', 'presss', ''), fc.array(word, { maxLength: 3 })).map(([k, args]) => [k, ...args].join(' '));

fuzzLoader({
  id: 'caller-option',
  ext: '.txt',
  seeds: SEEDS,
  mutations: textMutations(FRAGMENTS),
  generated: fc.array(step, { maxLength: 8 }).map((steps) => steps.join('; ')),
  run: (text) => cli(['run', join(project, 'Ivr.script'), '--caller', text, '--transcript', ...BOUNDS]),
  runs: { mutated: 120, generated: 80 },
});

const testFile = (steps: string[]): string =>
  ['scripts: .', 'cases:', '  - name: fuzzed caller', '    script: Ivr', `    until: 2h`, '    maxActions: 300', '    caller:', ...steps.map((s) => `      - ${JSON.stringify(s)}`), '    expect: { status: completed }', ''].join('\n');

fuzzLoader({
  id: 'test-caller',
  ext: '.yaml',
  seeds: [testFile(['hear sales', 'press 2', 'say "call me"', 'hangup']), testFile(['press 1', 'at account', 'press 12#'])],
  mutations: textMutations([...FRAGMENTS, '      - ', '    caller: ', '    caller:\n      - ', '    contact: { hangUpAfter: 10s }\n', '    expect: { heard: ["/x/"] }\n']),
  generated: fc.array(step, { maxLength: 6 }).map(testFile),
  run: (text) => {
    const file = join(project, 'fuzz.test.yaml');
    writeFileSync(file, text);
    return cli(['test', '--workers', '1', file]);
  },
  runs: { mutated: 80, generated: 60 },
});
