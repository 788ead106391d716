// Rules about skills that several rooms apply the same way: which skills can
// take Personal Connection prospects (CREATEPROSPECTS, `lists upload`, the
// dialer, GETSKILLINFO), and why a skill cannot.
import type { SkillRecord } from '../contract/tenant-store.js';

/** Why a skill cannot take prospects (not PC, not outbound, not active), or undefined when it can. */
export function whyNotPcTarget(s: SkillRecord): string | undefined {
  if (!s.personalConnection) return 'it is not a Personal Connection skill';
  if (s.direction !== 'Outbound') return 'it is not an outbound skill';
  if (!s.active) return 'it is not active';
  return undefined;
}

/** True for a skill that takes prospects: active, outbound, Personal Connection. */
export const isPcTarget = (s: SkillRecord): boolean => whyNotPcTarget(s) === undefined;
