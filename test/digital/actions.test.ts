// The digital actions' branches: what each does without a digital contact,
// with bad properties, and when the middleware fails.
import { describe, expect, it } from 'vitest';
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
  return { last: s.path[s.path.length - 1], error: s.lastError, vars: s.variables };
}

describe('digital actions', () => {
  it('TEXTMSG: Default when delivered, Error with _ERR when the middleware fails or the JSON is not JSON', async () => {
    expect(await digital('act: TEXTMSG { Message = "x" }\n  Default -> ok\n  Error -> failed')).toMatchObject({ last: 'AnswerReplies.ok' });
    expect(await digital('act: TEXTMSG { Message = "x" }\n  Default -> ok\n  Error -> failed', [{ ...OK, status: 500 }])).toMatchObject({
      last: 'AnswerReplies.failed',
      error: 'TEXTMSG: middleware answered 500 Internal Server Error',
    });
    expect((await digital('act: TEXTMSG { Message = "oops"\n  MessageFormat = JSON }\n  Default -> ok\n  Error -> failed')).error).toMatch(/MessageFormat JSON needs Message to be JSON text/);
  });

  it('ASKCALLER: Error when the question cannot be sent', async () => {
    expect(await digital('act: ASKCALLER { Message = "Day?" }\n  CallerResponded -> ok\n  Timeout -> ok\n  Default -> ok\n  Error -> failed', [{ ...OK, status: 404 }])).toMatchObject({
      last: 'AnswerReplies.failed',
      error: 'ASKCALLER: invalid destination: middleware answered 404 Not Found',
    });
  });

  it('REQAGENT DIGITAL: Error for an unknown skill, a phone skill, a bad proficiency window', async () => {
    const req = (props: string) => digital(`act: REQAGENT DIGITAL { ${props} }\n  Default -> ok\n  Error -> failed`);
    expect((await req('Skill = "9999"')).error).toBe('REQAGENT DIGITAL: skill 9999 does not exist in this business unit');
    expect((await req('Skill = "4100"\n  HighProficiency = 5\n  LowProficiency = 2')).error).toBe('REQAGENT DIGITAL: HighProficiency (5) must not be worse than LowProficiency (2)');
    expect(await req('Priority = 3')).toMatchObject({ last: 'AnswerReplies.ok', error: '' });
  });

  it('UPDATE DIGITAL CONTACT STATUS: OnInvalidStatus and OnInvalidContactId', async () => {
    const upd = (props: string) =>
      digital(`act: UPDATE DIGITAL CONTACT STATUS { ${props} }\n  Default -> ok\n  OnError -> failed\n  OnInvalidContactId -> bad_id\n  OnInvalidStatus -> bad_status\nbad_id: END\nbad_status: END`);
    expect((await upd('UpdateContactStatus = "Done"')).last).toBe('AnswerReplies.bad_status');
    expect((await upd('ContactId = "42"\n  UpdateContactStatus = "Closed"')).last).toBe('AnswerReplies.bad_id');
    expect((await upd('UpdateContactStatus = "resolved"')).last).toBe('AnswerReplies.ok');
  });

  it('a digital action in a run no message started takes its error branch saying so', async () => {
    const r = await run(['script Plain\nstart: BEGIN -> act\nact: TEXTMSG { Message = "x" }\n  Default -> done\n  Error -> done\ndone: END'], {}, {});
    expect(r.lastError).toBe('TEXTMSG needs a digital contact: Plain was not started by a message on a BYOC channel (docs/digital.md)');
  });
});
