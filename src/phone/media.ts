// What one stretch of a call does to the caller and the digit buffer: a prompt
// or music playing, keys being collected, or plain silence while an action
// takes time. A small discrete-event simulation over the caller's acts and the
// stretch's own timers, in time order, from the stretch's start to its end —
// or to a horizon, when an event (an agent answering, a hold) cuts it short and
// the engine needs the state at that moment.
import { act, nextActMs, observe, type CallerState, type ResolvedCaller } from './caller.js';
import type { CollectRules, HeardSegment, RecordRules } from '../contract/contact.js';
import { beginCollect, clearBuffer, collectDeadline, collectKey, expire, isCollected, pushKey, type Collected, type Collecting, type Key } from './digits.js';
import type { TranscriptEntry } from './transcript.js';

/** The caller's side of a contact: where its script is, and the keys waiting in the buffer. */
export interface CallSide {
  readonly caller: CallerState | null;
  readonly keys: readonly Key[];
}

export interface StretchSpec {
  /** `script.label` (script lowercase): what the caller's `at` and `after` steps wait for. */
  readonly where: string;
  /** `Script.label` as shown in the transcript. */
  readonly action: string;
  /** What plays first, piece after piece (a prompt; music with its announcements). */
  readonly audio?: readonly AudioPiece[];
  /** Empty the buffer of keys pressed before the stretch starts (ClearDigits). */
  readonly clearDigits: boolean;
  /** A key stops the audio and ends the stretch (PLAY and MUSIC with DetectDTMF); the key stays in the buffer. */
  readonly stopOnKey?: boolean;
  /** Collect keys (MENU, CAPTURE); a key during the audio stops it and counts. Timeouts start when the audio ends. */
  readonly collect?: CollectRules;
  /** Silence after the audio (an action that takes time). */
  readonly silenceMs?: number;
  /** Silence with no end: a thread waiting for an event; only the caller (or the horizon) ends it. */
  readonly endless?: boolean;
  /** Record what the caller says (RECORD) until a terminating key, the time limit or the hang-up. */
  readonly record?: RecordRules;
  /** The stretch completes its action: the caller's `after` steps see it. False for waiting that is no action (a suspended thread). */
  readonly completes?: boolean;
  /**
   * An INTERRUPTV2 catches keys: unless the stretch reads keys itself (collect,
   * record), a key ends it (`interrupt`) and stays in the buffer with the other
   * keys of the same instant.
   */
  readonly interruptOnKey?: boolean;
}

export interface AudioPiece {
  readonly kind: 'prompt' | 'music' | 'tone';
  /** What the caller hears: the prompt's text, the music file, or the tones (`DTMF 1234#`). */
  readonly text: string;
  readonly segments?: readonly HeardSegment[];
  readonly ms: number;
}

export interface Recording {
  /** What the caller said, in order (unspecified speech is left out). */
  readonly text: string;
  readonly ms: number;
  /** The terminating key, when one stopped it. */
  readonly key: string;
}

export type StretchEnd = 'done' | 'key' | 'collected' | 'recorded' | 'hangup' | 'horizon' | 'interrupt';

export interface StretchResult {
  readonly endMs: number;
  readonly ended: StretchEnd;
  readonly collected?: Collected;
  /** Also when the hang-up or an event ended the recording: what was recorded until then. */
  readonly recording?: Recording;
  readonly side: CallSide;
  /** Audio, keys and hang-up of the stretch, in time order. */
  readonly transcript: readonly TranscriptEntry[];
}

type Phase = 'audio' | 'collect' | 'record' | 'silence';

