// The fast YAML reader must read every text it accepts exactly as the `yaml`
// package does (same values, same located spans), and leave every text with an
// error to it. Checked on generated documents, on mutations of them, on every
// YAML file of the repository and on hand-picked corner cases.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LineIndex } from '../../src/contract/diagnostics.js';
import { locatedFromDocument, type LocatedNode } from '../../src/tenant/yaml-located.js';
import { readYamlSubset } from '../../src/tenant/yaml-subset.js';

type Shape = { span: [number, number]; map?: [string | undefined, Shape | null, Shape | null][]; seq?: (Shape | null)[] };

/** What a located diagnostic sees of a node: its start and how far its first line is underlined (as YamlSource.spanOf). */
function shape(node: LocatedNode | undefined, lines: LineIndex): Shape | null {
  if (!node) return null;
  const [start, valueEnd] = node.range;
  const next = lines.lineStart(lines.positionAt(start).line + 1);
  const end = next !== undefined && next - 1 < valueEnd ? next - 1 : valueEnd;
  const span: [number, number] = [start, end];
  if (node.kind === 'map') return { span, map: node.pairs.map((p) => [p.name, shape(p.key, lines), shape(p.value, lines)]) };
  if (node.kind === 'seq') return { span, seq: node.items.map((i) => shape(i, lines)) };
  return { span };
}

/** Undefined when the fast reader leaves the text to `yaml`; otherwise a description of any disagreement (or ''). */
function disagreement(text: string): string | undefined {
  const fast = readYamlSubset(text);
  if (!fast) return undefined;
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return `accepted a text yaml refuses: ${doc.errors[0]!.message}`;
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isDeepStrictEqual(fast.data, data)) return `values differ: ${JSON.stringify(fast.data)} vs ${JSON.stringify(data)}`;
  const lines = new LineIndex(text);
  const a = shape(fast.root, lines);
  const b = shape(locatedFromDocument(doc), lines);
  if (!isDeepStrictEqual(a, b)) return `spans differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  return '';
}

function agrees(text: string): void {
  const d = disagreement(text);
  if (d) throw new Error(`${JSON.stringify(text)}: ${d}`);
}

// ---------------------------------------------------------------- generated documents

const words = fc.constantFrom('a', 'name', 'x y', 'Hello, Caller 1!', '1', '-2', '0.50', '1e3', '0x1F', '0o17', 'true', 'False', 'null', '~', '', 'http://h/p?q=1', 'a#b', '2026-11-21T09:00:00-07:00', 'é😀', '.5', '-x', 'yes', 'a:b');
const keys = fc.constantFrom('a', 'b', 'name', 'script', 'x y', '1', '"q"', "'s'", '"a b"', "it's", 'c');
const scalarText = fc.oneof(
  words,
  words.map((w) => JSON.stringify(w)),
  words.map((w) => `'${w.replace(/'/g, "''")}'`),
  fc.constantFrom('"a\\"b"', '"tab\\tnl\\n"', '"back\\\\slash"', '"\\u00e9"', "'it''s'", '"a # b"'),
);

interface Gen {
  /** Lines of a block value at `indent`, or one inline text. */
  kind: 'scalar' | 'flow' | 'map' | 'seq';
  text?: string;
  entries?: [string, Gen][];
  items?: Gen[];
}

