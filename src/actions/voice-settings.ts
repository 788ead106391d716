// Reading Studio's speech settings: TTSRate and TTSVolume are saved as text,
// empty meaning "no change" (VOICEPARAMS, PLAY). Shared by the actions that take them.

/** A TTSRate text: undefined when empty, null when it is not a number from −7 to 7. */
export function speechRate(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= -7 && n <= 7 ? n : null;
}

/** A TTSVolume text: undefined when empty, null when it is not a number from 0 to 100. */
export function speechVolume(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}
