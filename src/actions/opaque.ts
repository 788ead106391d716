// The definition the runtime gives an action the emulator does not run (a
// Studio action not implemented yet, or a type nobody knows): it has the
// branches and properties the script wrote, so a stub can stand in for it
// (matching its properties, answering a branch, outputs or an error), and
// when nothing does, the run ends failed with a message naming the action.
// Its outputs are its properties whose value is a variable name (MENU's
// `Variable = "CHOICE"`): a stub's output of that name goes to that variable.
import type { ActionNode } from '../contract/script-graph.js';
import { VARIABLE_NAME } from '../contract/variables.js';
import { defineAction, value, type ActionDefinition } from './define.js';

/** An opaque action's definition, built from what the script wrote. */
export function opaqueDefinition(node: ActionNode, where: string): ActionDefinition {
  const named = [...new Set(node.branches.filter((b) => !b.isValue && b.name !== 'Default').map((b) => b.name))];
  const errorBranch = named.find((b) => /^(on)?error$/i.test(b));
  const type = node.type + (node.version !== undefined ? ` v${node.version}` : '');
  const at = `${node.span.file}:${node.span.line}:${node.span.col}`;
  const outputs: Record<string, string> = {};
  for (const [name, v] of Object.entries(node.props)) {
    const text = v.kind === 'string' ? v.value.trim() : v.kind === 'path' ? v.path : '';
    if (VARIABLE_NAME.test(text)) outputs[name] = text;
  }
  return defineAction({
    type: node.type,
    ...(node.version !== undefined ? { version: node.version } : {}),
    description: `${type}, kept as written: the emulator does not run it.`,
    props: Object.fromEntries(Object.keys(node.props).map((name) => [name, value()])),
    outputs,
    branches: ['Default', ...named],
    ...(errorBranch ? { errorBranch } : {}),
    valueBranches: true,
    execute: () => ({
      branch: '',
      control: {
        op: 'fail',
        reason: `${where} (${type}${node.caption && node.caption !== node.type ? ` "${node.caption}"` : ''}, ${at}): the emulator does not run ${node.type}; a stub must stand in for it (a test's stubs or run --stubs, matching action: ${node.type} or label: ${where})`,
      },
    }),
  });
}
