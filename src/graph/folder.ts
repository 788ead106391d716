// Folders of scripts: finds every `.script` file (subfolders included),
// loads them all, and checks what spans files: unique script names, and that
// RUNSUB / RUNSCRIPT / SPAWN targets exist, share the caller's media type
// (RUNSUB) and contain a RETURN (RUNSUB).
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, didYouMean, hasErrors, ScriptLoadError, type Diagnostic } from '../contract/diagnostics.js';
import { builtinRegistry, type ActionRegistry } from '../actions/registry.js';
import { analyzeScript, type AnalyzedScript } from './analyze.js';
import type { LoadOptions, ScriptSet } from './script-set.js';
import { hasSubstitution } from './props.js';
import { bareScriptName, scriptFacts, type ScriptFacts } from './studio-rules.js';

/** Every `.script` file under `folder`, sorted, skipping hidden folders and node_modules. */
export async function findScriptFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && e.name.endsWith('.script')) out.push(p);
    }
  };
  await walk(folder);
  return out;
}

interface FolderAnalysis {
  scripts: AnalyzedScript[];
  diagnostics: Diagnostic[];
}

async function analyzeFolder(folder: string | undefined, registry: ActionRegistry, extra?: ScriptText): Promise<FolderAnalysis> {
  const files = folder === undefined ? [] : await findScriptFiles(folder);
  const diagnostics: Diagnostic[] = [];
  const scripts: AnalyzedScript[] = [];
  const first = extra ? analyzeScript(extra.text, extra.file, registry) : undefined;
  if (first) (scripts.push(first), diagnostics.push(...first.diagnostics));
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8').then((t) => t, (e: NodeJS.ErrnoException) => e)));
  files.forEach((file, i) => {
    const text = texts[i]!;
    if (typeof text !== 'string') {
      diagnostics.push(diagnostic('E-GRAPH-READ', `cannot read ${file}: ${text.code ?? text.message}`, { file, line: 1, col: 1 }));
      return;
    }
    const a = analyzeScript(text, file, registry);
    // The given text stands for its script: the folder's file of the same script is not loaded too.
    if (first && a.graph.name.toLowerCase() === first.graph.name.toLowerCase()) return;
    scripts.push(a);
    diagnostics.push(...a.diagnostics);
  });
  diagnostics.push(...crossCheck(scripts));
  return { scripts, diagnostics };
}

/** Checks between the scripts of one folder. */
export function crossCheck(scripts: readonly AnalyzedScript[]): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const byName = new Map<string, AnalyzedScript>();
  for (const s of scripts) {
    const name = s.graph.name;
    if (!name) continue;
    const first = byName.get(name.toLowerCase());
    if (first)
      ds.push(diagnostic('E-GRAPH-DUPLICATE-SCRIPT', `script name ${name} is already used by ${first.file}; names must be unique in a folder`, s.ast.name.span));
    else byName.set(name.toLowerCase(), s);
  }
  const names = [...byName.values()].map((s) => s.graph.name);
  const scriptNames = new Map(names.map((n) => [n.toLowerCase(), n] as const));
  for (const s of scripts) {
    let facts: ScriptFacts | undefined;
    const factsOf = (): ScriptFacts => (facts ??= scriptFacts(s.graph, s.definitions));
    for (const a of s.graph.actions) {
      const call = s.definitions.get(a.label)?.callsScript;
      if (!call) continue;
      const bare = bareScriptName(a, call.prop, factsOf, scriptNames);
      if (bare) ds.push(bare);
      const prop = a.props[call.prop];
      if (!prop || prop.kind !== 'string' || hasSubstitution(prop.value)) continue;
      const target = prop.value.trim();
      if (/[\\/]|\.\./.test(target)) {
        ds.push(diagnostic('E-GRAPH-SCRIPT-NAME', `${a.type} ${call.prop} "${target}" must be a script name, not a path`, prop.span));
        continue;
      }
      const found = byName.get(target.toLowerCase());
      if (!found) {
        const hint = didYouMean(target, names);
        ds.push(diagnostic('E-GRAPH-SCRIPT-NOT-FOUND', `${a.type} '${a.label}': no script named ${target} in this folder${hint ? `; did you mean ${hint}?` : ''}`, prop.span));
        continue;
      }
      // A subscript call returns to its caller: it needs the caller's media type and a RETURN.
      if (call.mode !== 'call') continue;
      if (found.graph.mediaType !== s.graph.mediaType)
        ds.push(
          diagnostic(
            'E-GRAPH-MEDIA-MISMATCH',
            `RUNSUB '${a.label}': ${found.graph.name} is a ${found.graph.mediaType} script but ${s.graph.name} is ${s.graph.mediaType}; a subscript must share its caller's media type`,
            prop.span,
          ),
        );
      if (!found.graph.actions.some((x) => x.type === 'RETURN'))
        ds.push(
          diagnostic('W-NO-RETURN', `RUNSUB '${a.label}': ${found.graph.name} has no RETURN, so the call ends in an error outcome`, prop.span, 'warning'),
        );
    }
  }
  return ds;
}

