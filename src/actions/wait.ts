// WAIT: pauses the run on the virtual clock.
import { defineAction, number } from './define.js';

export default defineAction({
  type: 'WAIT',
  description: 'Pauses for Seconds of virtual time ("0,5" is accepted as 0.5).',
  source: 'Studio help page https://help.nicecxone.com/zh-cn/content/studio/actionscx/wait/wait.htm (documented, read on a translated page)',
  props: { Seconds: number({ default: 0, min: 0, description: 'How long to pause, in seconds of virtual time; fractions allowed.' }) },
  studio: { evidence: 'observed', params: ['Seconds'], source: 'CXone Studio JSON' },
  branches: ['Default'],
  execute(ctx, props) {
    ctx.elapse(props.Seconds);
    return ctx.branch('Default');
  },
});
