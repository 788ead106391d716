// Whole-script checks on the action graph: labels, BEGIN, branch targets,
// unreachable actions, and outcomes that would leave a contact stuck.
import { diagnostic, didYouMean, type Diagnostic } from '../contract/diagnostics.js';
import type { ActionDefinition } from '../actions/define.js';
import { isCallMedia, type ScriptGraph } from '../contract/script-graph.js';

export interface ValidateOptions {
  /** Labels of actions that failed to parse: they exist, so targets naming them are not reported. */
  brokenLabels?: readonly string[];
  /** Labels whose branches already have errors: no routing warning for them. */
  branchErrors?: ReadonlySet<string>;
  /** The file had syntax errors: checks of the whole graph (BEGIN, reachability) would only add noise. */
  incomplete?: boolean;
}

export function validateGraph(graph: ScriptGraph, definitions: Map<string, ActionDefinition>, opts: ValidateOptions = {}): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const broken = new Set(opts.brokenLabels ?? []);
  const whole = !opts.incomplete && broken.size === 0;
  const labels = new Map<string, number>();
  graph.actions.forEach((a, i) => {
    const first = labels.get(a.label);
    if (first !== undefined) {
      const at = graph.actions[first]!.span;
      ds.push(diagnostic('E-GRAPH-DUPLICATE-LABEL', `label '${a.label}' is already used at line ${at.line}`, { ...a.span, length: a.label.length }));
    } else labels.set(a.label, i);
  });

  const begins = graph.actions.filter((a) => a.type === 'BEGIN');
  if (begins.length === 0 && whole) {
    const at = graph.actions[0]?.span ?? { file: graph.file, line: 1, col: 1 };
    ds.push(diagnostic('E-GRAPH-NO-BEGIN', `script ${graph.name} has no BEGIN action (where a run starts)`, { ...at, length: 1 }));
  }
  for (const extra of begins.slice(1))
    ds.push(
      diagnostic('E-GRAPH-MULTIPLE-BEGIN', `a script has one BEGIN; '${begins[0]!.label}' is already one (line ${begins[0]!.span.line})`, {
        ...extra.span,
        length: extra.label.length,
      }),
    );

  const known = [...labels.keys(), ...broken];
  for (const a of graph.actions)
    for (const b of a.branches)
      if (!labels.has(b.target) && !broken.has(b.target)) {
        const hint = didYouMean(b.target, known);
        const targetSpan = { ...b.span, col: b.span.col + (b.span.length ?? 1) - b.target.length, offset: (b.span.offset ?? 0) + (b.span.length ?? 1) - b.target.length, length: b.target.length };
        ds.push(diagnostic('E-GRAPH-UNKNOWN-TARGET', `branch target '${b.target}' is not a label in this script${hint ? `; did you mean ${hint}?` : ''}`, targetSpan));
      }

  ds.push(...checkEventActions(graph, definitions, labels));

  // A duplicated label means its first action (the later ones are reported above).
  const byLabel = new Map(graph.actions.map((a) => [a.label, a] as const).filter(([label], i) => labels.get(label) === i));
  const fromBegin = reachable(graph.begin ? [graph.begin] : [], byLabel);
  // Event actions are entry points too; a thread they start may simply end (the run ends, or waits for the next event).
  const fromEvents = reachable(graph.actions.filter((a) => definitions.get(a.label)?.event).map((a) => a.label), byLabel);
  // Reachability is only meaningful when the whole script parsed.
  if (graph.begin && whole) {
    for (const a of graph.actions)
      if (!fromBegin.has(a.label) && !fromEvents.has(a.label))
        ds.push(diagnostic('W-UNREACHABLE', `action '${a.label}' (${a.type}) is never reached from BEGIN`, { ...a.span, length: a.label.length }, 'warning'));
  }

  // NICE: never wire MUSIC to itself; loop MUSIC → WAIT → MUSIC instead.
  for (const a of graph.actions)
    if (a.type === 'MUSIC' && a.branches.some((b) => b.target === a.label))
      ds.push(diagnostic('W-MUSIC-LOOP', `MUSIC '${a.label}' branches to itself; Studio advises a short WAIT between two MUSIC actions (MUSIC → WAIT → MUSIC)`, { ...a.span, length: a.label.length }, 'warning'));

  for (const [i, a] of graph.actions.entries()) {
    // `definitions` is by label and holds the first action of a duplicated label.
    if (labels.get(a.label) !== i) continue;
    const def = definitions.get(a.label);
    // An event's thread that has nothing more to do just ends: nothing is left stuck.
    if (!def || def.branches.length === 0 || def.event || (fromEvents.has(a.label) && !fromBegin.has(a.label)) || opts.branchErrors?.has(a.label)) continue;
    const routed = new Set(a.branches.filter((b) => !b.isValue).map((b) => b.name));
    if (routed.has('Default')) continue;
    const missing = def.branches.filter((b) => !routed.has(b));
    if (missing.length === 0) continue;
    const others = missing.filter((b) => b !== 'Default');
    // On a call, REQAGENT leaves the contact queued: a thread that ends there waits for the agent (call-engine.ts), it is not stuck.
    const queued = a.type === 'REQAGENT' && others.length === 0 && isCallMedia(graph.mediaType);
    const what = queued
      ? `${a.type} '${a.label}': no Default branch is routed, so the caller waits in the queue with no hold music or announcements until an agent answers (and, if the request fails, e.g. an unknown skill, the call stays in the IVR with nothing more to do)`
      : def.valueBranches && others.length === 0
        ? `${a.type} '${a.label}' has no Default branch: a value matching no branch would leave the contact stuck`
        : missing.includes('Default')
          ? `${a.type} '${a.label}': no Default branch is routed${others.length ? ` (nor ${others.join(', ')})` : ''}, so the contact would get stuck after it`
          : `${a.type} '${a.label}': ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} not routed and ${a.type} has no Default branch, so ${others.length === 1 ? 'that outcome' : 'those outcomes'} would leave the contact stuck`;
    ds.push(diagnostic('W-UNROUTED', what, { ...a.span, length: a.label.length }, 'warning'));
  }
  return ds;
}

