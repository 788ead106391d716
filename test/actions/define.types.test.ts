// What `execute` receives, checked by the compiler (`npm run typecheck`):
// required and defaulted properties arrive as plain values, the others may be
// missing; enums are their literal values. The same holds for actions users
// define with the exported helpers.
import { describe, expectTypeOf, it } from 'vitest';
import type { Value } from '../../src/contract/value.js';
import { boolean, defineAction, expression, list, number, oneOf, text, value, variable, type PropsOf } from '../../src/actions/define.js';
import * as api from '../../src/index.js';

describe('defineAction property types', () => {
  it('required and defaulted properties are never undefined; the others are optional', () => {
    const props = {
      Name: text({ required: true }),
      Note: text(),
      Greeting: text({ default: 'hi' }),
      Count: number({ required: true, integer: true }),
      Retries: number({ default: 3 }),
      Limit: number(),
      Loud: boolean({ default: false }),
      Quiet: boolean(),
      Mode: oneOf(['Fast', 'Slow'], { default: 'Fast' }),
      Level: oneOf(['Low', 'High']),
      Target: variable({ default: 'result' }),
      Into: variable({ required: true }),
      Data: value({ required: true }),
      Extra: value(),
      Check: expression({ required: true }),
      Items: list('value', { required: true }),
      Names: list('text'),
    };
    expectTypeOf<PropsOf<typeof props>>().toEqualTypeOf<{
      readonly Name: string;
      readonly Note?: string;
      readonly Greeting: string;
      readonly Count: number;
      readonly Retries: number;
      readonly Limit?: number;
      readonly Loud: boolean;
      readonly Quiet?: boolean;
      readonly Mode: 'Fast' | 'Slow';
      readonly Level?: 'Low' | 'High';
      readonly Target: string;
      readonly Into: string;
      readonly Data: Value;
      readonly Extra?: Value;
      readonly Check: Value;
      readonly Items: Value[];
      readonly Names?: Value[];
    }>();
  });

  it('execute sees the same types inside defineAction, for built-in and users’ actions alike', () => {
    api.defineAction({
      type: 'USER ACTION',
      description: 'A user-defined action.',
      props: { Key: api.text({ required: true }), Times: api.number({ default: 1 }), Label: api.text() },
      branches: ['Default'],
      execute(ctx, props) {
        expectTypeOf(props.Key).toEqualTypeOf<string>();
        expectTypeOf(props.Times).toEqualTypeOf<number>();
        expectTypeOf(props.Label).toEqualTypeOf<string | undefined>();
        return ctx.branch('Default');
      },
    });
    defineAction({
      type: 'OTHER ACTION',
      description: 'Another one.',
      props: { Kind: oneOf(['A', 'B'], { required: true }) },
      branches: ['Default', 'OnError'],
      execute(ctx, props) {
        expectTypeOf(props.Kind).toEqualTypeOf<'A' | 'B'>();
        // @ts-expect-error: a branch the action does not declare
        ctx.branch('Defualt');
        return ctx.error('no');
      },
    });
  });

  it('a wrongly typed default does not compile', () => {
    // @ts-expect-error: a number property's default is a number
    number({ default: 'three' });
    // @ts-expect-error: an enum's default is one of its values
    oneOf(['A', 'B'], { default: 'C' });
  });
});
