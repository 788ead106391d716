// What the caller heard and did, in order: prompts (TTS text with variables
// substituted, file names), music and announcements, keys pressed, the contact's
// moves (queued, answered, held) and the hang-up. Entries are plain JSON; the
// run result carries them (`transcript`) and `run --transcript` prints them.
import type { HeardSegment } from '../contract/contact.js';

export type Speaker = 'ivr' | 'caller' | 'agent' | 'system';

export interface TranscriptEntry {
  /** Virtual time (epoch ms). */
  readonly atMs: number;
  readonly kind: 'prompt' | 'music' | 'tone' | 'keys' | 'speech' | 'hangup' | 'contact';
  readonly who: Speaker;
  /** What was heard (joined prompt text, music file), the keys pressed, or what happened. */
  readonly text: string;
  /** `Script.label` of the action that played it. */
  readonly action?: string;
  readonly segments?: readonly HeardSegment[];
  /** Prompts and music: planned length and what actually played. */
  readonly ms?: number;
  readonly playedMs?: number;
  /** Why the audio stopped early: a key (DetectDTMF, barge-in), the hang-up, or an event (answer, hold…). */
  readonly cut?: 'key' | 'hangup' | 'event';
}

/** One transcript line of the run result (JSON). */
export interface TranscriptLine {
  /** ISO time in the business unit's zone. */
  at: string;
  /** Seconds since the call started. */
  seconds: number;
  kind: TranscriptEntry['kind'];
  who: Speaker;
  text: string;
  action?: string;
  segments?: HeardSegment[];
  playedSeconds?: number;
  cut?: TranscriptEntry['cut'];
}

export function transcriptLines(entries: readonly TranscriptEntry[], startMs: number, iso: (ms: number) => string): TranscriptLine[] {
  return entries.map((e) => {
    const line: TranscriptLine = { at: iso(e.atMs), seconds: (e.atMs - startMs) / 1000, kind: e.kind, who: e.who, text: e.text };
    if (e.action !== undefined) line.action = e.action;
    if (e.segments) line.segments = [...e.segments];
    if (e.playedMs !== undefined) line.playedSeconds = e.playedMs / 1000;
    if (e.cut) line.cut = e.cut;
    return line;
  });
}

/** Whether an entry counts as heard by the caller (`heard:`): prompts and music that played at all. */
export function isHeard(line: Pick<TranscriptLine, 'kind' | 'playedSeconds'>): boolean {
  return (line.kind === 'prompt' || line.kind === 'music') && (line.playedSeconds === undefined || line.playedSeconds > 0);
}

const WHO: Record<Speaker, string> = { ivr: 'IVR', caller: 'caller', agent: 'agent', system: '' };

/** `m:ss.s` since the call started. */
function clockText(seconds: number): string {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** The readable call transcript of `run --transcript`. */
export function formatTranscript(lines: readonly TranscriptLine[], header?: string): string {
  const out: string[] = header ? [header] : [];
  for (const l of lines) {
    let text: string;
    switch (l.kind) {
      case 'prompt':
        text = `"${l.text}"`;
        break;
      case 'music':
        text = `music ${l.text}`;
        break;
      case 'keys':
        text = `pressed ${l.text}`;
        break;
      case 'speech':
        text = `says "${l.text}"`;
        break;
      case 'tone':
        text = `(${l.text})`;
        break;
      default:
        text = l.text;
    }
    const notes: string[] = [];
    if (l.cut) notes.push(`${l.cut === 'key' ? 'cut by a key' : l.cut === 'hangup' ? 'cut by the hang-up' : 'cut by an event'} after ${l.playedSeconds ?? 0}s`);
    if (l.action) notes.push(l.action);
    out.push(`${clockText(l.seconds).padStart(8)}  ${WHO[l.who].padEnd(6)}  ${text}${notes.length ? `   [${notes.join(', ')}]` : ''}`);
  }
  return out.join('\n') + '\n';
}
