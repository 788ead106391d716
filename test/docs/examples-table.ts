// How each command example of the docs runs (test/docs/examples.test.ts).
// A row names the page and the command as written (without `npx ` and a
// trailing `# comment`), and `nth` when the page writes it more than once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeBlocks } from './markdown-examples.js';

export interface ExampleRow {
  page: string;
  command: string;
  nth?: number;
  /**
   * The folder it runs in: `examples` = a folder holding a copy of
   * scripts-examples/ (commands name `scripts-examples/…`); `{ from }` = a copy
   * of that folder of this repository; `{ copy }` = a folder holding only
   * those files of this repository.
   */
  scene: 'examples' | { from: string } | { copy: string[] };
  /** Files the page tells the reader to write first. */
  before?: (cwd: string) => void;
  /** The exit code the page implies (default 0). */
  exit?: number;
  /** The output shown is a sketch, not a transcript (say why in a comment). */
  outputNotCompared?: true;
  /** The page shows this file the command writes, not its terminal output. */
  shownIsFile?: string;
  /** Why it does not run: only for commands about the reader's own files. */
  skip?: string;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** The code block of a page that holds, or follows, the first line containing `after`. */
function blockAfter(page: string, after: string): string {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const at = text.split('\n').findIndex((l) => l.includes(after)) + 1;
  const block = codeBlocks(text).find((b) => b.line + b.lines.length >= at);
  if (at === 0 || !block) throw new Error(`${page}: no code block after "${after}"`);
  return block.lines.join('\n') + '\n';
}

const firstTest = (): string => blockAfter('docs/testing.md', 'Create `first.test.yaml`');

/** The small IVR of docs/phone.md, which README.md's call tour runs too. */
const writeIvr = (cwd: string): void => writeFileSync(join(cwd, 'Ivr.script'), blockAfter('docs/phone.md', '## A call from the command line'));
const IVR_CALL = 'studio-script run Ivr.script --now 2026-11-21T09:00:00Z --ani 3035550100 --dnis 8005550000 --caller "hear support; press 2" --transcript';

export const EXAMPLES: ExampleRow[] = [
  // README.md
  { page: 'README.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --until 8h', scene: 'examples' },
  {
    page: 'README.md',
    command: 'studio-script check broken.script',
    scene: 'examples',
    exit: 2,
    // The page shows line 7 of a script with a misspelt property.
    before: (cwd) => writeFileSync(join(cwd, 'broken.script'), 'script Broken\n\nstart: BEGIN -> greet\n\n// Build the greeting\ngreet: ASSIGN {\n  Valeu = "Hello"\n  Variable = greeting\n} -> done\ndone: END\n'),
  },
  { page: 'README.md', command: 'studio-script run scripts-examples/HelloWorld.script --var name=Ada --now 2026-11-21T09:00:00-07:00 --trace', scene: 'examples' },
  { page: 'README.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --until 8h --now 2026-11-21T09:00:00-07:00', scene: 'examples' },
  { page: 'README.md', command: 'studio-script import scripts-examples/MainMenu.xml -o scripts/MainMenu.script', scene: 'examples', shownIsFile: 'scripts/MainMenu.script' },
  {
    page: 'README.md',
    command: 'studio-script run scripts/MainMenu.script --tenant northwind.yaml --caller "hear returns; press 2" --now 2026-11-21T09:00:00 --transcript',
    scene: 'examples',
    before: (cwd) => writeFileSync(join(cwd, 'northwind.yaml'), blockAfter('README.md', '# northwind.yaml')),
  },
  { page: 'README.md', command: 'studio-script export scripts/MainMenu.script --format xml -o MainMenu.xml', scene: 'examples' },
  { page: 'README.md', command: 'studio-script export scripts/MainMenu.script --format json -o MainMenu.json', scene: 'examples' },
  { page: 'README.md', command: IVR_CALL, scene: 'examples', before: writeIvr },
  {
    page: 'README.md',
    command: 'studio-script run scripts-examples/InboundIvr.script --now 2026-12-07T10:00:00 --ani 3035550100 --caller "hear billing; press 2" --stubs scripts-examples/InboundIvr.stubs.yaml --transcript',
    scene: 'examples',
  },
  { page: 'README.md', command: 'studio-script outreach preview 4100 --tenant scripts-examples/outreach/tenant.yaml', scene: 'examples' },
  {
    page: 'README.md',
    command: 'studio-script run scripts-examples/outreach/Outreach.script --allow-network --now 2026-11-23T09:00:00-07:00 --until 3d',
    scene: 'examples',
    skip: 'needs the example middleware listening on localhost:8787 in a second terminal; test/digital/ runs the campaign with its replies',
  },
  { page: 'README.md', command: 'studio-script run scripts-examples/InboundKustomer.script --ani 3035550100 --skill 2001 --trace', scene: 'examples' },
  { page: 'README.md', command: 'studio-script run scripts-examples/InboundKustomer.script --ani 3035550100 --skill 2001 --json', scene: 'examples' },
  { page: 'README.md', command: 'studio-script test scripts-examples --coverage --force-errors', scene: 'examples' },
  { page: 'README.md', command: 'studio-script graph scripts-examples/CreateProspectsBrain.script --coverage coverage/coverage.json', scene: 'examples' },

  // docs/calling-lists.md
  {
    page: 'docs/calling-lists.md',
    command:
      'studio-script lists upload leads.csv --skill 1234 --source Leads --tenant tenant.yaml --state state.db --map ExternalID=Id --map Destinations=Mobile,Home --map FirstName=First --map LastName=Last --map TimeZone=Tz --map ExpirationDate=Expires',
    scene: 'examples',
    skip: 'about the reader\'s own list (leads.csv, tenant.yaml); test/tenant/lists-upload.test.ts runs the same options',
  },

  { page: 'README.md', command: 'studio-script pocs upload scripts-examples/pocs.xlsx --tenant scripts-examples/tenant.yaml --state day.db', scene: 'examples' },
  { page: 'README.md', command: 'studio-script run --poc 8005550102 --tenant scripts-examples/tenant.yaml --state day.db --now 2026-01-05T09:00:00-07:00', scene: 'examples' },
  { page: 'README.md', command: 'studio-script lists upload scripts-examples/collections.csv --skill 1300 --source Collections --tenant scripts-examples/tenant.yaml --state day.db', scene: 'examples' },
  { page: 'README.md', command: 'studio-script run scripts-examples/CollectionsDay.script --tenant scripts-examples/tenant.yaml --state day.db --now 2026-01-05T09:00:00-07:00 --until 9h', scene: 'examples' },
  { page: 'README.md', command: 'studio-script tenant show --state day.db', scene: 'examples' },

  // docs/points-of-contact.md
  { page: 'docs/points-of-contact.md', command: 'studio-script pocs upload pocs.xlsx --tenant tenant.yaml --state state.db', scene: 'examples', skip: "about the reader's own files (pocs.xlsx, tenant.yaml); README.md's tour runs pocs upload on the examples" },
  { page: 'docs/points-of-contact.md', command: 'studio-script pocs download --tenant tenant.yaml --state state.db -o pocs.xlsx', scene: 'examples', skip: "about the reader's own tenant (tenant.yaml, state.db)" },
  { page: 'docs/points-of-contact.md', command: 'studio-script pocs download --template -o new-pocs.csv', scene: 'examples' },
  { page: 'docs/points-of-contact.md', command: 'studio-script run --poc 8005550100 --tenant tenant.yaml', scene: 'examples', skip: "about the reader's own tenant (tenant.yaml); README.md's tour runs --poc on the examples" },

  // docs/routing.md
  {
    page: 'docs/routing.md',
    command: 'studio-script run scripts-examples/InboundIvr.script --now 2026-12-07T10:00:00 --ani 3035550100 --caller "hear billing; press 1; hear pound; press 12345#" --stubs scripts-examples/InboundIvr.stubs.yaml --transcript',
    scene: 'examples',
  },
  {
    page: 'docs/routing.md',
    command: 'studio-script run scripts-examples/InboundIvr.script --now 2026-12-07T10:00:00 --ani 3035550100 --caller "hear billing; press 2" --stubs scripts-examples/InboundIvr.stubs.yaml --calls scripts-examples/InboundIvr.calls.yaml',
    scene: 'examples',
  },

  // docs/phone.md
  { page: 'docs/phone.md', command: IVR_CALL, scene: 'examples', before: writeIvr },
  { page: 'docs/phone.md', command: 'studio-script run Ivr.script --caller "at meun; press 2"', scene: 'examples', before: writeIvr, exit: 2 },
  {
    page: 'docs/phone.md',
    command: 'studio-script run Hold.script --now 2026-11-21T09:00:00Z --caller "wait 40s; press 1" --transcript',
    scene: 'examples',
    before: (cwd) => writeFileSync(join(cwd, 'Hold.script'), blockAfter('docs/phone.md', '## Catching keys anywhere')),
  },
  // docs/crm.md
  { page: 'docs/crm.md', command: 'studio-script run scripts-examples/InboundKustomer.script --ani 3035550100 --skill 2001 --trace', scene: 'examples' },
  { page: 'docs/crm.md', command: 'studio-script run scripts-examples/InboundKustomer.script --ani 3035550100 --skill 2001 --json', scene: 'examples' },
  { page: 'docs/crm.md', command: 'studio-script test scripts-examples/InboundKustomer.test.yaml', scene: 'examples' },

  // docs/digital.md
  { page: 'docs/digital.md', command: 'studio-script outreach preview 4100 --tenant tenant.yaml [--limit 20] [--json]', scene: 'examples', skip: 'the synopsis of the command' },
  { page: 'docs/digital.md', command: 'studio-script outreach preview BYOC_Promo_Oct --state day.db', scene: 'examples', skip: 'about the state file of the reader\'s own upload (the lines above)' },

  // docs/personal-connection.md
  { page: 'docs/personal-connection.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --until 8h --now 2026-11-21T09:00:00-07:00', scene: 'examples' },
  { page: 'docs/personal-connection.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --until 4h --state day.db --now 2026-11-21T09:00:00-07:00', scene: 'examples' },
  { page: 'docs/personal-connection.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --until 4h --state day.db --now 2026-11-21T13:00:00-07:00', scene: 'examples' },
  { page: 'docs/personal-connection.md', command: 'studio-script tenant show --state day.db', scene: 'examples' },

  // docs/runtime.md
  { page: 'docs/runtime.md', command: 'studio-script run scripts-examples/HelloWorld.script --var name=Ada --now 2026-11-21T09:00:00-07:00 --trace', scene: 'examples' },

  // docs/tenant.md
  { page: 'docs/tenant.md', command: 'studio-script tenant check scripts-examples/tenant.yaml', scene: 'examples' },
  { page: 'docs/tenant.md', command: 'studio-script tenant schema > tenant.schema.json', scene: 'examples' },
  { page: 'docs/tenant.md', command: 'studio-script run scripts-examples/CreateProspectsBrain.script --tenant scripts-examples/tenant.yaml --state tenant.db --until 1h', scene: 'examples' },
  { page: 'docs/tenant.md', command: 'studio-script tenant show --state tenant.db', scene: 'examples' },

  // docs/testing.md: the walk-through, in a folder holding HelloWorld.script
  { page: 'docs/testing.md', command: 'studio-script test first.test.yaml', scene: { copy: ['scripts-examples/HelloWorld.script'] }, before: (cwd) => writeFileSync(join(cwd, 'first.test.yaml'), firstTest()) },
  {
    page: 'docs/testing.md',
    command: 'studio-script test first.test.yaml',
    nth: 2,
    scene: { copy: ['scripts-examples/HelloWorld.script'] },
    exit: 1,
    // "Change the expectation to `total: 7` and the visits to `[greet, check, count, done]`".
    before: (cwd) =>
      writeFileSync(join(cwd, 'first.test.yaml'), firstTest().replace('total: 6', 'total: 7').replace('visits: [greet, count, check, done]', 'visits: [greet, check, count, done]')),
  },
  {
    page: 'docs/testing.md',
    command: 'studio-script test first.test.yaml',
    nth: 3,
    scene: { copy: ['scripts-examples/HelloWorld.script'] },
    exit: 2,
    // "a label the script does not have": the page's excerpt misspells greet.
    before: (cwd) => writeFileSync(join(cwd, 'first.test.yaml'), firstTest().replace('visits: [greet, count', 'visits: [gret, count')),
  },
  { page: 'docs/testing.md', command: 'studio-script test first.test.yaml --coverage', scene: { copy: ['scripts-examples/HelloWorld.script'] }, before: (cwd) => writeFileSync(join(cwd, 'first.test.yaml'), firstTest()) },
  { page: 'docs/testing.md', command: 'studio-script graph HelloWorld.script --coverage coverage/coverage.json --format svg -o hello.svg', scene: { copy: ['scripts-examples/HelloWorld.script'] } },
  { page: 'docs/testing.md', command: 'studio-script test --force-errors', scene: { from: 'test/testing/fixtures/planted' }, exit: 1 },
];
