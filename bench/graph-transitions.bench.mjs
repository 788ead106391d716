// Row graph.transitions (bench/README.md): a two-state ping-pong graph,
// 1,000,000 transitions through the engine, against an XState v5 actor with
// the same machine, medians over rounds in the same process.
import { createActor, createMachine } from 'xstate';
import { builtinRegistry } from '../dist/src/actions/registry.js';
import { loadScriptText } from '../dist/src/graph/load.js';
import { createRuntime } from '../dist/src/runtime/runtime.js';
import { interleaved } from './measure.mjs';

const WORK = 1_000_000;
const ROUNDS = 5;

// BEGIN counts as one transition; the other 999,999 alternate between ping and pong.
const SCRIPT = `script PingPong
start: BEGIN -> ping
ping: WAIT { Seconds = 0 } -> pong
pong: WAIT { Seconds = 0 } -> ping
`;

export default async function () {
  const registry = builtinRegistry();
  const { script, diagnostics } = loadScriptText(SCRIPT, 'PingPong.script', { registry });
  if (!script) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const set = { folder: '.', scripts: new Map([['pingpong', script]]), registry };

  const ours = async () => {
    // The action limit ends the run exactly after WORK transitions.
    const runtime = createRuntime({ scripts: set, now: '2026-11-21T09:00:00Z', limits: { maxActions: WORK } });
    const result = await runtime.run('PingPong');
    if (result.steps !== WORK) throw new Error(`expected ${WORK} steps, got ${result.steps}`);
  };

  const machine = createMachine({
    id: 'pingpong',
    initial: 'ping',
    states: { ping: { on: { NEXT: 'pong' } }, pong: { on: { NEXT: 'ping' } } },
  });
  const xstate = () => {
    const actor = createActor(machine).start();
    const event = { type: 'NEXT' };
    for (let i = 0; i < WORK; i++) actor.send(event);
    if (actor.getSnapshot().value !== 'ping') throw new Error('xstate ping-pong out of step');
    actor.stop();
  };
  const [oursSeconds, xstateSeconds] = await interleaved([ours, xstate], ROUNDS);
  return { name: 'graph.transitions', work: WORK, unit: 'transitions', seconds: oursSeconds, peers: { xstate: xstateSeconds } };
}
