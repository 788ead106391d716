// MUSIC: plays one of Studio's built-in music files to the caller, the queue's
// hold music (research voice-actions.md §9). SecondstoPlay 0 plays the file to
// its end and takes OnComplete; a shorter time takes Default when it is up
// (the usual hold loop: MUSIC → announcement → MUSIC). InterruptMessages
// ("file.wav;30 other.wav;45") break in after that much music each, in turn.
// With DetectDTMF a key leaves through Digit and stays in the buffer.
// Studio plays no music to a caller who is with an agent, except in ONHOLD.
import { AUDIO_FILES_COLLECTION, audioFileKey } from '../tenant/sections/audio-files.js';
import type { PlayPiece } from '../contract/contact.js';
import { boolean, defineAction, number, text } from './define.js';
import { callOf, isOutcome } from './voice.js';

/**
 * How long a built-in music file lasts when the tenant's `audioFiles` does not
 * say (emulator decision: NICE documents only "at most 5 minutes").
 */
export const MUSIC_FILE_SECONDS = 180;

export default defineAction({
  type: 'MUSIC',
  description:
    'Plays MusicFile (hold music) from StartOffset: the whole file then OnComplete, or SecondstoPlay seconds then Default; InterruptMessages break in; with DetectDTMF a key takes Digit.',
  source:
    'Studio help page https://help.nice-incontact.com/content/studio/actionscx/music/music.htm (documented: the properties, OnComplete and Default, never wiring MUSIC to itself; the Digit branch’s name and 180 s for a file the tenant does not list are emulator decisions: docs/routing.md)',
  props: {
    MusicFile: text({ required: true, description: 'One of the built-in music files ("Carefree Days.wav"); its length comes from the tenant’s audioFiles, else 180 s.' }),
    StartOffset: number({ default: 0, min: 0, description: 'Second of the file to start from (beyond its end: from 0).' }),
    SecondstoPlay: number({ default: 0, min: 0, description: '0: the whole file, then OnComplete; less than the rest of the file: that long, then Default.' }),
    reserved1073742978: text({ default: '', description: 'Hidden Studio property; kept, not interpreted.' }),
    InterruptMessages: text({ default: '', description: 'Messages that break into the music: "file.wav;seconds" pairs separated by spaces, each after that much music, in turn.' }),
    RepeatIndex: text({ default: '', description: 'Kept as Studio saves it; not interpreted.' }),
    DetectDTMF: boolean({ default: false, description: 'A key press stops the music (branch Digit).' }),
    ClearDigits: boolean({ default: true, description: 'Empty the digit buffer when the action starts.' }),
  },
  studio: {
    evidence: 'observed',
    params: ['MusicFile', 'StartOffset', 'SecondstoPlay', 'reserved1073742978', 'InterruptMessages', 'RepeatIndex', 'DetectDTMF', 'ClearDigits'],
    source: 'CXone Studio JSON request bodies',
  },
  branches: ['Default', 'OnComplete', 'Digit'],
  media: true,
  messages: {
    badMessages: 'InterruptMessages must be "file.wav;seconds" pairs separated by spaces, found "{{text}}"',
    withAgent: 'MUSIC plays nothing while the caller is with an agent (Studio plays music after ONANSWER only in ONHOLD)',
  },
  execute(ctx, props) {
    const contact = callOf(ctx, 'MUSIC');
    if (isOutcome(contact)) return contact;
    const messages = interruptMessages(props.InterruptMessages);
    if (messages === null) return ctx.error(ctx.message('badMessages', { text: props.InterruptMessages }));
    if (contact.view.status === 'agent') {
      ctx.warn(ctx.message('withAgent'));
      return ctx.branch('Default');
    }
    const file = props.MusicFile.trim();
    const length = ctx.tenant.collection<{ seconds: number }>(AUDIO_FILES_COLLECTION).get(audioFileKey(file))?.seconds ?? MUSIC_FILE_SECONDS;
    const offset = props.StartOffset < length ? props.StartOffset : 0;
    const rest = length - offset;
    const complete = props.SecondstoPlay === 0 || props.SecondstoPlay >= rest;
    const played = contact.play(musicPieces(file, complete ? rest : props.SecondstoPlay, messages), {
      clearDigits: props.ClearDigits,
      detectDtmf: props.DetectDTMF,
    });
    if (played.ended === 'key') return ctx.branch('Digit');
    return ctx.branch(complete ? 'OnComplete' : 'Default');
  },
});

interface InterruptMessage {
  file: string;
  afterSeconds: number;
}

/** `file.wav;30 other.wav;45` as messages; null when malformed. */
export function interruptMessages(text: string): InterruptMessage[] | null {
  const out: InterruptMessage[] = [];
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue;
    const semi = item.lastIndexOf(';');
    const seconds = Number(item.slice(semi + 1));
    if (semi <= 0 || item.slice(semi + 1) === '' || !Number.isFinite(seconds) || seconds <= 0) return null;
    out.push({ file: item.slice(0, semi), afterSeconds: seconds });
  }
  return out;
}

/** Music for `seconds`, with each message breaking in after its own seconds of music, in turn. */
function musicPieces(file: string, seconds: number, messages: readonly InterruptMessage[]): PlayPiece[] {
  if (messages.length === 0) return [{ kind: 'music', file, seconds }];
  const pieces: PlayPiece[] = [];
  let left = seconds;
  for (let i = 0; left > 0; i = (i + 1) % messages.length) {
    const m = messages[i]!;
    const part = Math.min(left, m.afterSeconds);
    pieces.push({ kind: 'music', file, seconds: part });
    left -= part;
    if (left > 0) pieces.push({ kind: 'prompt', segments: [{ kind: 'file', text: m.file }] });
  }
  return pieces;
}
