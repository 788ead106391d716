// Helpers shared by the Personal Connection actions: reading skill lists and
// finding a skill by number or name.
import type { SkillRecord, TenantStore } from '../../contract/tenant-store.js';

/** Splits `1234, Sales_PC` into entries (numbers or names). */
export function splitList(text: string): string[] {
  return text
    .split(/[,|;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A skill by number or (case-insensitive) name. */
export function findSkill(store: TenantStore, entry: string): SkillRecord | undefined {
  if (/^\d+$/.test(entry)) return store.skill(Number(entry));
  const lower = entry.toLowerCase();
  return store.skills().find((s) => s.name.toLowerCase() === lower);
}
