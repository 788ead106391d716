// TTSVOICE: chooses a Cloud TTS Hub provider and voice for the prompts that
// follow (research voice-actions.md §18.2). The emulator speaks the same text
// whatever the voice; the choice shows in the trace and the transcript's data.
import { defineAction, text } from './define.js';

export default defineAction({
  type: 'TTSVOICE',
  description: 'Chooses the Cloud TTS Hub vendor and voice for the prompts that follow.',
  source: 'Studio help page https://help.incontact.com/pt-br/Content/CloudTTS/ManageTTS.htm (documented, read on a translated page; the properties are observed in a saved script; the voice does not change what the emulator speaks)',
  props: {
    baseapiurl: text({ default: '', description: 'The provider profile’s API URL (empty: the default profile).' }),
    vendor: text({ default: 'polly', description: 'The TTS vendor.' }),
    voicename: text({ default: 'Joanna', description: 'The vendor’s voice.' }),
  },
  studio: { evidence: 'observed', params: ['baseapiurl', 'vendor', 'voicename'], source: 'CXone Studio JSON request bodies' },
  branches: ['Default'],
  execute(ctx, props) {
    ctx.contact?.setSpeech({ cloud: { vendor: props.vendor, voiceName: props.voicename } });
    return ctx.branch('Default');
  },
});
