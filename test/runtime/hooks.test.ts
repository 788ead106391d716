// The hooks other parts build on: interceptor, user-defined actions, effects,
// async actions, onRunEnd, background processes and redaction.
import { describe, expect, test } from 'vitest';
import type { RunEndContext } from '../../src/contract/run-end.js';
import { defineAction, number, text } from '../../src/actions/define.js';
import type { InterceptedCall } from '../../src/runtime/services.js';
import type { BackgroundProcess } from '../../src/contract/process.js';
import { PROCESS_HORIZON_DAYS } from '../../src/contract/limits.js';
import { run } from './helpers.js';

const ended: RunEndContext[] = [];
const lookup = defineAction({
  type: 'LOOKUP CUSTOMER',
  description: 'Test action: looks a customer up, asynchronously, and records an effect.',
  props: { Phone: text({ required: true }), DelaySeconds: number({ default: 0 }) },
  outputs: { Customer: 'customer' },
  branches: ['Default', 'NotFound', 'OnError'],
  errorBranch: 'OnError',
  async execute(ctx, props) {
    await Promise.resolve();
    const phone = props.Phone;
    ctx.elapse(props.DelaySeconds);
    ctx.effect('crm', { lookup: phone });
    ctx.setContactData('lastLookup', phone);
    if (props.Phone === 'boom') throw new Error('CRM exploded');
    if (props.Phone === '') return ctx.branch('NotFound');
    return ctx.branch('Default', { Customer: { phone, name: 'Ada' } });
  },
  onRunEnd(end) {
    ended.push(end);
  },
});

const script = (phone: string, extra = '') => `script Main
start: BEGIN -> look
look: LOOKUP CUSTOMER { Phone = "${phone}"  DelaySeconds = 3 ${extra} }
  -> done
  NotFound -> missing
  OnError -> failed
done: END
missing: END
failed: END
`;

describe('user-defined actions', () => {
  test('an async action writes its outputs, records effects and advances the clock', async () => {
    ended.length = 0;
    const r = await run([script('+13035550100')], { keepTrace: true }, { actions: [lookup] });
    expect(r.status).toBe('completed');
    expect(r.variables.customer).toEqual({ phone: '+13035550100', name: 'Ada' });
    expect(r.effects.crm).toEqual([{ lookup: '+13035550100' }]);
    expect(r.endedAt).toBe('2026-11-21T09:00:03.000Z');
    expect(r.trace!.some((e) => e.type === 'effect' && e.kind === 'crm')).toBe(true);
    // onRunEnd: once per action type executed, with the run's data.
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ endedBy: 'script', status: 'completed', contactData: { lastLookup: '+13035550100' } });
    expect(ended[0]!.variables.customer).toEqual({ phone: '+13035550100', name: 'Ada' });
  });

  test('an output variable can be renamed by the script', async () => {
    const r = await run([script('1', 'Customer = who')], {}, { actions: [lookup] });
    expect(r.variables.who).toEqual({ phone: '1', name: 'Ada' });
    expect(r.variables.customer).toBeUndefined();
  });

  test('an exception in execute is the error outcome, with the message in _err', async () => {
    const r = await run([script('boom')], {}, { actions: [lookup] });
    expect(r.path.at(-1)).toBe('Main.failed');
    expect(r.lastError).toBe('LOOKUP CUSTOMER failed: CRM exploded');
  });
});

describe('interceptor', () => {
  test('answers after property evaluation, skips execute, and its seconds advance the clock', async () => {
    const calls: InterceptedCall[] = [];
    const r = await run(
      [script('{phone}')],
      { vars: { phone: '555' } },
      {
        actions: [lookup],
        intercept: (call) => {
          calls.push(call);
          if (call.type !== 'LOOKUP CUSTOMER') return undefined;
          return { outcome: { branch: 'Default', outputs: { Customer: 'stubbed' } }, seconds: 60 };
        },
      },
    );
    expect(calls.map((c) => `${c.script}.${c.label}#${c.callIndex}`)).toEqual(['Main.start#1', 'Main.look#1', 'Main.done#1']);
    expect(calls[1]).toMatchObject({ type: 'LOOKUP CUSTOMER', caption: 'LOOKUP CUSTOMER', props: { Phone: '555', DelaySeconds: 3 } });
    expect(r.variables.customer).toBe('stubbed');
    expect(r.effects.crm).toEqual([]);
    expect(r.endedAt).toBe('2026-11-21T09:01:00.000Z');
  });

  test('an error answer sets _err and takes the error branch', async () => {
    const r = await run([script('1')], {}, {
      actions: [lookup],
      intercept: (call) => (call.label === 'look' ? { outcome: { branch: 'OnError', error: 'CRM unavailable' } } : undefined),
    });
    expect(r.path.at(-1)).toBe('Main.failed');
    expect(r.lastError).toBe('CRM unavailable');
  });

  test('callIndex counts executions of the action in the run', async () => {
    const indexes: number[] = [];
    await run(
      [`script Main
start: BEGIN -> loop
loop: LOOP { Repeat = 3 }
  Repeat -> loop
  Finished -> done
done: END
`],
      {},
      { intercept: (call) => void (call.label === 'loop' && indexes.push(call.callIndex)) },
    );
    expect(indexes).toEqual([1, 2, 3, 4]);
  });
});

