// Section `hoursOfOperation`: the BU's hours-of-operation profiles (weekly
// hours with Additional Hours, holidays that are closed or keep their own
// hours, an override branch with an optional expiry, the skills a profile
// serves). HOURS evaluates them on the virtual clock in the BU's zone.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { HOURS_COLLECTION, OVERRIDE_BRANCHES, type HoursProfileRecord, type OverrideBranch } from '../hours/profile.js';
import { checkDay, dayProperties, dayWindows, isCalendarDate, parseLocalDateTime, weekSchema, weekWindows, type DayInput, type WeekInput } from '../hours/week.js';
import { defineSection } from '../section.js';
import { resolveZoneName } from '../zones.js';

export interface HoursProfileInput {
  id?: number;
  name: string;
  description?: string;
  days?: WeekInput;
  holidays?: (DayInput & { name: string; date: string })[];
  override?: { branch: OverrideBranch; expires?: string };
  skills?: number[];
}

export const hoursSection = defineSection<HoursProfileInput[]>({
  key: 'hoursOfOperation',
  description: 'Hours-of-operation profiles: weekly hours, holidays, an override branch, the skills they serve (HOURS).',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1, description: 'Profile id (HOURS may name a profile by id or name).' },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        description: { type: 'string' },
        days: weekSchema,
        holidays: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'date'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1 },
              date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-message': 'holiday dates are YYYY-MM-DD' },
              ...dayProperties,
            },
          },
        },
        override: {
          type: 'object',
          required: ['branch'],
          additionalProperties: false,
          properties: {
            branch: { enum: [...OVERRIDE_BRANCHES], description: 'HOURS takes OnWeather, OnMeeting, OnEmergency or OnOther while the override lasts.' },
            expires: { type: 'string', minLength: 1, description: 'When the override ends: YYYY-MM-DDTHH:MM in the BU zone (or with an offset); absent: until removed.' },
          },
        },
        skills: { type: 'array', items: { type: 'integer', minimum: 1 }, description: 'Skills this profile serves (a skill belongs to at most one profile).' },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const profiles = (doc.data.hoursOfOperation ?? []) as HoursProfileInput[];
    const skillIds = new Set(((doc.data.skills ?? []) as { id: number }[]).map((s) => s.id));
    const zone = (typeof doc.data.timeZone === 'string' ? resolveZoneName(doc.data.timeZone) : undefined) ?? 'UTC';
    const ids = new Map<number, number>();
    const names = new Map<string, number>();
    const skillOwner = new Map<number, number>();
    profiles.forEach((p, i) => {
      const at = (...path: (string | number)[]) => locate(['hoursOfOperation', i, ...path]);
      if (p.id !== undefined) {
        if (ids.has(p.id)) out.push(diagnostic('E-TENANT-DUPLICATE', `hours profile id ${p.id} is already used by hoursOfOperation[${ids.get(p.id)}]`, at('id')));
        else ids.set(p.id, i);
      }
      const lower = p.name.toLowerCase();
      if (names.has(lower)) out.push(diagnostic('E-TENANT-DUPLICATE', `hours profile name ${p.name} is already used by hoursOfOperation[${names.get(lower)}]`, at('name')));
      else names.set(lower, i);
      for (const [day, entry] of Object.entries(p.days ?? {})) out.push(...checkDay(entry, ['hoursOfOperation', i, 'days', day], locate, `${p.name} ${day}`));
      const dates = new Map<string, number>();
      (p.holidays ?? []).forEach((h, j) => {
        if (!isCalendarDate(h.date)) out.push(diagnostic('E-TENANT-HOURS', `holiday ${h.name}: ${h.date} is not a calendar date`, at('holidays', j, 'date')));
        else if (dates.has(h.date))
          out.push(diagnostic('E-TENANT-DUPLICATE', `holiday ${h.name}: ${h.date} is already the date of ${p.holidays![dates.get(h.date)!]!.name}`, at('holidays', j, 'date')));
        else dates.set(h.date, j);
        // A holiday without hours is closed all day.
        if (h.open !== undefined || h.close !== undefined || h.additionalOpen !== undefined || h.additionalClose !== undefined)
          out.push(...checkDay(h, ['hoursOfOperation', i, 'holidays', j], locate, `holiday ${h.name}`));
      });
      if (p.override?.expires !== undefined && parseLocalDateTime(p.override.expires, zone) === null)
        out.push(diagnostic('E-TENANT-HOURS', `override expires "${p.override.expires}" is not a date and time (YYYY-MM-DDTHH:MM)`, at('override', 'expires')));
      (p.skills ?? []).forEach((s, j) => {
        if (!skillIds.has(s)) out.push(diagnostic('E-TENANT-HOURS', `skill ${s} is not declared in skills`, at('skills', j)));
        else if (skillOwner.has(s))
          out.push(diagnostic('E-TENANT-HOURS', `skill ${s} already belongs to ${profiles[skillOwner.get(s)!]!.name} (a skill has at most one hours profile)`, at('skills', j)));
        else skillOwner.set(s, i);
      });
    });
    return out;
  },
  load(store, profiles, { timeZone }) {
    const col = store.collection<HoursProfileRecord>(HOURS_COLLECTION);
    // Profiles are configuration: the file replaces whatever an earlier load left.
    col.clear();
    for (const p of profiles) col.put(p.name.toLowerCase(), toProfileRecord(p, timeZone));
  },
});

export function toProfileRecord(p: HoursProfileInput, zone: string): HoursProfileRecord {
  return {
    id: p.id ?? null,
    name: p.name,
    description: p.description ?? '',
    week: weekWindows(p.days),
    holidays: (p.holidays ?? []).map((h) => ({ name: h.name, date: h.date, windows: dayWindows(h) })),
    override: p.override ? { branch: p.override.branch, expiresMs: p.override.expires === undefined ? null : parseLocalDateTime(p.override.expires, zone) } : null,
    skills: p.skills ?? [],
  };
}
