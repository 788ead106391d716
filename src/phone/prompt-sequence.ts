// Prompt sequences: the `Sequence` property of PLAY, MENU and every action that
// speaks to the caller (research voice-actions.md §0.5). A sequence is one or
// more segments, each in double quotes: `"%text"` is text-to-speech, a file name
// (`"greeting.wav"`, `"Sub\file.wav"`) plays a recording, and `{var}` anywhere
// is substituted at run time. Parsed once at load; problems come back with
// their offsets in the text so the loader can locate them in the .script file.

import type { HeardSegment } from '../contract/contact.js';

/** TTS text is limited to 300 characters per segment (documented). */
export const TTS_SEGMENT_LIMIT = 300;

export type SegmentKind = 'tts' | 'file' | 'say' | 'value';

export interface SequenceSegment {
  /**
   * `tts`: `%text`. `file`: an audio file name. `say`: a segment with another
   * prefix character (`$` in Studio's `"${balance}"` example), spoken as its
   * value. `value`: only a `{…}` substitution, which decides at run time
   * (a value ending in `.wav` plays that file, anything else is spoken).
   */
  readonly kind: SegmentKind;
  /** The text without quotes and prefix; may hold `{…}` substitutions. */
  readonly text: string;
  /** `%` for TTS, the character of a `say` segment, '' otherwise. */
  readonly prefix: string;
  /** Offset of `text` in the property's text (0 for list items: their own text). */
  readonly offset: number;
  /** Index of the list item it came from (list form only). */
  readonly item?: number;
}

export interface SequenceProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly item?: number;
}

export interface ParsedSequence {
  readonly segments: readonly SequenceSegment[];
  readonly problems: readonly SequenceProblem[];
}

/** Prefix characters of `say` segments. Only `$` appears in Studio's documentation; the others are kept verbatim. */
const SAY_PREFIXES = '$#&^@!~=+*';
const AUDIO_FILE = /\.(wav|vox|mp3|ulaw|alaw)$/i;
const ONLY_SUBSTITUTION = /^\{[^{}]*\}$/;

/** Parses Studio's text form: `"%Hello" "greeting.wav" "${amount}"` (segments with or without spaces between). */
export function parseSequence(text: string): ParsedSequence {
  const segments: SequenceSegment[] = [];
  const problems: SequenceProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c !== '"') {
      let end = i;
      while (end < text.length && text[end] !== '"') end++;
      const stray = text.slice(i, end).trimEnd();
      problems.push({
        code: 'E-PROMPT-SYNTAX',
        severity: 'error',
        message: `text outside quotes: each prompt segment is written in double quotes, e.g. "%${stray.replace(/^%/, '')}" for speech or "file.wav" for a recording`,
        offset: i,
        length: stray.length,
      });
      i = end;
      continue;
    }
    const close = text.indexOf('"', i + 1);
    if (close < 0) {
      problems.push({ code: 'E-PROMPT-SYNTAX', severity: 'error', message: 'prompt segment is not closed: a double quote is missing at its end', offset: i, length: text.length - i });
      break;
    }
    classify(text.slice(i + 1, close), i + 1, undefined, segments, problems);
    i = close + 1;
  }
  return { segments, problems };
}

/** Parses the list form of a `.script` file: `["%Hello", "greeting.wav"]`, one segment per item, no inner quotes. */
export function parseSequenceItems(items: readonly string[]): ParsedSequence {
  const segments: SequenceSegment[] = [];
  const problems: SequenceProblem[] = [];
  items.forEach((item, index) => {
    const quote = item.indexOf('"');
    if (quote >= 0) {
      problems.push({
        code: 'E-PROMPT-SYNTAX',
        severity: 'error',
        message: "a prompt segment cannot contain a double quote (Studio would end the segment there); write ' instead",
        offset: quote,
        length: 1,
        item: index,
      });
      return;
    }
    classify(item, 0, index, segments, problems);
  });
  return { segments, problems };
}

