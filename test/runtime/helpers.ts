// Builds in-memory script sets from `.script` texts and runs them, for runtime tests.
import { builtinRegistry } from '../../src/actions/registry.js';
import type { ActionDefinition } from '../../src/actions/define.js';
import { formatDiagnosticLine } from '../../src/contract/diagnostics.js';
import { loadScriptText } from '../../src/graph/load.js';
import type { RunResult } from '../../src/runtime/result.js';
import { createRuntime, type RunOptions, type RuntimeOptions } from '../../src/runtime/runtime.js';
import type { LoadedScript } from '../../src/graph/script-set.js';
import type { RuntimeScripts } from '../../src/runtime/scripts.js';

export const NOW = '2026-11-21T09:00:00Z';

/** Loads each text as `<name>.script`; fails the test with the diagnostics when one does not load. */
export function scriptSet(texts: string[], actions: ActionDefinition[] = []): RuntimeScripts {
  const registry = builtinRegistry().with(actions);
  const scripts = new Map<string, LoadedScript>();
  texts.forEach((text, i) => {
    const name = /script\s+(\w+)/.exec(text)?.[1] ?? `Script${i}`;
    const { script, diagnostics } = loadScriptText(text, `${name}.script`, { registry });
    if (!script) throw new Error(`${name} does not load:\n${diagnostics.map(formatDiagnosticLine).join('\n')}`);
    scripts.set(script.graph.name.toLowerCase(), script);
  });
  return { folder: '.', scripts, registry };
}

export async function run(
  texts: string[],
  runOptions: RunOptions = {},
  options: Partial<RuntimeOptions> = {},
): Promise<RunResult> {
  const scripts = scriptSet(texts, options.actions ?? []);
  const runtime = createRuntime({ now: NOW, ...options, scripts });
  const first = /script\s+(\w+)/.exec(texts[0]!)![1]!;
  return runtime.run(first, runOptions);
}
