// The JSON Schema of `*.test.yaml` files. Loading validates against it first
// (shape), then checks meaning (action types, branches, outputs, labels).
// Exported so editors can offer completion: `testFileJsonSchema`.
import { DIGITAL_STATUSES } from '../contract/contact.js';
import { limitsJsonSchema } from '../contract/limits.js';

const duration = { type: ['string', 'number'], description: 'Seconds, or a duration such as 90s, 30m, 2h.' };
const nameList = { type: 'array', items: { type: 'string', minLength: 1 } };

const stub = {
  type: 'object',
  required: ['match'],
  additionalProperties: false,
  properties: {
    match: {
      type: 'object',
      minProperties: 1,
      description: 'What the stub answers: {action, <property>: value}, {label: Script.label} or {http: "METHOD url"}.',
      properties: {
        action: { type: 'string', minLength: 1 },
        label: { type: 'string', minLength: 1 },
        http: { type: 'string', minLength: 1 },
      },
    },
    return: {
      type: 'object',
      additionalProperties: false,
      properties: {
        branch: { type: ['string', 'number', 'boolean'], description: 'The branch to take (True and False may be written unquoted).' },
        outputs: { type: 'object' },
        vars: { type: 'object' },
      },
    },
    error: { type: 'string' },
    times: { type: 'integer', minimum: 1 },
    call: { type: 'integer', minimum: 1 },
    delay: duration,
    status: { type: 'integer', minimum: 100, maximum: 599 },
    headers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    body: {},
  },
};

const effectExpectation = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'array' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { count: { type: 'integer', minimum: 0 }, contains: { type: 'array' }, exactly: { type: 'array' } },
    },
  ],
};

const expectations = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: ['completed', 'stuck', 'stopped', 'failed'] },
    visits: nameList,
    neverVisits: nameList,
    branches: {
      type: 'object',
      additionalProperties: {
        oneOf: [{ type: ['string', 'number', 'boolean'] }, { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1 }],
      },
    },
    variables: { type: 'object' },
    globals: { type: 'object' },
    effects: { type: 'object', additionalProperties: effectExpectation },
    trace: { type: 'array', items: { type: 'string' } },
    heard: { type: 'array', items: { type: 'string' }, description: 'Prompts and music the caller heard, in order (exact text, or /pattern/).' },
    lastError: { type: 'string' },
    warnings: { type: 'array', items: { type: 'string' } },
    digitalContacts: {
      type: 'object',
      description:
        "By customer (a phone number in any format, or an e-mail address, as in replies' to): the status their digital contact ends with (Open, Pending, Escalated, Resolved, Closed), or a list: the status of each of their contacts, in the order they were opened (docs/digital.md).",
      // The statuses are checked when the file is read (located, with a hint); listed here for editors.
      additionalProperties: {
        type: ['string', 'array'],
        examples: [...DIGITAL_STATUSES],
        items: { type: 'string', examples: [...DIGITAL_STATUSES] },
        minItems: 1,
      },
    },
  },
};

const contact = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ani: { type: ['string', 'number'] },
    dnis: { type: ['string', 'number'] },
    skill: { type: 'integer' },
    poc: { type: ['string', 'number'] },
    hangUpAfter: { ...duration, description: 'The caller hangs up this long after the run starts (virtual time).' },
  },
};

const caller = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  description: 'Phone scripts: what the caller does, as steps ("at menu", "press 2", "wait 5s", "hear text", "say text", "hangup").',
};

/** One more call of a case, on the case's tenant and clock. */
const call = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, description: 'How failures name this call.' },
    at: { ...duration, description: "When it comes in: a duration after the case's start (30s, 2m) or an ISO time (default: with the case's call)." },
    script: { type: 'string', minLength: 1, description: "Default: the case's script (or the POC's, with poc)." },
    poc: { type: ['string', 'number'] },
    vars: { type: 'object' },
    contact,
    caller,
    expect: expectations,
  },
};

