// fast-check generators of scripts that load: BEGIN first, then actions of
// the implemented types with properties of the right kinds, Studio actions
// the emulator does not run (opaque), branches between them, and an optional
// studio block. Labels are Studio ids or names.
import fc from 'fast-check';
import { quote } from '../../src/import/values.js';

/** Names that are not words of either language (`to` is a snippet keyword, `type` a script one). */
const RESERVED = /^(true|false|v[0-9]+|studio|script|type|assign|dynamic|function|return|if|else|select|switch|case|default|for|to|foreach|in|repeat|while|break|trace|uses|global)$/i;
const ident = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,7}$/).filter((s) => !RESERVED.test(s));
/** Text Studio keeps as it is in both formats (XML has no control characters and folds line ends). */
const text = fc.stringMatching(/^[ -z|~\u00e9\u4e2d]{0,16}$/);
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,6}$/).filter((s) => !/^(true|false)$/i.test(s));

interface Gen {
  type: string;
  caption?: string;
  body: string;
  /** Named branches the action has. */
  named: readonly string[];
  values: boolean;
  defaultBranch: boolean;
}

const caption = fc.option(text.filter((s) => s.trim() !== ''), { nil: undefined });
const props = (entries: (string | undefined)[]): string => {
  const set = entries.filter((e): e is string => e !== undefined);
  return set.length === 0 ? '' : ` {\n${set.map((e) => `  ${e}`).join('\n')}\n}`;
};

const assign = fc.record({ v: ident, value: fc.option(text, { nil: undefined }), type: fc.option(fc.constantFrom('Numeric', 'Datetime'), { nil: undefined }) }).map(
  (p): Omit<Gen, 'caption'> => ({
    type: 'ASSIGN',
    body: props([`Variable = ${p.v}`, p.value !== undefined && p.value !== '' ? `Value = ${quote(p.value)}` : undefined, p.type ? `Type = ${p.type}` : undefined]),
    named: ['Overflow'],
    values: false,
    defaultBranch: true,
  }),
);
const ifAction = fc.tuple(ident, fc.integer({ min: 0, max: 99 })).map(([v, n]): Omit<Gen, 'caption'> => ({ type: 'IF', body: props([`Expression = "${v} > ${n}"`]), named: ['True', 'False'], values: false, defaultBranch: false }));
const caseAction = ident.map((v): Omit<Gen, 'caption'> => ({ type: 'CASE', body: props([`Variable = ${v}`]), named: [], values: true, defaultBranch: true }));
const loop = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(ident, { nil: undefined })).map(
  ([n, c]): Omit<Gen, 'caption'> => ({ type: 'LOOP', body: props([`Repeat = ${n}`, c ? `CounterName = ${c}` : undefined]), named: ['Repeat', 'Finished'], values: false, defaultBranch: false }),
);
const wait = fc.integer({ min: 0, max: 60 }).map((n): Omit<Gen, 'caption'> => ({ type: 'WAIT', body: props([`Seconds = ${n}`]), named: [], values: false, defaultBranch: true }));
const snippet = fc.constantFrom('', '\n  a = 1\n', '\n  IF a > 1 {\n    b = "}"\n  }\n', '\n  x = "{a}"\n').map(
  (code): Omit<Gen, 'caption'> => ({ type: 'SNIPPET', body: ` {${code}}`, named: ['Error'], values: false, defaultBranch: true }),
);
const end = fc.constant<Omit<Gen, 'caption'>>({ type: 'END', body: '', named: [], values: false, defaultBranch: false });

/** Studio's caption for a new action ("Assign") is the one an import leaves out, so generated captions avoid it. */
const action = fc
  .tuple(fc.oneof(assign, ifAction, caseAction, loop, wait, snippet, end), caption)
  .map(([g, c]): Gen => (c === undefined || c === g.type.charAt(0) + g.type.slice(1).toLowerCase() ? g : { ...g, caption: c }));

const studioField = fc.oneof(
  // Odd positions and high orders: never the ones an export would choose itself (those an import leaves out).
  fc.tuple(fc.constantFrom('X', 'Y'), fc.integer({ min: 0, max: 999 })).map(([k, v]) => `${k} = ${2 * v + 1}`),
  fc.integer({ min: 100, max: 999 }).map((v) => `DependencyOrder = ${v}`),
  fc.constant('LibraryID = "00000000-1111-2222-3333-444444444444"'),
);

export interface GeneratedScript {
  text: string;
  labels: string[];
}

/** A script that loads without errors; `numeric` chooses Studio ids as labels; header fields are ones `format` has a place for. */
export const loadableScript = (numeric: boolean, format: 'xml' | 'json'): fc.Arbitrary<GeneratedScript> =>
  fc
    .record({
      name: ident,
      media: fc.option(fc.constantFrom('Phone', 'Chat', 'Email', 'WorkItem', 'SMS', 'Digital', 'Voicemail'), { nil: undefined }),
      actions: fc.array(action, { minLength: 1, maxLength: 7 }),
      names: fc.uniqueArray(ident, { minLength: 8, maxLength: 8 }),
      targets: fc.array(fc.nat(7), { minLength: 40, maxLength: 40 }),
      values: fc.array(fc.oneof(word, fc.integer({ min: 0, max: 99 }).map(String)), { minLength: 3, maxLength: 3 }),
      fields: fc.array(fc.uniqueArray(studioField, { maxLength: 2, selector: (f) => f.split(' ')[0] }), { minLength: 8, maxLength: 8 }),
      header: fc.option(fc.tuple(fc.integer({ min: 1, max: 99999 }), word), { nil: undefined }),
    })
    .map((r) => {
      const labels = ['begin', ...r.actions.map((_, i) => r.names[i]!)].map((l, i) => (numeric ? String(i + 10) : l));
      let t = 0;
      const to = (): string => labels[1 + (r.targets[t++ % r.targets.length]! % (labels.length - 1))]!;
      const lines = [`script ${r.name}${r.media ? `\ntype ${r.media}` : ''}`, `${labels[0]}: BEGIN -> ${labels[1]}`];
      r.actions.forEach((a, i) => {
        let s = `${labels[i + 1]}: ${a.type}${a.caption !== undefined ? ` ${quote(a.caption)}` : ''}${a.body}`;
        if (a.defaultBranch) s += ` -> ${to()}`;
        for (const b of a.named) if (t % 3 !== 1) s += `\n  ${b} -> ${to()}`;
        if (a.values) for (const v of new Set(r.values)) s += `\n  ${quote(v)} -> ${to()}`;
        lines.push(s);
      });
      const entries = labels.map((l, i) => (r.fields[i]?.length ? `  ${l} { ${r.fields[i]!.join(' ')} }` : '')).filter(Boolean);
      const header = r.header ? [`  BusNo = ${r.header[0]}`, format === 'xml' ? `  Alias = "Alias ${r.header[1]}"` : `  PurposeType = "Purpose ${r.header[1]}"`] : [];
      if (entries.length + header.length > 0) lines.push(`studio {\n${[...header, ...entries].join('\n')}\n}`);
      return { text: lines.join('\n\n') + '\n', labels };
    });
