// ONSIGNAL: the event action a SIGNAL (or a signal URL) starts: it receives the
// parameters as SP1…SPn, renamed by Parameters as BEGIN renames p1…pN, and the
// sender's contact id (0 for a URL) in SrcContactIDVar. One per script.
import type { Value } from '../contract/value.js';
import { defineAction, list } from './define.js';

export default defineAction({
  type: 'ONSIGNAL',
  description: 'Runs when the script is signalled (SIGNAL): parameters arrive as SP1…SPn, the sender’s id in SrcContactIDVar.',
  source: 'Studio help page https://help.nice-incontact.com/content/studio/actionscx/onsignal/onsignal.htm (documented)',
  props: {
    Parameters: list('variable', { description: 'Names for SP1…SPn, in order (unnamed ones keep their SPn name).' }),
  },
  outputs: { SrcContactIDVar: '' },
  studioParams: ['SrcContactIDVar', 'Parameters'],
  branches: ['Default'],
  event: 'signal',
  execute(ctx, props) {
    const e = ctx.event;
    const params = e?.type === 'signal' ? e.params : [];
    const names = (props.Parameters ?? []).map((n) => String(n).trim().toLowerCase());
    const vars: Record<string, Value> = {};
    params.forEach((value, i) => {
      vars[`sp${i + 1}`] = value;
      if (names[i]) vars[names[i]] = value;
    });
    return { branch: 'Default', vars, outputs: { SrcContactIDVar: e?.type === 'signal' ? e.from : '0' } };
  },
});
