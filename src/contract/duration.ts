// Durations as users write them in test files, caller scripts and `--until`
// (`90s`, `30m`, `2h`, `1h30m`, `1 h 30 m`, `250ms`, or plain seconds where
// the place allows), converted to seconds or milliseconds of virtual time.
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
// Sticky: each part is tried once where the last one ended, so a long run of digits costs one pass.
const PART = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/y;

/** Seconds for a duration with units or plain seconds (a number, or digits); undefined when the text is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return sumParts(text, UNIT_SECONDS);
}

/**
 * Milliseconds for a duration with units; undefined otherwise. Plain digits
 * are not a duration here: a stop time may also be an ISO time (`2026`).
 */
export function durationMs(text: string): number | undefined {
  return sumParts(text, UNIT_MS);
}

/** The parts of `text` (any case, spaces allowed between them) added up in `units`; undefined unless the whole text is parts. */
function sumParts(text: string, units: Record<string, number>): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = PART.exec(t); m; m = PART.exec(t)) {
    total += Number(m[1]) * units[m[2]!]!;
    end = PART.lastIndex;
  }
  return end === t.length ? total : undefined;
}