const testCase = {
  type: 'object',
  required: ['name', 'script'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    script: { type: 'string', minLength: 1 },
    poc: { type: ['string', 'number'], description: "The point of contact the contact arrives at: the case's script must be the POC's, and DNIS, SKILLNO and POC come from the tenant's POC." },
    vars: { type: 'object' },
    now: { type: 'string' },
    until: duration,
    seed: { type: 'integer' },
    maxActions: { type: 'integer', minimum: 1, description: 'Short for limits: { maxActions: N }.' },
    limits: { ...limitsJsonSchema, description: "This case's run limits, over the file's and the configuration's (--limit on the command line comes first)." },
    contact,
    replies: {
      type: 'array',
      description: 'What customers answer on digital channels (docs/digital.md).',
      items: {
        type: 'object',
        required: ['to', 'text'],
        additionalProperties: false,
        properties: {
          to: { type: ['string', 'number'], description: 'The customer: the phone number or e-mail address the message went to.' },
          after: { ...duration, description: 'How long after the message it answers (default 0).' },
          text: { type: 'string' },
          channel: { type: 'string', description: 'Only on this channel id.' },
        },
      },
    },
    caller,
    calls: {
      type: 'array',
      items: call,
      description: "Other calls on the case's tenant and virtual clock: each runs the script as its own contact, sharing agents, queues and stubs (docs/routing.md).",
    },
    stubs: { type: 'array', items: stub },
    expect: expectations,
    skip: { type: 'boolean' },
    only: { type: 'boolean' },
    record: { type: 'boolean', description: 'With --update, write the outcome of this case back as its expect.' },
    forceErrors: { type: 'boolean', description: 'false leaves this case out of --force-errors.' },
  },
};

export const testFileJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'studio-script/test-file',
  title: 'studio-script test file',
  type: 'object',
  required: ['cases'],
  additionalProperties: false,
  properties: {
    scripts: { type: 'string', minLength: 1, description: 'Folder of .script files, relative to this file (default: this folder).' },
    tenant: { type: 'string', minLength: 1, description: 'Tenant file, relative to this file (default: tenant.yaml in the scripts folder).' },
    now: { type: 'string', description: 'Default start time of every case (ISO-8601).' },
    stubs: { type: 'array', items: stub, description: 'Stubs shared by every case (a case’s own stubs are tried first).' },
    limits: { ...limitsJsonSchema, description: "Run limits of every case, over the configuration's (a case's own limits and --limit come first)." },
    redact: {
      type: 'array',
      items: { type: 'string', pattern: '^(global:)?[A-Za-z_][A-Za-z0-9_$]*$' },
      description: 'Variables whose values every output (results, traces, reports, messages) shows as *** (like run --redact).',
    },
    cases: { type: 'array', items: testCase, minItems: 1 },
  },
} as const;

/** Property names the schema accepts at a path, for "did you mean" hints. */
export function knownKeys(path: readonly (string | number)[], root: object = testFileJsonSchema): string[] {
  let node = root as Record<string, unknown>;
  for (const seg of path) {
    if (typeof seg === 'number') {
      node = (node.items as Record<string, unknown>) ?? {};
      continue;
    }
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    const next = props?.[seg];
    if (!next) return [];
    node = next;
  }
  return Object.keys((node.properties as object | undefined) ?? {});
}

/**
 * A calls file (`studio-script run --calls`) after its top-level list is put
 * under `calls:`: the calls a test case's `calls:` takes, without `expect`
 * (a run checks nothing).
 */
const { expect: _callExpect, ...callFileProperties } = call.properties;
export const callsFileJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'studio-script/calls-file',
  title: 'studio-script calls file',
  type: 'object',
  required: ['calls'],
  additionalProperties: false,
  properties: {
    calls: {
      type: 'array',
      items: { ...call, properties: callFileProperties },
      description: "Other calls next to the run's own, on its tenant and virtual clock: each runs the script (or another one) as its own contact (docs/routing.md).",
    },
  },
} as const;

/**
 * A standalone stub file (`studio-script run --stubs`) after its top-level
 * list is put under `stubs:`: the same stubs as a test file's `stubs:`.
 */
export const stubFileJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'studio-script/stub-file',
  title: 'studio-script stub file',
  type: 'object',
  required: ['stubs'],
  additionalProperties: false,
  properties: { stubs: { type: 'array', items: stub, description: 'Action, label and HTTP stubs, tried in order.' } },
} as const;