const flowText: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText.filter((s) => !/[,[\]{}#]|: |:$/.test(s) && s !== '' && s !== '-x'),
    fc.array(tie('f'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(keys, tie('f')), { maxLength: 3 }).map((es) => `{ ${es.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
  ),
})).f;

const gen: fc.Arbitrary<Gen> = fc.letrec<{ g: Gen }>((tie) => ({
  g: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText.map((text): Gen => ({ kind: 'scalar', text })),
    flowText.map((text): Gen => ({ kind: 'flow', text })),
    fc.array(fc.tuple(keys, tie('g')), { minLength: 1, maxLength: 4 }).map((entries): Gen => ({ kind: 'map', entries })),
    fc.array(tie('g'), { minLength: 1, maxLength: 4 }).map((items): Gen => ({ kind: 'seq', items })),
  ),
})).g;

const extras = fc.record({ comment: fc.boolean(), blank: fc.boolean(), trailing: fc.constantFrom('', ' ', '  # c'), step: fc.constantFrom(1, 2, 4), sameIndentSeq: fc.boolean() });

function render(g: Gen, indent: number, style: { comment: boolean; blank: boolean; trailing: string; step: number; sameIndentSeq: boolean }): string {
  const pad = ' '.repeat(indent);
  const inline = (v: Gen): string | undefined => (v.kind === 'scalar' || v.kind === 'flow' ? v.text! : undefined);
  const tail = `${style.trailing}\n${style.blank ? '\n' : ''}${style.comment ? `${pad}# note\n` : ''}`;
  if (g.kind === 'map') {
    return g.entries!
      .map(([k, v]) => {
        const one = inline(v);
        if (one !== undefined) return `${pad}${k}:${one === '' ? '' : ` ${one}`}${tail}`;
        const inner = v.kind === 'seq' && style.sameIndentSeq ? indent : indent + style.step;
        return `${pad}${k}:${style.trailing}\n${render(v, inner, style)}`;
      })
      .join('');
  }
  if (g.kind === 'seq') {
    return g.items!
      .map((v) => {
        const one = inline(v);
        if (one !== undefined) return `${pad}-${one === '' ? '' : ` ${one}`}${tail}`;
        if (v.kind === 'map') {
          // A compact mapping: the first entry on the dash's line.
          const body = render(v, indent + 2, style);
          return `${pad}- ${body.slice(indent + 2)}`;
        }
        return `${pad}-\n${render(v, indent + style.step, style)}`;
      })
      .join('');
  }
  return `${pad}${g.text}\n`;
}

const documents = fc.tuple(gen, extras).map(([g, style]) => render(g, 0, style));

const NOISE = [':', ': ', ' #', '#', '-', '- ', ' ', '  ', '\n', '\n  ', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!t ', '|', '>', '? ', '%', '---', '\\', 'a: b', '\t', '\r'];
const mutated = fc.tuple(documents, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE), fc.nat(3)), { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
  let t = text;
  for (const [at, noise, cut] of edits) {
    const i = t.length === 0 ? 0 : at % t.length;
    t = t.slice(0, i) + noise + t.slice(i + cut);
  }
  return t;
});

describe('fast YAML reader', () => {
  it('reads generated documents as yaml does, and reads most of them itself', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(documents, (text) => {
        total++;
        if (readYamlSubset(text)) read++;
        agrees(text);
      }),
      { numRuns: 400 },
    );
    expect(read / total).toBeGreaterThan(0.5);
  });

  it('never accepts a damaged document yaml refuses, and reads the ones it accepts as yaml does', () => {
    fc.assert(fc.property(mutated, agrees), { numRuns: 1500 });
  });

  it('agrees with yaml on corner cases', () => {
    const texts = [
      '',
      '# only a comment\n',
      'a: 1\n# c\n  # d\n\nb:   # x\n- 1\n- k: [a, "b"]   \n  j: \'it\'\'s\'\n',
      'x:\n  y: 1\n\n\n  z: {}\nw: []\n',
      'k:   # c\nm: 1',
      'k:   \nm: 1\n',
      '# top\nk:   \n- a  \n-   \n-   # c\nz: x y  # c\n',
      'k:\n  - a\n  -\n',
      '- k:\n  - a\n  j: 1\n- b\n',
      '- a: 1\n  # c\n- b\n',
      'a: 1\n   # deeper comment\nb: 2\n',
      'a: b: c',
      'a: {b: c: d}',
      '{a:b, c: d:e, u: http://x}',
      'a: b\nc\n',
      'a:\n  b: 1\n   c: 2\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: 1\na: 2\n',
      'a: 1\n"a": 2\n',
      '1: x\n"1": y\n',
      'a: [1, 2,]\n',
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: "x\\\u2028y"\n', // an escaped line separator: yaml refuses the escape
      'a: "x\\\u2029y"\n',
      'a: "multi\n  line"\n',
      'a: some\n  continued\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      'a:  "x"y\n',
      '- - a\n',
      'a: [b, [c, {d: e}]]  # c\n',
      'a: { "k": "v", \'l\': 2 }\n',
      'a: -1\nb: -0\nc: +5\nd: 0.10\ne: 1e3\nf: 0x1f\ng: 0o17\nh: 9007199254740993\n',
      'a: "\\u00e9"\n',
      'a: "x\\\\"\n',
      `${'k'.repeat(1100)}: 1\n`,
      'constructor: 1\ntoString: 2\n',
      '__proto__: 1\n',
      '<<: 1\n',
      '"a"\n',
      'plain text\n',
      '[a, b]\n',
      '{a: 1}\n',
      '- a\nb: 1\n',
      'a:\n- b\nc: 1\n',
      '  a: 1\n  b: 2\n',
      '  a: 1\n b: 2\n',
      'a:\n\n\n',
      'a:\n  # only a comment\nb: 1\n',
      'a: x #c\n',
      'a: x#c\n',
      'a: "x"#c\n',
      'a: [x]y\n',
      'a: [x #c]\n',
      'a b: 1\n',
      'a : 1\n',
      'a:1\n',
      '- a:1\n',
      '-1\n',
      '- -1\n',
      'é: 😀\n',
    ];
    for (const t of texts) agrees(t);
  });

  it('gives plain scalars the core schema\'s values', () => {
    const plain = ['~', 'null', 'Null', 'NULL', 'nULL', 'nil', 'n', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'f', 'yes', 'no', 'on', '0', '-0', '+0', '007', '08', '1_000', '0o17', '0o8', '0x1F', '0xg', '0b1', '1.', '.5', '-.5', '+.5', '1.50', '1e3', '1E-3', '1e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', '12:30', '1-2', '9007199254740993', 'x', '.x', '+x'];
    for (const p of plain) {
      agrees(`v: ${p}\n`);
      agrees(`- [${p}]\n`);
    }
  });

  it('reads the repository\'s YAML files as yaml does', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(name)) files.push(path);
      }
    };
    for (const dir of ['scripts-examples', 'test', 'examples', 'docs']) {
      try {
        walk(dir);
      } catch {
        // a folder the checkout does not have
      }
    }
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) agrees(readFileSync(f, 'utf8'));
  });
});
