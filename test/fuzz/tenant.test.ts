// Tenant files (YAML and JSON) under fuzzing: `tenant show FILE` validates
// and loads each input into a memory store.
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { cli, folder } from '../reliability/cli.js';
import { example, keyedValue, SMALL_TENANT } from './fixtures.js';
import { fuzzLoader, jsonMutations, textMutations } from './harness.js';
import { BASE_TENANT } from '../tenant/fixtures.js';
import { OUTREACH_TENANT_YAML } from '../digital/fixtures.js';

// The example outreach tenant without its calling list (a relative file that is not beside the fuzzed copy).
const OUTREACH_EXAMPLE_TENANT = example('outreach/tenant.yaml').replace(/^ *list: .*\n/m, '');

const dir = folder();
const KEYS = [
  'businessUnit', 'timeZone', 'agents', 'skills', 'sources', 'crm', 'workflowDataProfiles', 'pointsOfContact', 'messageTemplates', 'campaigns',
  'id', 'name', 'email', 'media', 'direction', 'personalConnection', 'campaign', 'active', 'script', 'dialer', 'ratePerMinute', 'mapping',
  'ExternalID', 'Destinations', 'maxDestinations', 'type', 'region', 'baseUrl', 'workflows', 'kind', 'records', 'fields',
  'byoc', 'channels', 'outboundUrl', 'addActionUrl', 'skill', 'template', 'source', 'started', 'sender', 'body', 'rtl', 'channel',
];
const YAML_FRAGMENTS = ['body: "Hi {FirstName"\n', '{', '}', 'skills:\n  - id: 1\n', '- ', '&x [*x, *x]', '*x', '!!binary', '!!js/function', '? ', '---\n', '...\n', '%YAML 1.1\n', 'id: 1234\n', 'timeZone: Mars/Base\n'];

const show = (name: string) => async (text: string) => {
  const file = join(dir, name);
  (await import('node:fs')).writeFileSync(file, text);
  return cli(['tenant', 'show', file]);
};

fuzzLoader({
  id: 'tenant-yaml',
  ext: '.yaml',
  // The digital outreach tenant: BYOC integrations, channels, message templates with {Field} placeholders.
  seeds: [SMALL_TENANT, stringify(BASE_TENANT), OUTREACH_TENANT_YAML, OUTREACH_EXAMPLE_TENANT],
  mutations: textMutations(YAML_FRAGMENTS),
  generated: fc.record({ root: keyedValue(KEYS) }).map(({ root }) => stringify(root)),
  run: show('tenant.yaml'),
});

fuzzLoader({
  id: 'tenant-json',
  ext: '.json',
  seeds: [JSON.stringify(parse(SMALL_TENANT), null, 2), JSON.stringify(BASE_TENANT), JSON.stringify(parse(OUTREACH_TENANT_YAML))],
  mutations: jsonMutations(),
  generated: keyedValue(KEYS).map((v) => JSON.stringify(v)),
  run: show('tenant.json'),
});
