// The `studio { … }` block of a `.script` file as graph data, with its
// checks: every entry names an action of the script, no field is set twice,
// and the fields an export places as numbers are whole numbers. Running a
// script never reads this block; import writes it and export reads it.
import { diagnostic, didYouMean, type Diagnostic } from '../contract/diagnostics.js';
import type { PropAst, StudioBlockAst } from '../parse/ast.js';
import { toPropValue } from './props.js';
import type { StudioField, StudioMeta } from '../contract/script-graph.js';

/** Per-action fields an export knows where to put (docs/import.md, "The studio block"). */
export const STUDIO_ACTION_FIELDS = ['X', 'Y', 'XWS', 'YWS', 'LibraryID', 'DependencyOrder', 'ImplType', 'Version', 'ID', 'ParameterCount', 'BranchIndexes'] as const;
const WHOLE = new Set(['X', 'Y', 'XWS', 'YWS', 'DependencyOrder', 'ID', 'ParameterCount', 'Version']);
const INDEXES = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=[0-9]+\s*)*$/;

/** The 0-based position a `P<n>` name stands for (a Studio parameter nobody knows the meaning of, 1-based as Studio's editor counts), if it is one. */
export function positionOf(name: string): number | undefined {
  const m = /^P([1-9][0-9]{0,3})$/i.exec(name);
  return m ? Number(m[1]) - 1 : undefined;
}

export function buildStudioMeta(block: StudioBlockAst, labels: ReadonlySet<string>): { meta: StudioMeta; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const meta: StudioMeta = { fields: fields(block.props, 'the studio block', ds), actions: [], span: block.span };
  const seen = new Set<string>();
  const ids = new Map<string, string>();
  for (const e of block.entries) {
    const label = e.label.text;
    if (seen.has(label)) {
      ds.push(diagnostic('E-STUDIO-DUPLICATE', `the studio block has two entries for '${label}'`, e.label.span));
      continue;
    }
    seen.add(label);
    if (!labels.has(label)) {
      const hint = didYouMean(label, [...labels]);
      ds.push(diagnostic('W-STUDIO-LABEL', `studio entry '${label}' names no action of this script${hint ? `; did you mean ${hint}?` : ''} (an export leaves it out)`, e.label.span, 'warning'));
    }
    const list = fields(e.props, `entry '${label}'`, ds);
    for (const [i, f] of list.entries()) {
      const known = STUDIO_ACTION_FIELDS.find((k) => k.toLowerCase() === f.name.toLowerCase());
      const span = e.props[i]!.name.span;
      // `P9 = "False"`: a Studio parameter at a position the emulator's table has no property for (import keeps it here).
      if (!known && positionOf(f.name) !== undefined) continue;
      if (!known) {
        const hint = didYouMean(f.name, STUDIO_ACTION_FIELDS);
        ds.push(diagnostic('W-STUDIO-FIELD', `'${f.name}' is not a field an export writes${hint ? `; did you mean ${hint}?` : ` (fields: ${STUDIO_ACTION_FIELDS.join(', ')})`}`, span, 'warning'));
        continue;
      }
      f.name = known;
      const v = f.value;
      if (WHOLE.has(known) && !(v.kind === 'number' && Number.isInteger(v.value))) ds.push(diagnostic('E-STUDIO-VALUE', `${known} is a whole number`, v.span));
      if (known === 'BranchIndexes' && !(v.kind === 'string' && INDEXES.test(v.value)))
        ds.push(diagnostic('E-STUDIO-VALUE', 'BranchIndexes is a string of Name=index pairs, such as "Timeout=2 Digit=0"', v.span));
      if (known === 'ID' && v.kind === 'number') {
        const other = ids.get(v.raw);
        if (other) ds.push(diagnostic('E-STUDIO-VALUE', `ID ${v.raw} is also the ID of '${other}'`, v.span));
        else if (labels.has(v.raw) && v.raw !== label) ds.push(diagnostic('E-STUDIO-VALUE', `ID ${v.raw} is the label of another action`, v.span));
        ids.set(v.raw, label);
      }
    }
    meta.actions.push({ label, fields: list, span: e.span });
  }
  return { meta, diagnostics: ds };
}

function fields(props: readonly PropAst[], where: string, ds: Diagnostic[]): StudioField[] {
  const out: StudioField[] = [];
  const seen = new Set<string>();
  for (const p of props) {
    const key = p.name.text.toLowerCase();
    if (seen.has(key)) {
      ds.push(diagnostic('E-STUDIO-DUPLICATE', `${p.name.text} is set twice in ${where}`, p.name.span));
      continue;
    }
    seen.add(key);
    out.push({ name: p.name.text, value: toPropValue(p.value) });
  }
  return out;
}