/** Runs the stretch from `startMs` until it ends, or until `horizonMs` (ended: 'horizon'). */
export function simulateStretch(caller: ResolvedCaller | null, spec: StretchSpec, side: CallSide, startMs: number, horizonMs = Infinity): StretchResult {
  let state = side.caller;
  let keys = spec.clearDigits ? clearBuffer(side.keys, startMs) : side.keys;
  const transcript: TranscriptEntry[] = [];
  if (caller && state) state = observe(caller, state, { kind: 'start', where: spec.where }, startMs);

  const pieces = (spec.audio ?? []).filter((p) => p.ms > 0);
  let piece = 0;
  let pieceStartMs = startMs;
  let pieceAt = 0;
  const audioEndMs = (): number => pieceStartMs + pieces[piece]!.ms;
  const silenceEndMs = spec.endless ? Infinity : startMs + pieces.reduce((sum, p) => sum + p.ms, 0) + (spec.silenceMs ?? 0);
  const after = (): Phase => (spec.collect ? 'collect' : spec.record ? 'record' : 'silence');
  let phase: Phase = pieces.length > 0 ? 'audio' : after();
  let collecting: Collecting | undefined = spec.collect && phase === 'collect' ? beginCollect(startMs) : undefined;
  let collected: Collected | undefined;
  let recordStartMs = startMs;
  const said: string[] = [];
  let recordKey = '';
  const startRecording = (atMs: number): void => {
    recordStartMs = atMs;
    if (spec.record?.beep) transcript.push({ atMs, kind: 'tone', who: 'ivr', text: 'beep', action: spec.action });
  };
  if (phase === 'record') startRecording(startMs);
  let ended: StretchEnd | undefined;
  let over = false;
  let endMs = startMs;
  const catchesKeys = spec.interruptOnKey === true && !spec.collect && !spec.record;
  /** When a caught key came: the stretch ends once the caller's acts of that instant are done. */
  let caughtMs: number | undefined;

  /** The current piece played until `atMs`: its entry goes before the keys pressed while it played. */
  const playedAudio = (atMs: number, cut?: TranscriptEntry['cut']): void => {
    const audio = pieces[piece]!;
    const entry: TranscriptEntry = {
      atMs: pieceStartMs,
      kind: audio.kind,
      who: 'ivr',
      text: audio.text,
      action: spec.action,
      ms: audio.ms,
      playedMs: atMs - pieceStartMs,
      ...(audio.segments ? { segments: audio.segments } : {}),
      ...(cut ? { cut } : {}),
    };
    transcript.splice(pieceAt, 0, entry);
  };
  const finish = (how: StretchEnd, atMs: number): void => {
    ended = how;
    endMs = atMs;
    over = true;
  };
  const feed = (key: Key): void => {
    const next = collectKey(spec.collect!, collecting!, key);
    if (isCollected(next)) {
      collected = next;
      finish('collected', next.atMs);
    } else collecting = next;
  };

  // Keys already waiting in the buffer: the action reacts to them at once.
  const waiting = keys.filter((k) => k.atMs <= startMs);
  if (waiting.length > 0 && (spec.stopOnKey || spec.collect)) {
    if (phase === 'audio') playedAudio(startMs, 'key');
    if (spec.stopOnKey && !spec.collect) finish('key', startMs);
    else {
      phase = 'collect';
      collecting = beginCollect(startMs);
      let used = 0;
      for (const k of waiting) {
        if (over) break;
        feed({ digit: k.digit, atMs: startMs });
        used++;
      }
      keys = keys.slice(used);
    }
  }

  while (!over) {
    const actMs = caller && state ? nextActMs(caller, state) : Infinity;
    if (caughtMs !== undefined && actMs !== caughtMs) {
      finish('interrupt', caughtMs);
      break;
    }
    const timerMs =
      phase === 'audio' ? audioEndMs() : phase === 'collect' ? collectDeadline(spec.collect!, collecting!) : phase === 'record' ? recordStartMs + spec.record!.maxMs : silenceEndMs;
    // What the caller does at the very instant a stretch ends still belongs to it (a key exactly at
    // the input deadline counts); only audio followed by more of the stretch ends before such a key.
    const keyFirst = phase === 'audio' ? actMs < timerMs : actMs <= timerMs;
    const nextMs = keyFirst ? actMs : timerMs;
    if (nextMs > horizonMs || nextMs === Infinity) {
      // Nothing more happens before the horizon (an endless silence ends only at one).
      if (phase === 'audio') playedAudio(horizonMs, 'event');
      finish('horizon', horizonMs);
      break;
    }
    if (keyFirst) {
      const done = act(caller!, state!);
      state = done.state;
      if (done.act.kind === 'hangup') {
        if (phase === 'audio') playedAudio(done.act.atMs, 'hangup');
        transcript.push({ atMs: done.act.atMs, kind: 'hangup', who: 'caller', text: 'hung up' });
        finish('hangup', done.act.atMs);
        break;
      }
      if (done.act.kind === 'say') {
        if (done.act.text) transcript.push({ atMs: done.act.atMs, kind: 'speech', who: 'caller', text: done.act.text, ms: done.act.ms });
        if (phase === 'record' && done.act.text) said.push(done.act.text);
        continue;
      }
      const key: Key = { digit: done.act.digit, atMs: done.act.atMs };
      addKeyEntry(transcript, key);
      if (catchesKeys) {
        if (phase === 'audio' && caughtMs === undefined) playedAudio(key.atMs, 'key');
        keys = pushKey(keys, key);
        caughtMs = key.atMs;
        phase = 'silence';
      } else if (phase === 'audio' && spec.collect) {
        playedAudio(key.atMs, 'key');
        phase = 'collect';
        collecting = beginCollect(key.atMs);
        feed(key);
      } else if (phase === 'audio' && spec.stopOnKey) {
        playedAudio(key.atMs, 'key');
        keys = pushKey(keys, key);
        finish('key', key.atMs);
      } else if (phase === 'collect') feed(key);
      else if (phase === 'record' && spec.record!.termKeys.includes(key.digit)) {
        recordKey = spec.record!.keepKey ? key.digit : '';
        finish('recorded', key.atMs);
      } else keys = pushKey(keys, key);
      continue;
    }
    if (phase === 'audio') {
      const endedMs = timerMs;
      playedAudio(endedMs);
      if (caller && state) state = observe(caller, state, { kind: 'heard', text: pieces[piece]!.text }, endedMs);
      if (++piece < pieces.length) {
        pieceStartMs = endedMs;
        pieceAt = transcript.length;
        continue;
      }
      phase = after();
      if (phase === 'collect') collecting = beginCollect(endedMs);
      if (phase === 'record') startRecording(endedMs);
    } else if (phase === 'collect') {
      collected = expire(spec.collect!, collecting!);
      finish('collected', collected.atMs);
    } else if (phase === 'record') finish('recorded', timerMs);
    else finish('done', silenceEndMs);
  }
  if (caller && state && spec.completes !== false && ended !== 'hangup' && ended !== 'horizon' && ended !== 'interrupt') state = observe(caller, state, { kind: 'end', where: spec.where }, endMs);
  const recording: Recording | undefined = spec.record && (phase === 'record' || ended === 'recorded') ? { text: said.join(' '), ms: endMs - recordStartMs, key: recordKey } : undefined;
  return { endMs, ended: ended!, ...(collected ? { collected } : {}), ...(recording ? { recording } : {}), side: { caller: state, keys }, transcript };
}

/** Keys pressed at the same instant read as one entry (`pressed 1234#`). */
function addKeyEntry(transcript: TranscriptEntry[], key: Key): void {
  const last = transcript[transcript.length - 1];
  if (last && last.kind === 'keys' && last.atMs === key.atMs) transcript[transcript.length - 1] = { ...last, text: last.text + key.digit };
  else transcript.push({ atMs: key.atMs, kind: 'keys', who: 'caller', text: key.digit });
}
