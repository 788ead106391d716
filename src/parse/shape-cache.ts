// A parse cache keyed by the shape of an action: the sequence of its token
// types. Scripts repeat the same few shapes (an ASSIGN with Variable and
// Value, an IF with True and False…), and the grammar's choices depend only on
// token types (punctuation types are their text; the two disambiguation rules
// in builders.ts test what the type already says). So the first action of a
// shape is parsed by nearley while recording which builder made which node
// from which children; later actions of that shape replay those builder calls
// on their own tokens, skipping the Earley work. Results are identical by
// construction; a property test compares both paths.
import type nearley from 'nearley';
import type { ScriptToken } from '../../grammar/script-lexer.js';

type Postprocess = (d: unknown[], reference: number, reject: object) => unknown;

/** How to rebuild one value: a token of the action, a constant, or a builder over rebuilt children. */
export type Recipe = { token: number } | { constant: null } | { build: Postprocess; kids: Recipe[] };

const REJECT = {};

export class ShapeCache {
  private readonly recipes = new Map<string, Recipe>();
  private recording: { byValue: WeakMap<object, Recipe>; tokenIndex: Map<ScriptToken, number> } | undefined;

  constructor(private readonly maxShapes = 2000) {}

  /** Wraps a compiled grammar's postprocessors so that parses can be recorded. */
  instrument(compiled: nearley.CompiledRules): nearley.CompiledRules {
    return {
      ...compiled,
      ParserRules: compiled.ParserRules.map((rule) => {
        const pp = rule.postprocess as Postprocess | undefined;
        if (!pp) return rule;
        const wrapped: Postprocess = (d, reference, reject) => {
          const value = pp(d, reference, reject);
          const rec = this.recording;
          if (rec && value !== reject && value !== null && typeof value === 'object' && !rec.tokenIndex.has(value as ScriptToken))
            rec.byValue.set(value, { build: pp, kids: d.map((x) => this.recipeOf(x)) });
          return value;
        };
        return { ...rule, postprocess: wrapped } as nearley.ParserRule;
      }),
    };
  }

  private recipeOf(x: unknown): Recipe {
    const rec = this.recording!;
    if (x === null || x === undefined) return { constant: null };
    const i = rec.tokenIndex.get(x as ScriptToken);
    if (i !== undefined) return { token: i };
    // Every object a builder sees was made by a builder (or is a token): recorded above.
    return rec.byValue.get(x as object) ?? { constant: null };
  }

  static key(tokens: readonly ScriptToken[], from: number, to: number): string {
    let k = '';
    for (let i = from; i < to; i++) k += tokens[i]!.type + ' ';
    return k;
  }

  /** Rebuilds the result of a known shape from `tokens[from…]`, or undefined when the shape is new. */
  replay<T>(key: string, tokens: readonly ScriptToken[], from: number): T | undefined {
    const recipe = this.recipes.get(key);
    return recipe === undefined ? undefined : (build(recipe, tokens, from) as T);
  }

  /** Runs `parse` while recording, and keeps the recipe of its result under `key`. */
  record<T>(key: string, tokens: readonly ScriptToken[], from: number, to: number, parse: () => T | undefined): T | undefined {
    const tokenIndex = new Map<ScriptToken, number>();
    for (let i = from; i < to; i++) tokenIndex.set(tokens[i]!, i - from);
    this.recording = { byValue: new WeakMap(), tokenIndex };
    try {
      const result = parse();
      if (result !== undefined && this.recipes.size < this.maxShapes) this.recipes.set(key, this.recipeOf(result));
      return result;
    } finally {
      this.recording = undefined;
    }
  }
}

function build(r: Recipe, tokens: readonly ScriptToken[], from: number): unknown {
  if ('token' in r) return tokens[from + r.token];
  if ('constant' in r) return r.constant;
  const d = new Array<unknown>(r.kids.length);
  for (let i = 0; i < r.kids.length; i++) d[i] = build(r.kids[i]!, tokens, from);
  return r.build(d, 0, REJECT);
}
