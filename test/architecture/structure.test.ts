// The structure rule (docs/architecture.md): rooms are stacked, and an import
// may only go down — from a room to itself or to a room below it — never up,
// and no files import each other in a circle. The one exception: the parsers
// nearley generates (grammar/*.generated.ts) call the AST builders of the room
// that uses them. A new folder under src/ fails here until it gets its place
// in ROOMS.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Lowest first. A room may import itself and the rooms listed before it. */
const ROOMS = [
  'contract', // the shapes every room agrees on; imports nothing of ours
  'deps', // how third-party libraries are loaded
  'grammar', // lexers and generated parsers
  'parse', // text -> AST
  'http', // HTTP clients (stubs, real, none)
  'snippet', // the snippet language
  'tenant', // the emulated business unit and its stores
  'phone', // the phone contact: scripted caller, digit buffer, prompts, transcript (pure models)
  'actions', // one file per action, the registry, defineAction
  'graph', // AST -> action graph, validation, rendering
  'runtime', // graph -> runs on the virtual clock -> results
  'import', // Studio exports (Desktop XML, CXone Studio JSON) <-> .script
  'testing', // test files, stubs, coverage, matchers
  'cli', // one file per command
  'index', // the package's public API
] as const;

/** Generated parsers call their room's AST builders: the one allowed upward import. */
const GENERATED_PARSER = /^grammar\/[^/]+\.generated\.ts$/;
const AST_BUILDERS = new Set(['src/parse/builders.ts', 'src/snippet/ast-builder.ts']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(path));
    else if (e.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Relative imports of a file (static, type-only, re-exports and dynamic import()), as repository paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => normalize(join(dirname(file), s.replace(/\.js$/, '.ts'))).split(sep).join('/'));
}

function roomOf(file: string): string {
  if (file.startsWith('grammar/')) return 'grammar';
  const parts = relative('src', file).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

const files = [...sourceFiles('src'), ...sourceFiles('grammar')];
const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => !(GENERATED_PARSER.test(f) && AST_BUILDERS.has(t)))]));
const rank = new Map<string, number>(ROOMS.map((r, i) => [r, i]));

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('structure', () => {
  it('every source file belongs to a room with a place in the order', () => {
    expect(files.filter((f) => !rank.has(roomOf(f)))).toEqual([]);
  });

  it('every import resolves to a source file', () => {
    const known = new Set(files);
    const missing = [...edges].flatMap(([f, to]) => to.filter((t) => !known.has(t)).map((t) => `${f} -> ${t}`));
    expect(missing).toEqual([]);
  });

  it('no import goes from a lower room to a higher one', () => {
    const upward = [...edges].flatMap(([f, to]) => to.filter((t) => rank.get(roomOf(t))! > rank.get(roomOf(f))!).map((t) => `${f} -> ${t}`));
    expect(upward).toEqual([]);
  });

  it('the contracts import nothing of ours but each other', () => {
    const out = [...edges].filter(([f]) => roomOf(f) === 'contract').flatMap(([f, to]) => to.filter((t) => roomOf(t) !== 'contract').map((t) => `${f} -> ${t}`));
    expect(out).toEqual([]);
  });

  it('no files import each other in a circle', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('no rooms import each other in a circle', () => {
    const rooms = new Map<string, string[]>();
    for (const [f, to] of edges) {
      const from = roomOf(f);
      const list = rooms.get(from) ?? [];
      for (const t of to) if (roomOf(t) !== from && !list.includes(roomOf(t))) list.push(roomOf(t));
      rooms.set(from, list);
    }
    expect(cycles(rooms)).toEqual([]);
  });
});
