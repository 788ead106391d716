// Rules about skills that several rooms apply the same way: which skills can
// take Personal Connection prospects.
import type { SkillRecord } from '../contract/tenant-store.js';

/** True for a skill CREATEPROSPECTS accepts: active, outbound, Personal Connection. */
export const isPcTarget = (s: SkillRecord): boolean => s.active && s.direction === 'Outbound' && s.personalConnection;