function reachable(entries: readonly string[], byLabel: ReadonlyMap<string, ScriptGraph['actions'][number]>): Set<string> {
  const seen = new Set<string>(entries);
  const queue = [...entries];
  while (queue.length > 0) {
    const a = byLabel.get(queue.pop()!);
    for (const b of a?.branches ?? []) if (!seen.has(b.target)) (seen.add(b.target), queue.push(b.target));
  }
  return seen;
}

/**
 * Studio's rules for event actions (research voice-actions.md §0.1-§0.2):
 * they start their own branch (nothing branches to them), there is one of
 * each per script, and after ONRELEASE no media action may run and RUNSUB or
 * RUNSCRIPT should not be used.
 */
function checkEventActions(graph: ScriptGraph, definitions: Map<string, ActionDefinition>, labels: Map<string, number>): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const byEvent = new Map<string, string>();
  for (const [i, a] of graph.actions.entries()) {
    if (labels.get(a.label) !== i) continue;
    const def = definitions.get(a.label);
    if (!def?.event) continue;
    const first = byEvent.get(def.event);
    if (first !== undefined) {
      const at = graph.actions[labels.get(first)!]!.span;
      ds.push(diagnostic('E-GRAPH-MULTIPLE-EVENT', `a script has one ${a.type}; '${first}' is already one (line ${at.line})`, { ...a.span, length: a.label.length }));
    } else byEvent.set(def.event, a.label);
  }
  const events = new Set(graph.actions.filter((a) => definitions.get(a.label)?.event).map((a) => a.label));
  for (const a of graph.actions)
    for (const b of a.branches)
      if (events.has(b.target)) {
        const target = graph.actions[labels.get(b.target)!]!;
        ds.push(diagnostic('E-GRAPH-EVENT-TARGET', `branch to '${b.target}': ${target.type} is an event action that starts its own branch when its event happens; nothing branches to it`, b.span));
      }
  const release = byEvent.get('release');
  if (release === undefined) return ds;
  const byLabel = new Map(graph.actions.map((a) => [a.label, a] as const));
  const seen = new Set([release]);
  const queue = [release];
  while (queue.length > 0) {
    const a = byLabel.get(queue.pop()!);
    if (!a) continue;
    const def = definitions.get(a.label);
    if (def?.media) ds.push(diagnostic('W-MEDIA-AFTER-RELEASE', `${a.type} '${a.label}' runs after ONRELEASE, when the call is gone: Studio allows no media there, and it plays nothing`, { ...a.span, length: a.label.length }, 'warning'));
    if (a.type === 'RUNSUB' || a.type === 'RUNSCRIPT')
      ds.push(diagnostic('W-CALL-AFTER-RELEASE', `${a.type} '${a.label}' runs after ONRELEASE; Studio advises against RUNSUB and RUNSCRIPT there`, { ...a.span, length: a.label.length }, 'warning'));
    for (const b of a.branches) if (!seen.has(b.target)) (seen.add(b.target), queue.push(b.target));
  }
  return ds;
}
