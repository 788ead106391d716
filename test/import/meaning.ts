// What a script means to Studio, for round-trip comparisons: its actions with
// their types, captions, properties as Studio's text, branches and studio
// fields, labels renamed through an export's id map. Layout, comments and
// spellings that mean the same (`"{x}"` and `x`, a default written or left
// out) compare equal.
import { expect } from 'vitest';
import { builtinRegistry } from '../../src/actions/registry.js';
import type { StudioField } from '../../src/contract/script-graph.js';
import { analyzeScript } from '../../src/graph/analyze.js';
import { studioDefault, toStudioText } from '../../src/import/values.js';

export function meaning(source: string, file: string, relabel: (label: string) => string = (l) => l): unknown {
  const a = analyzeScript(source, file);
  expect(a.diagnostics.filter((d) => d.severity === 'error'), `${file} loads`).toEqual([]);
  const registry = builtinRegistry();
  const g = a.graph;
  return {
    name: g.name,
    mediaType: g.mediaType,
    actions: g.actions.map((n) => {
      const def = a.definitions.get(n.label);
      // A property set to what Studio writes when it is left out means the same as leaving it out.
      const props = Object.entries(n.props)
        .map(([k, v]) => {
          const spec = def ? registry.prop(def, k)?.spec : undefined;
          return [k, toStudioText(v, spec), studioDefault(spec)] as const;
        })
        .filter(([, v, d]) => v !== d)
        .map(([k, v]) => [k, v] as const)
        .sort(([x], [y]) => x.localeCompare(y));
      return {
        label: relabel(n.label),
        type: n.type,
        version: n.version,
        caption: n.caption,
        props: Object.fromEntries(props),
        // Where the default is written among the branches carries no meaning (exports put it first).
        branches: [...n.branches.filter((b) => b.name === 'Default' && !b.isValue), ...n.branches.filter((b) => b.name !== 'Default' || b.isValue)].map((b) => [
          b.name,
          relabel(b.target),
          Boolean(b.isValue),
        ]),
        snippet: n.snippet?.code.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, ''),
      };
    }),
    // The order of studio fields carries no meaning.
    studio: {
      fields: fieldsOf(g.studio?.fields),
      actions: (g.studio?.actions ?? []).map((e) => [relabel(e.label), fieldsOf(e.fields)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    },
  };
}

const fieldsOf = (fields: readonly StudioField[] | undefined): [string, unknown][] =>
  (fields ?? []).map((f): [string, unknown] => [f.name, toStudioText(f.value, undefined)]).sort(([a], [b]) => a.localeCompare(b));
