// CAPTURE: collects keys into Variable, no prompt of its own (research
// voice-actions.md §7). Keys typed ahead into the buffer count first (a
// CAPTURE with Timeout 0 takes what is buffered); input ends on the
// terminator (stored unless `#-`), at MaxDigits (the terminator counts), or on
// Timeout / InterDigitTimeout; each ending has its branch.
import { defineAction, number, text, variable } from './define.js';
import { callOf, inputRules, isOutcome } from './voice.js';

export default defineAction({
  type: 'CAPTURE',
  description: 'Collects keys into Variable; branches Terminator, MaxDigits, Timeout and InterDigitTimeout say how input ended.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/capture/capture.htm (documented; the default timeouts of 5 s are an emulator decision: docs/phone.md)',
  props: {
    Variable: variable({ required: true, description: 'Receives the keys entered.' }),
    MaxDigits: number({ default: 1, min: 1, integer: true, description: 'Keys to collect, the terminator included.' }),
    Terminator: text({ default: '', description: 'Keys that end input (empty: none); a trailing - drops the key from the value.' }),
    Timeout: number({ default: 5, min: 0, max: 60, description: 'Seconds to wait for the first key (0-60).' }),
    InterDigitTimeout: number({ default: 5, min: 0, description: 'Seconds to wait for each next key.' }),
  },
  outputs: { Variable: '' },
  outputSchemas: { Variable: { type: 'string', pattern: '^[0-9*#]*$' } },
  studioParams: ['Variable', 'MaxDigits', 'Terminator', 'Timeout', 'InterDigitTimeout'],
  branches: ['Default', 'Terminator', 'MaxDigits', 'Timeout', 'InterDigitTimeout'],
  media: true,
  execute(ctx, props) {
    const contact = callOf(ctx, 'CAPTURE');
    if (isOutcome(contact)) return contact;
    const rules = inputRules(props);
    if (typeof rules === 'string') return ctx.error(rules);
    const got = contact.collect(null, rules, { clearDigits: false });
    if (got.ended === 'hangup' || got.ended === 'released') return ctx.branch('Timeout', { Variable: '' });
    return ctx.branch(got.ended, { Variable: got.value });
  },
});