describe('background processes', () => {
  test('run between the steps of runs, earliest due first; runs win ties', async () => {
    const log: string[] = [];
    let next: number | null = Date.parse('2026-11-21T09:00:00Z');
    const dialer: BackgroundProcess = {
      name: 'dialer',
      nextDueMs: () => next,
      runDue(nowMs) {
        log.push(`dial ${new Date(nowMs).toISOString().slice(11, 19)}`);
        next = nowMs + 20_000 <= Date.parse('2026-11-21T09:01:00Z') ? nowMs + 20_000 : null;
      },
    };
    const r = await run(
      [`script Main
start: BEGIN -> w
w: WAIT { Seconds = 30 } -> t
t: SNIPPET {
  TRACE "script"
} -> done
done: END
`],
      { keepTrace: true },
      { background: [dialer] },
    );
    r.trace!.filter((e) => e.type === 'trace').forEach((e) => log.push(`script ${e.time.slice(11, 19)}`));
    log.sort((a, b) => a.slice(-8).localeCompare(b.slice(-8)));
    expect(log).toEqual(['dial 09:00:00', 'dial 09:00:20', 'script 09:00:30']);
    expect(r.status).toBe('completed');
  });

  test('without an until, are followed up to PROCESS_HORIZON_DAYS after the start once no run has anything due', async () => {
    const start = Date.parse('2026-11-21T09:00:00Z');
    // Due every day, forever (what a wake-up planned centuries ahead made routing do, day by day).
    let next: number | null = start;
    let last = 0;
    let ticks = 0;
    const daily: BackgroundProcess = {
      name: 'daily',
      keepsRunning: true,
      nextDueMs: () => next,
      runDue(nowMs) {
        ticks++;
        last = nowMs;
        next = nowMs + 86_400_000;
      },
    };
    const r = await run([`script Main\nstart: BEGIN -> done\ndone: END\n`], {}, { background: [daily], now: '2026-11-21T09:00:00Z' });
    expect(r.status).toBe('completed');
    expect(ticks).toBe(PROCESS_HORIZON_DAYS + 1);
    expect(last).toBe(start + PROCESS_HORIZON_DAYS * 86_400_000);
    // With an until, the until decides.
    next = start;
    ticks = 0;
    await run([`script Main\nstart: BEGIN -> done\ndone: END\n`], { until: '900d' }, { background: [daily], now: '2026-11-21T09:00:00Z' });
    expect(ticks).toBe(901);
  });
});

describe('redaction', () => {
  test('redacted variables never appear in the result, trace or errors', async () => {
    const r = await run(
      [`script Main
start: BEGIN -> use
use: ASSIGN { Variable = header  Value = "Bearer {token}" } -> fail
fail: SNIPPET {
  x = 1 / 0
  y = token
}
  Error -> err
err: ASSIGN { Variable = msg  Value = "token {token} failed" } -> done
done: END
`],
      { vars: { token: 's3cr3t-value' }, keepTrace: true },
      { redact: ['token'] },
    );
    const all = JSON.stringify(r);
    expect(all).not.toContain('s3cr3t-value');
    expect(r.variables.token).toBe('***');
    expect(r.variables.header).toBe('Bearer ***');
  });
});

describe('secret properties', () => {
  const login = defineAction({
    type: 'LOGIN',
    description: 'Test action: fails with a message that quotes its password.',
    props: { User: text({ required: true }), Password: text({ required: true }) },
    branches: ['Default', 'OnError'],
    errorBranch: 'OnError',
    secretProps: ['Password'],
    execute(ctx, props) {
      ctx.warn(`trying ${props.User}/${props.Password}`);
      return ctx.error(`login ${props.User} with ${props.Password} refused`);
    },
  });

  test("a secret property's value is scrubbed from events, warnings, _err and the result", async () => {
    const r = await run(
      [`script Main
start: BEGIN -> login
login: LOGIN { User = "ada"  Password = "hunter22" }
  OnError -> keep
keep: ASSIGN { Variable = copy  Value = "{_err}" } -> done
done: END
`],
      { keepTrace: true },
      { actions: [login] },
    );
    expect(JSON.stringify(r)).not.toContain('hunter22');
    expect(r.lastError).toBe('login ada with *** refused');
    expect(r.warnings).toEqual(['Main.login: trying ada/***']);
    expect(r.trace!.find((e) => e.type === 'action.enter' && e.label === 'login')).toMatchObject({ props: { User: 'ada', Password: '***' } });
  });
});

describe('tenant option', () => {
  test('a Tenant from emptyTenant sets the zone of the clock and is used as the store', async () => {
    const { emptyTenant } = await import('../../src/tenant/index.js');
    const tenant = emptyTenant('America/Denver', { businessUnit: 4600123 });
    const r = await run(
      [`script Main
start: BEGIN -> read
read: ASSIGN { Variable = bu  Value = "{bu}" } -> done
done: END
`],
      {},
      { tenant, now: '2026-11-21T09:00:00' },
    );
    expect(r.startedAt).toBe('2026-11-21T09:00:00.000-07:00');
    expect(r.variables.bu).toBe('4600123');
  });
});

test('an action that returns no outcome takes its error outcome with a clear message', async () => {
  const broken = defineAction({
    type: 'BROKEN',
    description: 'Test action that forgets to return.',
    props: {},
    branches: ['Default', 'OnError'],
    errorBranch: 'OnError',
    execute() {
      return undefined as never;
    },
  });
  const r = await run(
    [`script Main
start: BEGIN -> b
b: BROKEN
  -> done
  OnError -> failed
done: END
failed: END
`],
    {},
    { actions: [broken] },
  );
  expect(r.path.at(-1)).toBe('Main.failed');
  expect(r.lastError).toBe('BROKEN returned no outcome (expected ctx.branch(...) or ctx.error(...))');
});
