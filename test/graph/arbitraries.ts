// fast-check generators of `.script` texts: a script model rendered with
// random layout (spaces, newlines, comments between tokens).
import fc from 'fast-check';

const ident = fc.stringMatching(/^[a-z_][A-Za-z0-9_]{0,8}$/).filter((s) => !/^(true|false|v[0-9]+)$/i.test(s));
const label = fc.oneof(ident, fc.integer({ min: 0, max: 999 }).map(String));
const propName = fc.stringMatching(/^[A-Z][a-z][A-Za-z0-9]{0,8}$/);
const typeWord = fc.constantFrom('ASSIGN', 'IF', 'CASE', 'WAIT', 'END', 'WORKFLOW', 'EXECUTE', 'GETQUEUE', 'CUSTOM_X');
const rawString = fc
  .array(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9 {}.,:|=<>+-]{1,6}$/), fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\{', '\\}', 'é', "'")), { maxLength: 5 })
  .map((parts) => parts.join(''));
const stringLit = rawString.map((r) => `"${r}"`);
const tripleLit = fc.stringMatching(/^[a-z "\n]{0,12}$/).filter((s) => !s.includes('""') && !s.endsWith('"')).map((r) => `"""${r}"""`);
const numberLit = fc.oneof(fc.integer({ min: -999, max: 9999 }).map(String), fc.double({ min: 0, max: 99, noNaN: true }).map((d) => d.toFixed(2)));
const pathLit = fc.oneof(
  ident,
  fc.tuple(ident, ident, fc.nat(9)).map(([a, b, n]) => `${a}.${b}[${n}]`),
  ident.map((a) => `global:${a}`),
);
const scalar = fc.oneof(stringLit, tripleLit, numberLit, pathLit, fc.constantFrom('true', 'FALSE'));
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) });
const prop = fc.tuple(propName, value).map(([n, v]) => [n, '=', v]);
const branch = fc.oneof(
  label.map((t) => ['->', t]),
  fc.tuple(fc.constantFrom('OnError', 'True', 'False', 'Default', 'Repeat'), label).map(([b, t]) => [b, '->', t]),
  fc.tuple(fc.oneof(stringLit, fc.nat(99).map(String)), label).map(([v, t]) => [v, '->', t]),
);
const snippetCode = fc.constantFrom('', '\n  a = 1\n', '\n  IF a > 1 { b = "}" } // {\n', ' x = \'{\' ');

const action = fc.oneof(
  { weight: 4, arbitrary: fc
    .record({
      label,
      types: fc.array(typeWord, { minLength: 1, maxLength: 2 }),
      version: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      caption: fc.option(stringLit, { nil: undefined }),
      props: fc.option(fc.array(prop, { maxLength: 4 }), { nil: undefined }),
      branches: fc.array(branch, { maxLength: 3 }),
    })
    .map((a) => [
      a.label, ':', ...a.types,
      ...(a.version ? [`v${a.version}`] : []),
      ...(a.caption ? [a.caption] : []),
      ...(a.props ? ['{', ...a.props.flat(), '}'] : []),
      ...a.branches.flat(),
    ]) },
  { weight: 1, arbitrary: fc
    .record({ label, caption: fc.option(stringLit, { nil: undefined }), props: fc.array(prop, { maxLength: 2 }), code: snippetCode, branches: fc.array(branch, { maxLength: 2 }) })
    .map((a) => [
      a.label, ':', 'SNIPPET',
      ...(a.caption ? [a.caption] : []),
      ...(a.props.length ? ['(', ...a.props.flatMap((p, i) => (i ? [',', ...p] : p)), ')'] : []),
      `{${a.code}}`,
      ...a.branches.flat(),
    ]) },
);

const separator = fc.oneof(
  { weight: 6, arbitrary: fc.constant(' ') },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\n  ', '\t', '\n\n') },
  { weight: 1, arbitrary: fc.constantFrom(' // note\n', '\n/* block\n comment */ ', ' /* c */ ') },
);

/** The optional `studio { … }` block: script fields, then per-label entries. */
const studioBlock = fc
  .record({ fields: fc.array(prop, { maxLength: 3 }), entries: fc.array(fc.tuple(label, fc.array(prop, { maxLength: 3 })), { maxLength: 3 }) })
  .map((b) => ['studio', '{', ...b.fields.flat(), ...b.entries.flatMap(([l, ps]) => [l, '{', ...ps.flat(), '}']), '}']);

/** Tokens of a valid script; join them with `layout`. */
export const scriptTokens = fc
  .record({
    name: ident,
    media: fc.option(fc.constantFrom('Phone', 'chat', 'Generic'), { nil: undefined }),
    actions: fc.array(action, { maxLength: 6 }),
    studio: fc.option(studioBlock, { nil: undefined }),
    lead: fc.constantFrom('', '// leading comment\n'),
  })
  .map((s) => ({ lead: s.lead, tokens: ['script', s.name, ...(s.media ? ['type', s.media] : []), ...s.actions.flat(), ...(s.studio ?? [])] }));

/** A valid script text with random layout. */
export const scriptText = scriptTokens.chain(({ lead, tokens }) =>
  fc.array(separator, { minLength: tokens.length, maxLength: tokens.length }).map((seps) => lead + tokens.map((t, i) => t + seps[i]).join('')),
);