/** A script that is not (only) a file: stdin's text under a name such as `<stdin>`. */
export interface ScriptText {
  file: string;
  text: string;
}

/**
 * Loads a script given as text together with the scripts of `folder` (if
 * any), which it may call; the text replaces the folder's file of the same
 * script. Throws ScriptLoadError like loadFolder.
 */
export async function loadScriptWithFolder(script: ScriptText, folder: string | undefined, opts: LoadOptions = {}): Promise<ScriptSet> {
  const registry = opts.registry ?? builtinRegistry();
  const analysis = leaveOutUnreachable(await analyzeFolder(folder, registry, script), resolve(script.file));
  if (hasErrors(analysis.diagnostics)) throw new ScriptLoadError(analysis.diagnostics);
  const scripts = new Map(analysis.scripts.map((s) => [s.graph.name.toLowerCase(), { graph: s.graph, source: s.source, compiled: s.compiled }] as const));
  return { folder: folder ?? process.cwd(), scripts, registry, diagnostics: analysis.diagnostics };
}

/** Loads every script of a folder; throws ScriptLoadError (with every diagnostic) when any has errors. */
export async function loadFolder(folder: string, opts: LoadOptions = {}): Promise<ScriptSet> {
  const registry = opts.registry ?? builtinRegistry();
  let analysis: FolderAnalysis;
  try {
    if (!(await stat(folder)).isDirectory()) throw new ScriptLoadError([readError(folder, 'not a folder')]);
    analysis = await analyzeFolder(folder, registry);
  } catch (err) {
    if (err instanceof ScriptLoadError) throw err;
    throw new ScriptLoadError([readError(folder, (err as NodeJS.ErrnoException).code ?? String(err))]);
  }
  if (analysis.scripts.length === 0 && analysis.diagnostics.length === 0)
    analysis.diagnostics.push(diagnostic('E-GRAPH-NO-SCRIPTS', `no .script files in ${folder}`, { file: folder, line: 1, col: 1 }));
  if (opts.entryFile !== undefined) analysis = leaveOutUnreachable(analysis, resolve(opts.entryFile));
  if (hasErrors(analysis.diagnostics)) throw new ScriptLoadError(analysis.diagnostics);
  const scripts = new Map(
    analysis.scripts.map((s) => [s.graph.name.toLowerCase(), { graph: s.graph, source: s.source, compiled: s.compiled }] as const),
  );
  return { folder, scripts, registry, diagnostics: analysis.diagnostics };
}

/**
 * Keeps the scripts the entry can reach, plus every script without errors:
 * a broken script elsewhere in the folder should not stop a run that never
 * calls it. A call whose ScriptName is substituted at run time could reach any
 * script, so then nothing is left out.
 */
