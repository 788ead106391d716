// GETQUEUE: how many contacts wait in the queues of the listed skills (callers
// and callbacks REQAGENT queued, the current contact included once it has
// requested an agent; for a Personal Connection skill also the calling-list
// records not yet dialed) and how long the oldest has waited.
import { defineAction, number, text } from './define.js';
import { findSkill, splitList } from './pc/skills.js';

export default defineAction({
  type: 'GETQUEUE',
  description: 'Sums the queue depth of Skills (numbers or names, comma-separated) into NumberQueued; LongestWait is the oldest wait in seconds.',
  source: 'Studio help page https://help.nicecxone.com/ja/content/studio/actions/getqueue/getqueue.htm (documented, read on a translated page)',
  props: {
    Skills: text({ required: true, description: 'Skill numbers or names, comma-separated.' }),
    HighProficiency: number({ min: 1, max: 20, integer: true, description: 'Best proficiency counted (1–20): queued contacts whose proficiency window overlaps the bounds; no effect on calling lists.' }),
    LowProficiency: number({ min: 1, max: 20, integer: true, description: 'Worst proficiency counted (1–20).' }),
  },
  outputs: { NumberQueued: 'numberqueued', LongestWait: 'longestwait' },
  outputSchemas: { NumberQueued: { type: 'integer', minimum: 0 }, LongestWait: { type: 'number', minimum: 0 } },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['Skills', 'NumberQueued', 'LongestWait', 'HighProficiency', 'LowProficiency'], source: 'the property order of the help page' },
  messages: {
    noSkills: 'GETQUEUE needs at least one skill in Skills',
    unknownSkill: 'GETQUEUE: skill {{skill}} does not exist in this business unit',
    proficiency: 'GETQUEUE: HighProficiency ({{high}}) must not be worse than LowProficiency ({{low}})',
  },
  execute(ctx, props) {
    const entries = splitList(props.Skills);
    if (entries.length === 0) return ctx.error(ctx.message('noSkills'));
    if (props.HighProficiency !== undefined && props.LowProficiency !== undefined && props.HighProficiency > props.LowProficiency)
      return ctx.error(ctx.message('proficiency', { high: props.HighProficiency, low: props.LowProficiency }));
    const nowMs = ctx.clock.now().toMillis();
    let queued = 0;
    let longest = 0;
    const seen = new Set<number>();
    for (const entry of entries) {
      const skill = findSkill(ctx.tenant, entry);
      if (!skill) return ctx.error(ctx.message('unknownSkill', { skill: entry }));
      if (seen.has(skill.id)) continue; // a skill listed twice is counted once
      seen.add(skill.id);
      // Records past their expiration are no longer waiting, even where the dialer has not reached them.
      const { depth, oldestMs } = ctx.tenant.queueAt(skill.id, nowMs);
      queued += depth;
      if (oldestMs !== null) longest = Math.max(longest, Math.floor((nowMs - oldestMs) / 1000));
      const acd = ctx.routing.queueStats(skill.id, props.HighProficiency, props.LowProficiency);
      queued += acd.queued;
      longest = Math.max(longest, acd.longestWaitSeconds);
    }
    return ctx.branch('Default', { NumberQueued: queued, LongestWait: longest });
  },
});
