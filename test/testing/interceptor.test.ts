// Stubs answering action calls: by type and property values, by label, forced
// errors, the first N calls, the n-th call only, delays, and unmatched stubs.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { builtinRegistry } from '../../src/actions/registry.js';
import type { InterceptedCall } from '../../src/runtime/services.js';
import { createInterceptor } from '../../src/testing/interceptor.js';
import { loadTestFile } from '../../src/testing/load.js';
import type { ActionStub } from '../../src/testing/test-file.js';

const registry = builtinRegistry();
function stubs(yaml: string): ActionStub[] {
  const text = `cases:\n  - name: a\n    script: Main\n    stubs:\n${yaml.replace(/^/gm, '      ')}\n`;
  const r = loadTestFile(join(import.meta.dirname, 'x.test.yaml'), { text });
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.testFile!.cases[0]!.stubs as ActionStub[];
}
const call = (label: string, type: string, props: Record<string, unknown> = {}): InterceptedCall => ({
  script: 'Main',
  label,
  type,
  caption: type,
  props: props as InterceptedCall['props'],
  callIndex: 1,
});

describe('createInterceptor', () => {
  it('matches by action type and property values (scalars compare as text, names case-insensitively)', () => {
    const i = createInterceptor(stubs('- match: { action: RUNSUB, scriptName: Sub, parameters: [1234] }\n  return: { vars: { created: 25 } }'), registry);
    expect(i.intercept(call('a', 'RUNSUB', { ScriptName: 'Other', Parameters: ['1234'] }))).toBeUndefined();
    expect(i.intercept(call('a', 'IF', { ScriptName: 'Sub' }))).toBeUndefined();
    expect(i.intercept(call('a', 'RUNSUB', { ScriptName: 'Sub', Parameters: ['1234'] }))).toEqual({
      outcome: { branch: 'Default', vars: { created: 25 } },
    });
  });

  it('matches by Script.label and forces the error outcome on the action’s error branch', () => {
    const i = createInterceptor(stubs('- match: { label: Main.code }\n  error: CRM unavailable\n  delay: 2m'), registry);
    expect(i.intercept(call('other', 'SNIPPET'))).toBeUndefined();
    expect(i.intercept(call('code', 'SNIPPET'))).toEqual({ outcome: { branch: 'Error', error: 'CRM unavailable' }, seconds: 120 });
    expect(i.intercept({ ...call('code', 'SNIPPET'), script: 'main' })).toMatchObject({ outcome: { branch: 'Error' } });
  });

  it('answers only the first N calls with times, then falls through to the next stub or the real action', () => {
    const i = createInterceptor(
      stubs('- match: { action: RUNSUB }\n  times: 2\n  return: { vars: { n: 1 } }\n- match: { action: RUNSUB }\n  times: 1\n  error: down'),
      registry,
    );
    const answers = [1, 2, 3, 4].map(() => i.intercept(call('a', 'RUNSUB'))?.outcome);
    expect(answers).toEqual([{ branch: 'Default', vars: { n: 1 } }, { branch: 'Default', vars: { n: 1 } }, { branch: 'OnError', error: 'down' }, undefined]);
    expect(i.usage().map((u) => [u.matched, u.answered])).toEqual([
      [4, 2],
      [4, 1],
    ]);
  });

  it('answers the n-th matching call only', () => {
    const i = createInterceptor(stubs('- match: { action: SPAWN }\n  call: 3\n  error: quota'), registry);
    const answers = [1, 2, 3, 4].map(() => i.intercept(call('s', 'SPAWN'))?.outcome.error);
    expect(answers).toEqual([undefined, undefined, 'quota', undefined]);
  });

  it('reports stubs that never answered', () => {
    const i = createInterceptor(stubs('- match: { action: RUNSUB }\n  error: x\n- match: { label: Main.never }\n  error: y'), registry);
    i.intercept(call('a', 'RUNSUB'));
    expect(i.usage().filter((u) => u.answered === 0).map((u) => u.stub.label)).toEqual(['Main.never']);
  });

  it('takes the branch in the action’s own spelling', () => {
    const i = createInterceptor(stubs('- match: { action: IF }\n  return: { branch: "false" }'), registry);
    expect(i.intercept(call('x', 'IF'))).toEqual({ outcome: { branch: 'False' } });
  });
});
