// MENU: plays a prompt and collects keys; the value (also stored in Variable,
// MRES by default) chooses the branch of that value, else Default (research
// voice-actions.md §6). A key during the prompt stops it and counts; Timeout
// starts when the prompt ends; no key at all takes Timeout. Input rules are
// CAPTURE's: MaxDigits counts the terminator, `#-` strips it.
import type { Outcome } from '../contract/action.js';
import { boolean, defineAction, number, prompt, text, variable } from './define.js';
import { callOf, inputRules, isOutcome } from './voice.js';

export default defineAction({
  type: 'MENU',
  description: 'Plays Sequence, collects keys into Variable (MRES) and takes the branch of the value entered; Timeout when nothing is pressed.',
  source: 'Studio help page https://help.incontact.com/Content/Studio/Actions/MENU/MENU.htm (documented in part; the parameter order and defaults are observed in exports, the Timeout branch in a public generator; no key at all taking Timeout is an emulator decision: docs/phone.md)',
  props: {
    Sequence: prompt({ description: 'The menu prompt: "%text" for speech, "file.wav" for a recording.' }),
    Phrase: text({ default: '', description: 'What the prompt says, for people reading the script (not played).' }),
    ClearDigits: boolean({ default: true, description: 'Empty the digit buffer when the action starts.' }),
    MaxDigits: number({ default: 1, min: 1, integer: true, description: 'Keys to collect, the terminator included.' }),
    Terminator: text({ default: '#-', description: 'Keys that end input; a trailing - drops the key from the value.' }),
    Timeout: number({ default: 5, min: 0, description: 'Seconds to wait for the first key after the prompt.' }),
    InterDigitTimeout: number({ default: 5, min: 0, description: 'Seconds to wait for each next key.' }),
    Variable: variable({ default: 'MRES', description: 'Receives the keys entered.' }),
  },
  outputs: { Variable: 'MRES' },
  outputSchemas: { Variable: { type: 'string', pattern: '^[0-9*#]*$' } },
  studio: {
    evidence: 'observed',
    params: ['Sequence', 'Phrase', 'ClearDigits', 'MaxDigits', 'Terminator', 'Timeout', 'InterDigitTimeout', 'Variable'],
    source: 'NICE\'s MENU example export and CXone Studio JSON request bodies',
  },
  branches: ['Default', 'Timeout'],
  valueBranches: true,
  media: true,
  execute(ctx, props) {
    const contact = callOf(ctx, 'MENU');
    if (isOutcome(contact)) return contact;
    const rules = inputRules(props);
    if (typeof rules === 'string') return ctx.error(rules);
    const got = contact.collect(props.Sequence ?? [], rules, { clearDigits: props.ClearDigits });
    if (got.ended === 'Timeout' || got.ended === 'hangup' || got.ended === 'released') return ctx.branch('Timeout', { Variable: '' });
    // The value names the branch; one that no branch has continues on Default (the runtime's rule).
    return (ctx.branch as (name: string, outputs: Record<string, string>) => Outcome)(got.value, { Variable: got.value });
  },
});
