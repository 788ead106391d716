// PLAY: plays a prompt sequence to the caller (research voice-actions.md §5).
// ClearDigits empties the digit buffer when it starts; with DetectDTMF a key
// stops the prompt and takes Digit (the key stays in the buffer for a later
// CAPTURE). Without DetectDTMF, keys pressed meanwhile wait in the buffer.
import { boolean, defineAction, prompt, text } from './define.js';
import { callOf, isOutcome, speechRate } from './voice.js';

export default defineAction({
  type: 'PLAY',
  description: 'Plays Sequence (text-to-speech "%…", audio files "x.wav") to the caller; with DetectDTMF a key stops it and takes Digit.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/play/play.htm (documented; the Digit branch is observed in a saved script; speech timing is an emulator decision: docs/phone.md)',
  props: {
    Sequence: prompt({ description: 'The prompt: "%text" for speech, "file.wav" for a recording, {var} substituted.' }),
    Phrase: text({ default: '', description: 'What the prompt says, for people reading the script (not played).' }),
    ClearDigits: boolean({ default: true, description: 'Empty the digit buffer when the action starts.' }),
    DetectDTMF: boolean({ default: false, description: 'A key press stops the prompt (branch Digit).' }),
    SuppressSilence: text({ default: '', description: 'Kept as Studio saves it; not interpreted.' }),
    TTSVolume: text({ default: '', description: 'Speech volume for this prompt (empty: the VOICEPARAMS setting).' }),
    TTSRate: text({ default: '', description: 'Speech rate for this prompt, -7 … 7 (empty: the VOICEPARAMS setting).' }),
    TTSVoice: text({ default: '', description: 'Voice for this prompt (empty: the VOICEPARAMS setting).' }),
  },
  studio: {
    evidence: 'observed',
    params: ['Sequence', 'Phrase', 'ClearDigits', 'DetectDTMF', 'SuppressSilence', 'TTSVolume', 'TTSRate', 'TTSVoice'],
    branches: ['Digit'],
    source: 'CXone Studio JSON request bodies; a public generator writes the same eight strings',
  },
  branches: ['Default', 'Digit'],
  media: true,
  messages: { badRate: 'TTSRate must be a number from -7 to 7, found "{{rate}}"' },
  execute(ctx, props) {
    const contact = callOf(ctx, 'PLAY');
    if (isOutcome(contact)) return contact;
    const rate = speechRate(props.TTSRate);
    if (rate === null) return ctx.error(ctx.message('badRate', { rate: props.TTSRate }));
    const played = contact.play([{ kind: 'prompt', segments: props.Sequence ?? [], ...(rate !== undefined ? { rate } : {}) }], {
      clearDigits: props.ClearDigits,
      detectDtmf: props.DetectDTMF,
    });
    return ctx.branch(played.ended === 'key' ? 'Digit' : 'Default');
  },
});
