// DTMF: sends touch tones on the call (research voice-actions.md §23), to walk
// another IVR or dial an extension on a PBX. DigitSequence holds up to 20 keys
// 0-9, # and *; Studio's current help page says the pause characters , and .
// are ignored (no tone), so they are dropped with a warning. The action takes
// as long as the tones: each key ToneDurationms, ToneSpacingms between two
// (an emulator decision: docs/phone.md). A sequence that breaks the rules is a
// located error when it is written in the script, the action's error (_ERR,
// then Default: Studio documents no error branch) when a variable built it.
import { defineAction, number, text } from './define.js';
import { callOf, isOutcome } from './voice.js';

/** Studio's limit of keys in one DTMF action. */
const MAX_DTMF_KEYS = 20;

/** The keys of a DigitSequence without its pause characters, or the problem with it. */
function dtmfKeys(sequence: string): { keys: string; pauses: number } | string {
  const t = sequence.trim();
  const keys = t.replace(/[,.]/g, '');
  const bad = [...new Set(keys.replace(/[0-9#*]/g, ''))];
  if (bad.length > 0) return `only the keys 0-9, # and * can be sent, found ${bad.map((c) => JSON.stringify(c)).join(', ')} in "${t}"`;
  if (keys.length === 0) return 'no keys to send';
  if (keys.length > MAX_DTMF_KEYS) return `${keys.length} keys; one DTMF action sends at most ${MAX_DTMF_KEYS} (use several)`;
  return { keys, pauses: t.length - keys.length };
}

const checkSequence = (s: string): string | undefined => {
  const r = dtmfKeys(s);
  return typeof r === 'string' ? r : undefined;
};

export default defineAction({
  type: 'DTMF',
  description: 'Sends DigitSequence (up to 20 keys 0-9, #, *) as touch tones on the call; each tone lasts ToneDurationms, with ToneSpacingms between two.',
  source:
    'Studio help page https://help.incontact.com/Content/Studio/Actions/DTMF/DTMF.htm (documented: the properties, their defaults, the 20-key limit, pause characters ignored; the time the tones take and the error for a bad sequence are emulator decisions: docs/phone.md)',
  props: {
    DigitSequence: text({ required: true, check: checkSequence, description: 'The keys to send: 0-9, # and *, at most 20 (, and . are ignored).' }),
    ToneDurationms: number({ default: 120, min: 1, integer: true, description: 'How long each tone plays, in milliseconds.' }),
    ToneSpacingms: number({ default: 120, min: 0, integer: true, description: 'Silence between two tones, in milliseconds.' }),
  },
  branches: ['Default'],
  studio: { evidence: 'unknown', params: [], source: 'no export or request body with a DTMF action was found; JSON imports by name' },
  media: true,
  messages: { pauses: 'DTMF: the pause characters , and . in DigitSequence are ignored (Studio sends no tone for them)' },
  execute(ctx, props) {
    const contact = callOf(ctx, 'DTMF');
    if (isOutcome(contact)) return contact;
    const sequence = dtmfKeys(props.DigitSequence);
    if (typeof sequence === 'string') return ctx.error(`DTMF DigitSequence: ${sequence}`);
    if (sequence.pauses > 0) ctx.warn(ctx.message('pauses'));
    const played = contact.play([{ kind: 'tones', digits: sequence.keys, toneMs: props.ToneDurationms, spacingMs: props.ToneSpacingms }], { clearDigits: false, detectDtmf: false });
    if (played.ended !== 'released') ctx.effect('tones', { digits: sequence.keys, toneMs: props.ToneDurationms, spacingMs: props.ToneSpacingms, contactId: ctx.run.contactId });
    return ctx.branch('Default');
  },
});
