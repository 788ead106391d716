// GETSKILLINFO: facts about skills (all active Personal Connection ones when
// SkillList is empty): the queue count (contacts REQAGENT queued plus the
// calling-list records not yet dialed), the longest wait, and the skill's
// agents logged in, available and working.
import type { DdoObject } from '../contract/value.js';
import { isPcTarget } from '../tenant/skills.js';
import type { RoutingService } from '../contract/routing.js';
import { type SkillRecord, type TenantStore } from '../contract/tenant-store.js';
import { defineAction, text } from './define.js';
import { findSkill, splitList } from './pc/skills.js';

export default defineAction({
  type: 'GETSKILLINFO',
  description:
    'Results is an array of {SkillNo, SkillName, IsActive, IsOutbound, IsPersonalConnection, QueueCount, LongestWait, AgentsLoggedIn, AgentsAvailable, AgentsWorking, Campaign, MediaType} for SkillList (empty: all active PC skills).',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actionscx/getskillinfo/getskillinfo.htm (documented)',
  props: { SkillList: text({ default: '', description: 'Skill numbers or names, comma-separated; empty for every active PC skill.' }) },
  outputs: { Results: 'results' },
  outputSchemas: { Results: { type: 'array', items: { type: 'object' } } },
  branches: ['Default', 'OnError'],
  errorBranch: 'OnError',
  studio: { evidence: 'help-page', params: ['SkillList', 'Results'], source: 'the property order of the help page' },
  messages: { unknownSkill: 'GETSKILLINFO: skill {{skill}} does not exist in this business unit' },
  execute(ctx, props) {
    const entries = splitList(props.SkillList);
    let skills: SkillRecord[];
    if (entries.length === 0) skills = ctx.tenant.skills().filter(isPcTarget);
    else {
      skills = [];
      for (const entry of entries) {
        const skill = findSkill(ctx.tenant, entry);
        if (!skill) return ctx.error(ctx.message('unknownSkill', { skill: entry }));
        if (!skills.includes(skill)) skills.push(skill);
      }
    }
    // Records past their expiration are no longer waiting, even where the dialer has not reached them.
    const nowMs = ctx.clock.now().toMillis();
    ctx.tenant.transaction(() => skills.forEach((s) => ctx.tenant.expireDue(s.id, nowMs)));
    return ctx.branch('Default', { Results: skills.map((s) => skillInfo(ctx.tenant, ctx.routing, s, nowMs)) });
  },
});

function skillInfo(store: TenantStore, routing: RoutingService, s: SkillRecord, nowMs: number): DdoObject {
  const acd = routing.queueStats(s.id);
  const oldest = store.oldestQueuedMs(s.id);
  const agents = routing.agentCounts(s.id);
  return {
    SkillNo: s.id,
    SkillName: s.name,
    IsActive: s.active,
    IsOutbound: s.direction === 'Outbound',
    IsPersonalConnection: s.personalConnection,
    QueueCount: store.queueDepth(s.id) + acd.queued,
    LongestWait: Math.max(acd.longestWaitSeconds, oldest === null ? 0 : Math.floor((nowMs - oldest) / 1000)),
    AgentsLoggedIn: agents.loggedIn,
    AgentsAvailable: agents.available,
    AgentsWorking: agents.working,
    Campaign: s.campaign ?? '',
    MediaType: s.media,
  };
}
