// Checks a loaded test file against the scripts it tests: the case's script
// exists, every `Script.label` it names (stubs, visits, branches) is an
// action, branch expectations name branches the action has, and label stubs
// answer the way that action could. Problems are located in the test file.
import { diagnostic, didYouMean, type Diagnostic, type Span } from '../contract/diagnostics.js';
import type { ActionDefinition } from '../actions/define.js';
import { opaqueDefinition } from '../actions/opaque.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { ActionNode, ScriptGraph } from '../contract/script-graph.js';
import { qualify } from './expect.js';
import { checkStubAgainstAction } from './stub-spec.js';
import { callerStepSpan, type RunPart, type StubSpec, type TestFile } from './test-file.js';
import { callerLabelProblems, type ScriptLabels } from '../phone/caller-script.js';

export interface ScriptIndex {
  /** By lowercase script name. */
  graphs: Map<string, ScriptGraph>;
  registry: ActionRegistry;
}

/** Finds `Script.label` in the loaded scripts, reporting an unknown script or label at `span`. */
function actionFinder(index: ScriptIndex, folder: string, out: Diagnostic[]) {
  const names = [...index.graphs.values()].map((g) => g.name);
  return (name: string, span: Span | undefined, fallback: Span): ActionNode | undefined => {
    const dot = name.indexOf('.');
    const scriptName = name.slice(0, dot);
    const label = name.slice(dot + 1);
    const g = index.graphs.get(scriptName.toLowerCase());
    if (!g) {
      const hint = didYouMean(scriptName, names);
      out.push(diagnostic('E-TEST-LABEL', `no script named "${scriptName}" in ${folder}${hint ? `; did you mean "${hint}"?` : ''}`, span ?? fallback));
      return undefined;
    }
    const node = g.actions.find((a) => a.label.toLowerCase() === label.toLowerCase());
    if (!node) {
      const hint = didYouMean(label, g.actions.map((a) => a.label));
      out.push(diagnostic('E-TEST-LABEL', `script ${g.name} has no action labelled "${label}"${hint ? `; did you mean "${hint}"?` : ''}`, span ?? fallback));
    }
    return node;
  };
}

/** An action's definition: the registry's, or for an opaque action the one the runtime gives it. */
function definitionOf(node: ActionNode, script: string, index: ScriptIndex): ActionDefinition | undefined {
  return node.opaque ? opaqueDefinition(node, `${script}.${node.label}`) : index.registry.lookup(node.type, node.version);
}

/**
 * Label stubs name actions of the scripts (in `folder`) and answer the way
 * those actions could; a stub for a type the emulator does not run needs an
 * action of that type in the scripts, and answers the way it could.
 */
export function checkStubsAgainstScripts(stubs: readonly StubSpec[], index: ScriptIndex, folder: string, out: Diagnostic[] = []): Diagnostic[] {
  const findAction = actionFinder(index, folder, out);
  for (const stub of stubs) {
    if (stub.kind !== 'action') continue;
    if (stub.opaque) {
      const type = stub.actionType!;
      const found = [...index.graphs.values()].flatMap((g) => g.actions.filter((a) => a.opaque && a.type === type).map((a) => [g.name, a] as const));
      if (found.length === 0) {
        const hint = index.registry.suggestType(type);
        out.push(diagnostic('E-TEST-ACTION', `unknown action type "${type}": the emulator does not know it and no script in ${folder} uses it${hint ? `; did you mean "${hint}"?` : ''}`, stub.typeSpan ?? stub.span));
        continue;
      }
      const [script, node] = found[0]!;
      checkStubAgainstAction(stub, definitionOf(node, script, index)!, index.registry, out);
      continue;
    }
    if (stub.label === undefined) continue;
    const node = findAction(stub.label, stub.labelSpan, stub.span);
    if (!node) continue;
    const def = definitionOf(node, stub.label.slice(0, stub.label.indexOf('.')), index);
    if (def) checkStubAgainstAction(stub, def, index.registry, out);
  }
  return out;
}

/** The labels a case's caller waits for (`at menu`, `after Sub.ask`) name actions of the scripts. */
function checkCaller(tc: RunPart, index: ScriptIndex, out: Diagnostic[]): void {
  const known: ScriptLabels = {
    scripts: () => [...index.graphs.values()].map((g) => g.name),
    actions: (name) => index.graphs.get(name.toLowerCase())?.actions,
  };
  for (const p of callerLabelProblems(tc.caller!, tc.script, known)) out.push(diagnostic('E-TEST-LABEL', `caller: ${p.message}`, callerStepSpan(tc.callerAt, p.at, tc.span)));
}

export function checkAgainstScripts(tf: TestFile, index: ScriptIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const checkRunPart = runPartChecker(index, tf.scripts, out);
  const checkStubs = (stubs: readonly StubSpec[]): void => void checkStubsAgainstScripts(stubs, index, tf.scripts, out);
  checkStubs(tf.stubs);
  for (const tc of tf.cases) {
    checkStubs(tc.stubs);
    // The case's own call, then each of its other calls: each names a script, maybe a caller, and what it expects.
    for (const part of [tc, ...(tc.calls ?? [])]) checkRunPart(part);
  }
  return out;
}

/** The calls of a `run --calls` file name scripts of `folder`, and their callers labels of those scripts. */
export function checkCallsAgainstScripts(calls: readonly RunPart[], index: ScriptIndex, folder: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  calls.forEach(runPartChecker(index, folder, out));
  return out;
}

/** Checks one run of a case (or a call) against the scripts: its script, its caller's labels, the actions and branches it expects. */
function runPartChecker(index: ScriptIndex, folder: string, out: Diagnostic[]): (tc: RunPart) => void {
  const names = [...index.graphs.values()].map((g) => g.name);
  const findAction = actionFinder(index, folder, out);
  return (tc) => {
    if (!index.graphs.has(tc.script.toLowerCase())) {
      const hint = didYouMean(tc.script, names);
      out.push(diagnostic('E-TEST-SCRIPT', `no script named "${tc.script}" in ${folder}${hint ? `; did you mean "${hint}"?` : ''}`, tc.spans.script ?? tc.span));
      return;
    }
    if (tc.caller) checkCaller(tc, index, out);
    const e = tc.expect;
    for (const key of ['visits', 'neverVisits'] as const)
      (e[key] ?? []).forEach((name, i) => findAction(qualify(name, tc.script), tc.spans[`${key}.${i}`], tc.span));
    for (const [raw, wanted] of Object.entries(e.branches ?? {})) {
      const span = tc.spans[`branches.${raw}`];
      const node = findAction(qualify(raw, tc.script), span, tc.span);
      if (!node) continue;
      const def = definitionOf(node, tc.script, index);
      for (const b of wanted) {
        const known = node.branches.some((edge) => edge.name.toLowerCase() === b.toLowerCase()) || (def && index.registry.branch(def, b) !== undefined);
        if (known || def?.valueBranches) continue;
        const all = def ? def.branches : node.branches.map((x) => x.name);
        out.push(diagnostic('E-TEST-BRANCH', `${qualify(raw, tc.script)} (${node.type}) has no branch "${b}"; its branches are ${all.join(', ') || '(none)'}`, span ?? tc.span));
      }
    }
  };
}
