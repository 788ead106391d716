// Table tests of the digital actions: each branch, what each does without a
// digital contact, with bad properties, and when the middleware fails.
import { describe, expect, test } from 'vitest';
import { createStubHttp, type HttpStub } from '../../src/http/stubs.js';
import { deliverInbound } from '../../src/tenant/digital/inbox.js';
import { checkTenantText, openCheckedTenant } from '../../src/tenant/tenant.js';
import { NOW, run } from '../runtime/helpers.js';
import { OUTREACH_TENANT_YAML } from './fixtures.js';

const OK: HttpStub = { match: { http: 'POST http://localhost:8787/*' }, status: 202 };
const START = 'script Start\nstart: BEGIN -> done\ndone: END';

/** Runs `action` (labelled `act`, its branches written by the caller) in AnswerReplies started by one reply; returns the reply run's path end and last error. */
async function digital(action: string, stubs: HttpStub[] = [OK]) {
  const tenant = openCheckedTenant(checkTenantText(OUTREACH_TENANT_YAML, 'tenant.yaml'));
  deliverInbound(tenant.store, 'acme-chat-us', '+13035550101', Date.parse(NOW) + 5000, 'hi');
  const script = `script AnswerReplies\ntype Digital\nstart: BEGIN -> act\n${action}\nok: END\nfailed: END`;
  const r = await run([START, script], {}, { tenant, http: createStubHttp(stubs) });
  const s = r.spawned![0]!;
  return { last: s.path[s.path.length - 1]!.replace('AnswerReplies.', ''), error: s.lastError };
}

describe('TEXTMSG', () => {
  const textmsg = (props: string) => `act: TEXTMSG { ${props} }\n  Default -> ok\n  Error -> failed`;
  test.each([
    ['delivered: Default', 'Message = "x"', [OK], 'ok', ''],
    ['the middleware fails: Error with _ERR', 'Message = "x"', [{ ...OK, status: 500 }], 'failed', 'TEXTMSG: middleware answered 500 Internal Server Error'],
    ['MessageFormat JSON with a Message that is not JSON: Error', 'Message = "oops"\n  MessageFormat = JSON', [OK], 'failed', /MessageFormat JSON needs Message to be JSON text/],
  ] as const)('%s', async (_n, props, stubs, last, error) => {
    const r = await digital(textmsg(props), [...stubs]);
    expect(r.last).toBe(last);
    if (typeof error === 'string') expect(r.error).toBe(error);
    else expect(r.error).toMatch(error);
  });

  test('in a run no message started: its error branch, saying so', async () => {
    const r = await run(['script Plain\nstart: BEGIN -> act\nact: TEXTMSG { Message = "x" }\n  Default -> done\n  Error -> done\ndone: END'], {}, {});
    expect(r.lastError).toBe('TEXTMSG needs a digital contact: Plain was not started by a message on a BYOC channel (docs/digital.md)');
  });
});

describe('ASKCALLER', () => {
  const ask = 'act: ASKCALLER { Message = "Day?" }\n  CallerResponded -> ok\n  Timeout -> ok\n  Default -> ok\n  Error -> failed';
  test.each([
    ['the question cannot be sent: Error', [{ ...OK, status: 404 }], 'failed', 'ASKCALLER: invalid destination: middleware answered 404 Not Found'],
    ['the question is sent and the run ends waiting for the answer without an error', [OK], undefined, ''],
  ] as const)('%s', async (_n, stubs, last, error) => {
    const r = await digital(ask, [...stubs]);
    if (last) expect(r.last).toBe(last);
    expect(r.error).toBe(error);
  });
});

describe('REQAGENT DIGITAL', () => {
  test.each([
    ['an unknown skill: Error', 'Skill = "9999"', 'failed', 'REQAGENT DIGITAL: skill 9999 does not exist in this business unit'],
    ['a reversed proficiency window: Error', 'Skill = "4100"\n  HighProficiency = 5\n  LowProficiency = 2', 'failed', 'REQAGENT DIGITAL: HighProficiency (5) must not be worse than LowProficiency (2)'],
    ['the contact’s skill with a priority: Default', 'Priority = 3', 'ok', ''],
  ])('%s', async (_n, props, last, error) => {
    expect(await digital(`act: REQAGENT DIGITAL { ${props} }\n  Default -> ok\n  Error -> failed`)).toEqual({ last, error });
  });
});

describe('UPDATE DIGITAL CONTACT STATUS', () => {
  test.each([
    ['a status Studio does not know: OnInvalidStatus', 'UpdateContactStatus = "Done"', 'bad_status'],
    ['a contact id that is not the conversation’s: OnInvalidContactId', 'ContactId = "42"\n  UpdateContactStatus = "Closed"', 'bad_id'],
    ['a known status, in any case: Default', 'UpdateContactStatus = "resolved"', 'ok'],
  ])('%s', async (_n, props, last) => {
    const r = await digital(`act: UPDATE DIGITAL CONTACT STATUS { ${props} }\n  Default -> ok\n  OnError -> failed\n  OnInvalidContactId -> bad_id\n  OnInvalidStatus -> bad_status\nbad_id: END\nbad_status: END`);
    expect(r.last).toBe(last);
  });
});
