// ASSIGN: sets one variable from text, a numeric expression or a date.
import { flow, oneVar } from '../contract/flow.js';
import { toNumber } from '../snippet/index.js';
import type { Value } from '../contract/value.js';
import { boolean, defineAction, oneOf, text, variable } from './define.js';

export const MAX_STRING_SIZES = ['2K', '4K', '8K', '16K', '32K'] as const;

/** How Studio writes each size (`Limit2K`, in every observed export): accepted in scripts, written by exports. */
export const MAX_STRING_SIZE_STUDIO = { '2K': 'Limit2K', '4K': 'Limit4K', '8K': 'Limit8K', '16K': 'Limit16K', '32K': 'Limit32K' } as const;

/** MaxStringSize in characters (`2K` = 2048). */
export const maxStringChars = (size: string | undefined): number => STRING_SIZE_CHARS[size ?? '2K'] ?? 2048;
const STRING_SIZE_CHARS: Record<string, number> = { '2K': 2048, '4K': 4096, '8K': 8192, '16K': 16384, '32K': 32768 };

export default defineAction({
  type: 'ASSIGN',
  description: 'Sets Variable to Value: as text (String), as the result of snippet arithmetic (Numeric) or as a date (Datetime).',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/assign/assign.htm (documented; String as the default Type is inferred)',
  props: {
    Variable: variable({ required: true, description: 'The variable to set; `global:name` sets a global variable.' }),
    Value: text({ default: '', description: 'The value, with {…} substitutions; Type says how it is read.' }),
    Type: oneOf(['String', 'Numeric', 'Datetime'], { default: 'String', description: 'String keeps the text; Numeric evaluates it as snippet arithmetic; Datetime reads it as a date (not a date: null and a warning).' }),
    ScreenPop: boolean({ default: false, description: 'Show the value in the agent\'s screen pop (recorded as a screenPop effect).' }),
    SaveToDB: boolean({ default: false, description: 'Save the value in the platform database (recorded as a savedToDb effect).' }),
    MaxStringSize: oneOf(MAX_STRING_SIZES, { default: '2K', studio: MAX_STRING_SIZE_STUDIO, description: 'Longest text the variable may hold; a longer value takes Overflow and the variable keeps its old value.' }),
  },
  branches: ['Default', 'Overflow'],
  studio: {
    evidence: 'observed',
    params: ['Variable', 'Value', 'Type', { studio: 'Publish' }, 'ScreenPop', 'SaveToDB', 'MaxStringSize'],
    source: 'CXone Studio JSON request bodies (Publish, hidden in the editor, at position 3)',
  },
  messages: {
    numeric: 'ASSIGN {{variable}}: cannot evaluate "{{text}}" as a number: {{reason}}',
    badDate: 'ASSIGN {{variable}}: "{{text}}" is not a date; the variable is set to null',
    overflow: 'ASSIGN {{variable}}: the value is {{length}} characters, over MaxStringSize {{size}} ({{chars}} characters); the variable keeps its old value (MaxStringSize goes up to 32K, the largest Studio allows)',
  },
  execute(ctx, props) {
    const f = flow(ctx);
    const size = maxStringChars(props.MaxStringSize);
    const raw = props.Value;
    const name = props.Variable;
    let value: Value;
    switch (props.Type) {
      case 'Numeric':
        if (raw.trim() === '') value = 0;
        else {
          try {
            // Numeric evaluates the substituted text as snippet arithmetic: "1+1" is 2, "{a}*2" doubles a.
            value = toNumber(f.evaluateExpression(raw, size));
          } catch (err) {
            return ctx.error(ctx.message('numeric', { variable: name, text: raw, reason: err instanceof Error ? err.message : String(err) }));
          }
        }
        break;
      case 'Datetime':
        value = f.parseDate(raw);
        if (value === null && raw.trim() !== '') ctx.warn(ctx.message('badDate', { variable: name, text: raw }));
        break;
      default:
        value = raw;
    }
    // Too long for MaxStringSize: Overflow, and the variable keeps its old value.
    if (typeof value === 'string' && value.length > size)
      return ctx.error(ctx.message('overflow', { variable: name, length: value.length, size: props.MaxStringSize ?? '2K', chars: size }), { branch: 'Overflow' });
    if (props.ScreenPop) {
      f.flagScreenPop(name);
      ctx.effect('screenPop', { name, value });
    }
    if (props.SaveToDB) ctx.effect('savedToDb', { name, value });
    return { branch: 'Default', vars: oneVar(name, value) };
  },
});