function leaveOutUnreachable(analysis: FolderAnalysis, entryFile: string): FolderAnalysis {
  const entry = analysis.scripts.find((s) => resolve(s.file) === entryFile);
  if (!entry) return analysis;
  const byName = new Map(analysis.scripts.map((s) => [s.graph.name.toLowerCase(), s] as const));
  const reached = new Set<AnalyzedScript>([entry]);
  const queue = [entry];
  for (let s = queue.pop(); s; s = queue.pop()) {
    for (const a of s.graph.actions) {
      const call = s.definitions.get(a.label)?.callsScript;
      if (!call) continue;
      const prop = a.props[call.prop];
      if (!prop || prop.kind !== 'string' || hasSubstitution(prop.value)) return analysis;
      const target = byName.get(prop.value.trim().toLowerCase());
      if (target && !reached.has(target)) (reached.add(target), queue.push(target));
    }
  }
  const errorsIn = (file: string) => analysis.diagnostics.filter((d) => d.span.file === file && d.severity === 'error').length;
  const broken = new Set(analysis.scripts.filter((s) => !reached.has(s) && errorsIn(s.file) > 0));
  if (broken.size === 0) return analysis;
  const brokenFiles = new Set([...broken].map((s) => s.file));
  const diagnostics = analysis.diagnostics.filter((d) => !brokenFiles.has(d.span.file));
  for (const s of broken) {
    const errors = errorsIn(s.file);
    diagnostics.push(
      diagnostic(
        'W-SCRIPT-LEFT-OUT',
        `${s.graph.name || s.file} has ${errors} error(s) and ${entry.graph.name} never calls it, so it was left out (studio-script check ${s.file} shows them)`,
        { file: s.file, line: 1, col: 1 },
        'warning',
      ),
    );
  }
  return { scripts: analysis.scripts.filter((s) => !broken.has(s)), diagnostics };
}

const readError = (path: string, why: string): Diagnostic =>
  diagnostic('E-GRAPH-READ', `cannot read ${path}: ${why === 'ENOENT' ? 'no such file or folder' : why}`, { file: path, line: 1, col: 1 });

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Text of every file loaded, for caret excerpts. */
  sources: Map<string, string>;
  /** Number of script files checked. */
  files: number;
}

/**
 * What `studio-script check` does: loads each path (a folder with all its
 * scripts, or one file checked against the scripts of its folder) and returns
 * every diagnostic without throwing.
 */
export async function checkPaths(paths: readonly string[], opts: LoadOptions = {}): Promise<CheckResult> {
  const registry = opts.registry ?? builtinRegistry();
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const checked = new Set<string>();
  const add = (ds: Diagnostic[]): void => {
    for (const d of ds) {
      const key = `${d.span.file}:${d.span.line}:${d.span.col}:${d.code}:${d.message}`;
      if (!seen.has(key)) (seen.add(key), diagnostics.push(d));
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      add([readError(path, (err as NodeJS.ErrnoException).code ?? String(err))]);
      continue;
    }
    if (isDir) {
      const a = await analyzeFolder(path, registry);
      for (const s of a.scripts) (sources.set(s.file, s.source), checked.add(resolve(s.file)));
      if (a.scripts.length === 0 && a.diagnostics.length === 0) add([diagnostic('E-GRAPH-NO-SCRIPTS', `no .script files in ${path}`, { file: path, line: 1, col: 1 })]);
      add(a.diagnostics);
      continue;
    }
    add(await checkFile(path, registry, sources, checked));
  }
  return { diagnostics, sources, files: checked.size };
}

/** One file, checked against the other scripts of its folder (their own problems are not reported). */
async function checkFile(path: string, registry: ActionRegistry, sources: Map<string, string>, checked: Set<string>): Promise<Diagnostic[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return [readError(path, (err as NodeJS.ErrnoException).code ?? String(err))];
  }
  sources.set(path, text);
  checked.add(resolve(path));
  return checkText(text, path, dirname(path), registry);
}

/**
 * A script's text (a file's, or stdin's under a name such as `<stdin>`),
 * checked against the scripts of `folder` when it calls other scripts; only
 * the text's own problems are returned.
 */
export async function checkText(text: string, name: string, folder: string | undefined, registry: ActionRegistry = builtinRegistry()): Promise<Diagnostic[]> {
  const self = analyzeScript(text, name, registry);
  const ds = [...self.diagnostics];
  const needsSiblings = self.graph.actions.some((a) => self.definitions.get(a.label)?.callsScript);
  if (!needsSiblings || folder === undefined) return ds;
  const siblings: AnalyzedScript[] = [self];
  const me = resolve(name);
  const myName = self.graph.name.toLowerCase();
  for (const f of await findScriptFiles(folder).catch(() => [] as string[])) {
    if (resolve(f) === me) continue;
    try {
      const sibling = analyzeScript(await readFile(f, 'utf8'), f, registry);
      // Text from stdin stands for its script's file: the file's old version is not a sibling.
      if (!name.startsWith('<') || sibling.graph.name.toLowerCase() !== myName) siblings.push(sibling);
    } catch {
      // An unreadable sibling is reported when it is checked itself.
    }
  }
  const cross = crossCheck(siblings).filter((d) => d.span.file === name);
  return [...ds, ...cross];
}
