// PLACECALL: dials a new outbound call (research voice-actions.md §14.3); the
// tenant's dial plan says what the far end does. Without answering-machine
// detection an answer (by a person or a machine) takes Default; with
// DetectionType NOTIFYOFMACHINEASAP or NOTIFYOFMESSAGEEND it takes LivePerson
// or AnswerMachine, after the detection time. NoAnswer, Busy, InvalidNumber
// and Error take their branches (Studio: the script must then HANGUP, or END
// after Error). Branch names are the ones the help page's property texts use.
import { defineAction, number, oneOf, text } from './define.js';
import { dial } from './dial.js';

/** How long detection holds the answer (NICE: "up to 7 s"; emulator decision: 2 s for a person, the message's end for a machine). */
const DETECT_PERSON_SECONDS = 2;

export default defineAction({
  type: 'PLACECALL',
  description:
    'Dials PhoneNumber (the tenant’s dialPlan decides the outcome): Default when answered (LivePerson / AnswerMachine with detection), NoAnswer after Timeout, Busy, InvalidNumber, Error. Each attempt is a calls effect.',
  source:
    'Studio help page https://help.nice-incontact.com/content/studio/actions/placecall/placecall.htm (documented: the properties and the outcomes; branch names as the property texts spell them, without an On prefix, and the detection times are emulator decisions: docs/routing.md)',
  props: {
    PhoneNumber: text({ required: true, description: 'The number to dial.' }),
    CallerID: text({ default: '', description: 'The number the called party sees.' }),
    Timeout: number({ default: 30, min: 0, description: 'Seconds of ringing before NoAnswer.' }),
    DetectionType: oneOf(['NONE', 'NOTIFYOFMACHINEASAP', 'NOTIFYOFMESSAGEEND'], { default: 'NONE', description: 'Answering-machine detection: NONE takes Default on any answer.' }),
    NoVoiceTimeout: number({ default: 5, min: 0, description: 'Silence accepted before NoVoice; kept, not interpreted.' }),
    VoiceMinimum: number({ default: 0, min: 0, description: 'Kept, not interpreted.' }),
    MaxLiveVoice: number({ default: 0, min: 0, description: 'Kept, not interpreted.' }),
    LiveSilence: number({ default: 0, min: 0, description: 'Kept, not interpreted.' }),
    MaxMachine: number({ default: 0, min: 0, description: 'Kept, not interpreted.' }),
    MachineSilence: number({ default: 0, min: 0, description: 'Kept, not interpreted.' }),
    LinkContactID: text({ default: '', description: 'Contact to link the new call to; kept, not interpreted.' }),
    SourceLegPersistent: text({ default: '', description: 'Kept as Studio saves it; not interpreted.' }),
  },
  studioParams: ['PhoneNumber', 'CallerID', 'Timeout', 'DetectionType', 'NoVoiceTimeout', 'VoiceMinimum', 'MaxLiveVoice', 'LiveSilence', 'MaxMachine', 'MachineSilence', 'LinkContactID', 'SourceLegPersistent'],
  branches: ['Default', 'NoAnswer', 'Busy', 'InvalidNumber', 'Error', 'NoVoice', 'LivePerson', 'MachineTimeout', 'AnswerMachine'],
  execute(ctx, props) {
    const d = dial(ctx, 'PLACECALL', props.PhoneNumber, { callerId: props.CallerID, timeoutSeconds: props.Timeout });
    const detect = props.DetectionType !== 'NONE';
    if (d.result === 'invalidNumber') return ctx.branch('InvalidNumber');
    if (d.result === 'error') return ctx.branch('Error');
    ctx.elapse(d.seconds + (detect && !d.timedOut && d.result === 'answered' ? DETECT_PERSON_SECONDS : 0));
    if (d.result === 'busy') return ctx.branch('Busy');
    if (d.timedOut) return ctx.branch('NoAnswer');
    if (!detect) return ctx.branch('Default');
    return ctx.branch(d.result === 'machine' ? 'AnswerMachine' : 'LivePerson');
  },
});
