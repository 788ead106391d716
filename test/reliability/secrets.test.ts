// Redaction by construction: a project full of planted secrets — a tenant
// credential, a redacted variable set by ASSIGN and used in a snippet, a URL
// password, credential query and fragment parameters, a bearer token and a
// credential header — goes through every output the tool writes (text and
// JSON traces, text and JSON results, error messages, test reports in every
// format, snapshots, state files); none may contain a planted value.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFolder } from '../../src/graph/load.js';
import { createStubHttp } from '../../src/http/stubs.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { loadTenant } from '../../src/tenant/tenant.js';
import { cli, folder } from './cli.js';

const APIKEY = 'PLANTED-apikey-7731';
const REDACTED_VALUE = 'PLANTED-redact-4410';
const URL_PASSWORD = 'PLANTED-urlpw-1';
const QUERY = 'PLANTED-query-2';
const SIGNATURE = 'PLANTED-sig-3';
const FRAGMENT = 'PLANTED-frag-4';
const BEARER = 'PLANTED-bearer-5';
const HEADER = 'PLANTED-header-6';
const URL = `https://svc:${URL_PASSWORD}@api.example.com/v1/orders?api_key=${QUERY}&sig=${SIGNATURE}#token=${FRAGMENT}`;
const PLANTED = [APIKEY, REDACTED_VALUE, URL_PASSWORD, QUERY, SIGNATURE, FRAGMENT, BEARER, HEADER];
/** What the credential forms alone must hide, without any --redact. */
const FORMS = [APIKEY, URL_PASSWORD, QUERY, SIGNATURE, FRAGMENT, BEARER, HEADER];

const SCRIPT = `script Leaky
type Generic

start: BEGIN -> secret

secret: ASSIGN "Set the token" {
  Variable = tok
  Value = "${REDACTED_VALUE}"
} -> call

call: REST API "Call the API" {
  Verb = POST
  Url = "${URL}"
  Headers = "\\{\\"Authorization\\": \\"Bearer ${BEARER}\\", \\"X-Api-Key\\": \\"${HEADER}\\", \\"X-Trace\\": \\"{tok}\\"}"
  Body = "\\{\\"k\\": \\"${APIKEY}\\", \\"t\\": \\"{tok}\\"}"
}
  Default -> use
  OnError -> use

use: SNIPPET "Use the token" {
  TRACE "token {tok} for ${URL}"
  copy = "x{tok}x"
} -> count

count: ASSIGN "Count the token" {
  Variable = n
  Value = "{tok} Bearer ${BEARER}"
  Type = Numeric
} -> wait

wait: WAIT { Seconds = 30 } -> done

done: END
`;

const TENANT = `businessUnit: 1
timeZone: UTC
crm:
  - id: kustomer-prod
    type: Kustomer
    region: AMERICAS
    baseUrl: https://acme.api.kustomerapp.com
    screenpopUrl: https://acme.kustomerapp.com/app/customers
    apiKey: ${APIKEY}
`;

const STUBS = `- match: { http: "POST https://api.example.com/v1/orders*" }
  status: 500
  body: { error: "bad key ${APIKEY}" }
`;

const TEST_FILE = `tenant: tenant.yaml
now: 2026-01-05T09:00:00Z
redact: [tok]
cases:
  - name: calls the API
    script: Leaky
    stubs:
      - match: { http: "POST https://api.example.com/v1/orders*" }
        status: 500
        body: { error: "bad key ${APIKEY}" }
    expect:
      status: completed
      variables: { n: 1 }
`;

function leaks(text: string, planted: readonly string[] = PLANTED): string[] {
  return planted.filter((p) => text.includes(p));
}

describe('planted secrets never reach an output', () => {
  const dir = folder({ 'Leaky.script': SCRIPT, 'tenant.yaml': TENANT, 'stubs.yaml': STUBS, 'Leaky.test.yaml': TEST_FILE, 'package.json': '{"name":"planted"}' });
  const script = join(dir, 'Leaky.script');
  const base = ['run', script, '--tenant', join(dir, 'tenant.yaml'), '--stubs', join(dir, 'stubs.yaml'), '--now', '2026-01-05T09:00:00Z', '--redact', 'tok'];

  it('run: text and JSON traces, text and JSON results, messages', async () => {
    for (const flags of [['--trace'], ['--trace-json'], ['--json', '--trace-json'], []]) {
      const r = await cli([...base, ...flags]);
      expect(r.crash).toBeUndefined();
      expect(r.out + r.err, `run ${flags.join(' ')}`).toContain('Leaky');
      expect(leaks(r.out + r.err), `run ${flags.join(' ')}`).toEqual([]);
    }
    // The run did use the secrets: the masked forms are there in their place.
    const r = await cli([...base, '--trace-json']);
    expect(r.err).toContain('https://svc:***@api.example.com/v1/orders?api_key=***&sig=***#token=***');
    expect(r.err).toContain('Bearer ***');
  });

  it('run without --redact still masks every credential form and the tenant credential', async () => {
    const r = await cli([...base.slice(0, -2), '--json', '--trace-json']);
    expect(leaks(r.out + r.err, FORMS)).toEqual([]);
  });

  it('run --state: the state file keeps nothing the run was told or learned', async () => {
    const state = join(dir, 'state.db');
    const r = await cli([...base, '--state', state, '--json']);
    expect(r.crash).toBeUndefined();
    expect(leaks(r.out + r.err)).toEqual([]);
    // The database and, if one is left, its write-ahead log.
    const bytes = [state, `${state}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
    // The tenant's own configuration (apiKey included) is the tenant's data, like the tenant file; nothing from the run is.
    expect(leaks(bytes, PLANTED.filter((p) => p !== APIKEY))).toEqual([]);
  });

  it('test: every reporter and its files', async () => {
    const out = join(dir, 'reports');
    for (const reporter of ['pretty', 'json', 'junit', 'html']) {
      const r = await cli(['test', join(dir, 'Leaky.test.yaml'), '--reporter', reporter, ...(reporter === 'pretty' ? [] : ['-o', join(out, `report.${reporter}`)])]);
      expect(r.crash).toBeUndefined();
      expect(leaks(r.out + r.err), reporter).toEqual([]);
    }
    for (const f of readdirSync(out)) expect(leaks(readFileSync(join(out, f), 'utf8')), f).toEqual([]);
  });

  it('snapshots hold no credential form and no tenant credential', async () => {
    const scripts = await loadFolder(dir);
    const tenant = await loadTenant(join(dir, 'tenant.yaml'));
    const runtime = createRuntime({ scripts, tenant, now: '2026-01-05T09:00:00Z', redact: ['tok'], http: createStubHttp([{ match: { http: 'POST https://api.example.com/v1/orders*' }, status: 500 }]) });
    // Stopped in the WAIT: the snapshot is taken mid-run.
    await runtime.run('Leaky', { until: '2026-01-05T09:00:10Z' });
    const snapshot = JSON.stringify(runtime.snapshot());
    expect(leaks(snapshot, FORMS)).toEqual([]);
  });
});
