// MENU: plays a prompt and collects keys; the value (also stored in Variable,
// MRES by default) chooses the branch of that value, else Default (research
// voice-actions.md §6). A key during the prompt stops it and counts; Timeout
// starts when the prompt ends; no key at all takes Timeout. Input rules are
// CAPTURE's: MaxDigits counts the terminator, `#-` strips it.
import type { Outcome } from '../contract/action.js';
import { parseTerminator } from '../phone/digits.js';
import { boolean, defineAction, number, prompt, text, variable } from './define.js';

export default defineAction({
  type: 'MENU',
  description: 'Plays Sequence, collects keys into Variable (MRES) and takes the branch of the value entered; Timeout when nothing is pressed.',
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
  studioParams: ['Sequence', 'Phrase', 'ClearDigits', 'MaxDigits', 'Terminator', 'Timeout', 'InterDigitTimeout', 'Variable'],
  branches: ['Default', 'Timeout'],
  valueBranches: true,
  media: true,
  messages: {
    noContact: 'MENU needs a phone contact: {{script}} is not running a call',
    badTerminator: 'Terminator must be keys 0-9, * or #, optionally followed by -, found "{{terminator}}"',
  },
  execute(ctx, props) {
    const contact = ctx.contact;
    if (!contact) return ctx.error(ctx.message('noContact', { script: ctx.run.script }));
    const terminator = parseTerminator(props.Terminator ?? '');
    if (!terminator) return ctx.error(ctx.message('badTerminator', { terminator: props.Terminator }));
    const got = contact.collect(
      props.Sequence ?? [],
      { maxDigits: props.MaxDigits ?? 1, terminators: terminator.keys, keepTerminator: terminator.keep, timeoutMs: (props.Timeout ?? 5) * 1000, interDigitMs: (props.InterDigitTimeout ?? 5) * 1000 },
      { clearDigits: props.ClearDigits ?? true },
    );
    if (got.ended === 'Timeout' || got.ended === 'hangup' || got.ended === 'released') return ctx.branch('Timeout', { Variable: '' });
    // The value names the branch; one that no branch has continues on Default (the runtime's rule).
    return (ctx.branch as (name: string, outputs: Record<string, string>) => Outcome)(got.value, { Variable: got.value });
  },
});
