// IVR: prompts, keys, calls and their events (docs/actions/ivr.md): one line per built-in action.
export { default as capture } from '../capture.js';
export { default as exit } from '../exit.js';
export { default as hangup } from '../hangup.js';
export { default as indicate } from '../indicate.js';
export { default as menu } from '../menu.js';
export { default as music } from '../music.js';
export { default as onanswer } from '../onanswer.js';
export { default as onhold } from '../onhold.js';
export { default as onrelease } from '../onrelease.js';
export { default as onsignal } from '../onsignal.js';
export { default as play } from '../play.js';
export { default as record } from '../record.js';
export { default as signal } from '../signal.js';
export { default as stop } from '../stop.js';
export { default as ttsvoice } from '../ttsvoice.js';
export { default as voiceparams } from '../voiceparams.js';
