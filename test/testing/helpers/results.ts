// Hand-made run results and graphs for testing the runner's pieces without a runtime.
import type { ActionNode, ScriptGraph } from '../../../src/contract/script-graph.js';
import type { RunResult, RunStatus, TraceEvent } from '../../../src/runtime/result.js';

const T = '2026-01-05T09:00:00.000-07:00';

/** A result whose path is `steps` (`Script.label:Branch` adds an action.exit with that branch). */
export function fakeResult(steps: string[], extra: Partial<RunResult> & { status?: RunStatus; traceLines?: string[] } = {}): RunResult {
  const path: string[] = [];
  const trace: TraceEvent[] = [];
  for (const s of steps) {
    const [where, branch] = s.split(':');
    path.push(where!);
    const dot = where!.indexOf('.');
    trace.push({ type: 'action.exit', time: T, contactId: '1', script: where!.slice(0, dot), label: where!.slice(dot + 1), branch: branch ?? '', outputs: {}, seconds: 0 });
  }
  for (const text of extra.traceLines ?? []) trace.push({ type: 'trace', time: T, contactId: '1', script: 'Main', label: 'x', text });
  const { traceLines: _t, ...rest } = extra;
  return {
    status: 'completed',
    script: path[0]?.split('.')[0] ?? 'Main',
    startedAt: T,
    endedAt: T,
    steps: path.length,
    path,
    variables: {},
    globals: {},
    lastError: '',
    warnings: [],
    effects: { prospects: [], crm: [], agentEvents: [], savedToDb: [], http: [] },
    trace,
    ...rest,
  };
}

const span = (line: number) => ({ file: '/scripts/main.script', line, col: 1 });

/** A graph from `label: TYPE -> Branch=target, …` shorthand, one action per line starting at line 3. */
export function fakeGraph(name: string, actions: [label: string, type: string, edges: Record<string, string>][], file = `/scripts/${name}.script`): ScriptGraph {
  const nodes: ActionNode[] = actions.map(([label, type, edges], i) => ({
    label,
    type,
    caption: type,
    props: {},
    branches: Object.entries(edges).map(([b, target]) => ({ name: b, target, span: span(i + 3) })),
    span: { ...span(i + 3), file },
  }));
  return { name, mediaType: 'Generic', file, begin: actions[0]![0], actions: nodes };
}