function classify(raw: string, offset: number, item: number | undefined, segments: SequenceSegment[], problems: SequenceProblem[]): void {
  const at = (o: number, length: number): Pick<SequenceProblem, 'offset' | 'length' | 'item'> => ({ offset: o, length: Math.max(1, length), ...(item !== undefined ? { item } : {}) });
  const withItem = <T extends object>(s: T): T => (item !== undefined ? { ...s, item } : s);
  if (raw.trim() === '') {
    problems.push({ code: 'E-PROMPT-EMPTY', severity: 'error', message: 'empty prompt segment: write text after % for speech, or a file name', ...at(offset - 1, raw.length + 2) });
    return;
  }
  const first = raw[0]!;
  if (first === '%') {
    const body = raw.slice(1);
    if (body.trim() === '') {
      problems.push({ code: 'E-PROMPT-EMPTY', severity: 'error', message: 'empty text-to-speech segment: write the text after %', ...at(offset, raw.length) });
      return;
    }
    if (!body.includes('{') && body.length > TTS_SEGMENT_LIMIT)
      problems.push({
        code: 'E-PROMPT-TTS-LENGTH',
        severity: 'error',
        message: `text-to-speech segment of ${body.length} characters: Studio allows ${TTS_SEGMENT_LIMIT} per segment; split it into several "%…" segments`,
        ...at(offset, raw.length),
      });
    segments.push(withItem({ kind: 'tts', text: body, prefix: '%', offset: offset + 1 }));
    return;
  }
  if (SAY_PREFIXES.includes(first)) {
    segments.push(withItem({ kind: 'say', text: raw.slice(1), prefix: first, offset: offset + 1 }));
    return;
  }
  if (ONLY_SUBSTITUTION.test(raw.trim())) {
    segments.push(withItem({ kind: 'value', text: raw.trim(), prefix: '', offset: offset + raw.indexOf('{') }));
    return;
  }
  if (!AUDIO_FILE.test(raw.trim()) && !raw.includes('{'))
    problems.push({
      code: 'W-PROMPT-FILE',
      severity: 'warning',
      message: `"${raw}" plays an audio file of that name, which has no .wav extension; for speech, start the segment with %`,
      ...at(offset, raw.length),
    });
  segments.push(withItem({ kind: 'file', text: raw, prefix: '', offset }));
}

/** Resolves segments with their substituted texts (same order as `segments`). */
export function heardSegments(segments: readonly SequenceSegment[], texts: readonly string[]): HeardSegment[] {
  return segments.map((s, i): HeardSegment => {
    const text = texts[i] ?? s.text;
    switch (s.kind) {
      case 'tts':
        return { kind: 'tts', text };
      case 'file':
        return { kind: 'file', text };
      case 'say':
        return { kind: 'say', text, prefix: s.prefix };
      case 'value': {
        const t = text.trim();
        if (AUDIO_FILE.test(t)) return { kind: 'file', text: t };
        return t.startsWith('%') ? { kind: 'tts', text: t.slice(1) } : { kind: 'say', text: t };
      }
    }
  });
}

/** The text a caller heard, segments joined by one space (files by name). */
export function heardText(segments: readonly HeardSegment[]): string {
  return segments
    .map((s) => s.text.trim())
    .filter((t) => t !== '')
    .join(' ');
}

/** Seconds an audio file plays when the tenant does not say (emulator decision). */
export const DEFAULT_FILE_SECONDS = 3;
/** Speech at 150 words a minute (emulator decision). */
const SECONDS_PER_WORD = 0.4;
const MIN_SEGMENT_SECONDS = 0.5;

/**
 * How long a prompt plays, in milliseconds (emulator decision, documented):
 * speech at 150 words a minute, each TTSRate step ±10 % faster or slower;
 * audio files as long as the tenant's `audioFiles` says, else 3 seconds.
 */
export function promptMs(segments: readonly HeardSegment[], speech: { readonly rate: number }, fileSeconds: (file: string) => number | undefined): number {
  const speed = Math.max(0.3, 1 + Math.max(-7, Math.min(7, speech.rate)) * 0.1);
  let seconds = 0;
  for (const s of segments) {
    if (s.kind === 'file') {
      seconds += fileSeconds(s.text) ?? DEFAULT_FILE_SECONDS;
      continue;
    }
    const words = s.text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '').length;
    if (words > 0) seconds += Math.max(MIN_SEGMENT_SECONDS, words * SECONDS_PER_WORD) / speed;
  }
  return Math.round(seconds * 1000);
}
