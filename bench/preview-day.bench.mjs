// Row preview.day (spec/performance.md): a preview campaign with agent-owned
// records over an eight-hour virtual day. 200 agents (the most a campaign with
// owned records takes) work a calling list of 20,000 accounts: 94 % owned by
// one of them (by e-mail address, in mixed case, or by user id), 5 % owned by
// nobody, 1 % by former agents (skipped). Agents accept, skip or let previews
// time out in per-agent patterns, talk 3–6 minutes and wrap up 30 s; a
// supervisor script polls the list every 15 minutes. Reports the median wall
// time of the day and how many previews were offered; no peer (the row's
// figure is the time per virtual day).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFolder } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { previewOffers } from '../dist/src/tenant/preview/records.js';
import { tenantFromData } from '../dist/src/tenant/tenant.js';

const AGENTS = 200;
const RECORDS = 20_000;
const ROUNDS = 3;
const START = Date.parse('2026-01-05T16:00:00Z');
const PATTERNS = [['accept'], ['accept', 'skip'], ['accept', 'accept', 'timeout'], ['skip', 'accept', 'accept', 'accept']];

const SCRIPT = `// Polls the preview campaign's calling list every 15 minutes.
script Supervisor

start: BEGIN -> polls

polls: LOOP {
  Repeat = 32
  CounterName = n
}
  Repeat -> wait
  Finished -> done

wait: WAIT {
  Seconds = 900
} -> read

read: GETQUEUE {
  Skills = "1300"
} -> polls

done: END
`;

function tenantData() {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    id: 2000 + i,
    email: `agent.${i}@collections.example.com`,
    name: `Agent ${i}`,
    skills: [1300],
    talkSeconds: 180 + (i % 7) * 30,
    wrapUpSeconds: 30,
  }));
  return {
    timeZone: 'America/Denver',
    agents,
    skills: [{ id: 1300, name: 'PC_Collections', media: 'Phone', direction: 'Outbound', personalConnection: true, campaign: 'Collections' }],
    campaigns: [
      {
        name: 'Collections',
        mode: 'Preview',
        agentOwnedColumn: 'AgentEmail',
        previewTimeoutSeconds: 90,
        recycleEveryMinutes: 240,
        previews: { decideSeconds: 15, agents: agents.map((a, i) => ({ agent: a.email, decisions: PATTERNS[i % PATTERNS.length], decideSeconds: 5 + (i % 20) })) },
      },
    ],
  };
}

function owner(i) {
  const r = i % 100;
  if (r < 5) return '';
  if (r === 5) return `former.${i}@collections.example.com`;
  const a = (i * 7) % AGENTS;
  if (r % 3 === 0) return String(2000 + a);
  return r % 3 === 1 ? `Agent.${a}@Collections.Example.com` : `agent.${a}@collections.example.com`;
}

function loadList(store) {
  store.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const id = `AC-${100000 + i}`;
      store.upsertProspect({
        skillNo: 1300,
        externalId: id,
        sourceName: 'Collections',
        firstName: 'Pat',
        lastName: `Account${i}`,
        destinations: [`+1303555${String(i % 10000).padStart(4, '0')}`],
        timeZone: 'America/Denver',
        expiresAtMs: null,
        fields: { Record: { Account: id, Balance: (i % 5000) + 0.5, AgentEmail: owner(i) } },
        status: 'queued',
        createdAtMs: START - 3_600_000,
        updatedAtMs: START - 3_600_000,
        dialedAtMs: null,
      });
    }
  });
}

async function oneDay(scripts) {
  const tenant = tenantFromData(tenantData());
  loadList(tenant.store);
  const t = process.hrtime.bigint();
  const runtime = createRuntime({ scripts, tenant, now: new Date(START).toISOString() });
  const result = await runtime.run('Supervisor', { until: '8h' });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (result.status !== 'completed' && result.status !== 'stopped') throw new Error(`day ended ${result.status}: ${result.lastError}`);
  const offers = previewOffers(tenant.store);
  tenant.close();
  return { seconds, offers: offers.length, accepted: offers.filter((o) => o.decision === 'accept').length };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'preview-day-'));
  writeFileSync(join(dir, 'Supervisor.script'), SCRIPT);
  const scripts = await loadFolder(dir);
  await oneDay(scripts); // warm-up
  const days = [];
  for (let i = 0; i < ROUNDS; i++) days.push(await oneDay(scripts));
  days.sort((a, b) => a.seconds - b.seconds);
  const mid = days[Math.floor(days.length / 2)];
  process.stderr.write(`preview.day: ${AGENTS} agents, ${RECORDS.toLocaleString('en-US')} records, ${mid.offers.toLocaleString('en-US')} previews offered, ${mid.accepted.toLocaleString('en-US')} accepted in 8 virtual hours\n`);
  return { name: 'preview.day', work: mid.offers, unit: 'previews', seconds: mid.seconds, peers: {} };
}
