// VOICEPARAMS: sets the native text-to-speech voice for the prompts that follow
// (research voice-actions.md §18.1); each one overrides the previous. The rate
// changes how long speech takes on the virtual clock (docs/phone.md).
import { defineAction, oneOf, text } from './define.js';
import { speechRate, speechVolume } from './voice.js';

const CHANGE = ['NoChange', 'True', 'False'] as const;

export default defineAction({
  type: 'VOICEPARAMS',
  description: 'Sets the text-to-speech volume, rate and voice for the prompts that follow.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/voiceparams/voiceparams.htm (documented; the Default branch is inferred; how the rate changes speech time is an emulator decision: docs/phone.md)',
  props: {
    TTSVolume: text({ default: '', description: 'Volume 0-100 (empty: no change; the default is 70).' }),
    TTSRate: text({ default: '', description: 'Rate -7 (slowest) … 7 (fastest) (empty: no change).' }),
    TTSVoice: text({ default: '', description: 'The voice (gender, accent, language).' }),
    ASRTuningEnabled: oneOf(CHANGE, { default: 'NoChange', description: 'Speech-recognition tuning (kept as set; the emulator has no speech recognition).' }),
    ASRUniversalsEnabled: oneOf(CHANGE, { default: 'NoChange', description: 'Speech-recognition universal commands (kept as set; not interpreted).' }),
  },
  studioParams: ['TTSVolume', 'TTSRate', 'TTSVoice', 'ASRTuningEnabled', 'ASRUniversalsEnabled'],
  branches: ['Default'],
  messages: { badRate: 'TTSRate must be a number from -7 to 7, found "{{value}}"', badVolume: 'TTSVolume must be a number from 0 to 100, found "{{value}}"' },
  execute(ctx, props) {
    const rate = speechRate(props.TTSRate);
    if (rate === null) return ctx.error(ctx.message('badRate', { value: props.TTSRate }));
    const volume = speechVolume(props.TTSVolume);
    if (volume === null) return ctx.error(ctx.message('badVolume', { value: props.TTSVolume }));
    const voice = props.TTSVoice.trim();
    ctx.contact?.setSpeech({ ...(rate !== undefined ? { rate } : {}), ...(volume !== undefined ? { volume } : {}), ...(voice ? { voice } : {}) });
    return ctx.branch('Default');
  },
});
