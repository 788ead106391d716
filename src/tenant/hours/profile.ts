// Hours-of-operation profiles as the store keeps them: weekly windows,
// holidays (closed all day or with their own hours) and an override branch
// with an optional expiry. Times are seconds after local midnight in the
// business unit's zone; the tenant section (sections/hours.ts) builds these
// from the file, evaluate.ts answers "what does HOURS say at this instant".

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const OVERRIDE_BRANCHES = ['Weather', 'Meeting', 'Emergency', 'Other'] as const;
export type OverrideBranch = (typeof OVERRIDE_BRANCHES)[number];

/** One open window of a day: [open, close) in seconds after local midnight; close may be 86,400 (24:00). */
export interface OpenWindow {
  open: number;
  close: number;
}

export interface HolidayRecord {
  name: string;
  /** `YYYY-MM-DD`, a date in the business unit's zone. */
  date: string;
  /** Empty: closed all day. */
  windows: OpenWindow[];
}

export interface HoursProfileRecord {
  /** The profile id (Studio's Profile property may name the profile by id or by name). */
  id: number | null;
  name: string;
  description: string;
  /** Index 0 = Monday … 6 = Sunday; an empty list is a day closed all day. */
  week: OpenWindow[][];
  holidays: HolidayRecord[];
  override: { branch: OverrideBranch; expiresMs: number | null } | null;
  /** Skills whose hours this profile gives (an ACD skill belongs to at most one profile). */
  skills: number[];
}

/** Store collection of the profiles, keyed by lower-case name. */
export const HOURS_COLLECTION = 'hours.profiles';

/** `HH:MM` or `HH:MM:SS`, 00:00–23:59:59, or 24:00 (end of day, as a closing time). */
export const TIME_PATTERN = '^(([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|24:00(:00)?)$';
export const TIME_RULE = 'times are HH:MM or HH:MM:SS on a 24-hour clock (24:00 only as a closing time)';

/** Seconds after midnight of a `HH:MM[:SS]` text already matching TIME_PATTERN. */
export function timeOfDay(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + (s ?? 0);
}

/** `08:00`, `17:30:15` for seconds after midnight. */
export function formatTimeOfDay(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s ? `:${String(s).padStart(2, '0')}` : ''}`;
}

/** A profile by id (digits) or name (any case). */
export function findProfile(profiles: Iterable<HoursProfileRecord>, ref: string): HoursProfileRecord | undefined {
  const key = ref.trim().toLowerCase();
  const id = /^\d+$/.test(key) ? Number(key) : null;
  for (const p of profiles) if ((id !== null && p.id === id) || p.name.toLowerCase() === key) return p;
  return undefined;
}
