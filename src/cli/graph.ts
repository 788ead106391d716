// `studio-script graph <file> [--format mermaid|dot|json|svg] [--coverage file] [--direction TB|LR] [-o file]`:
// the action graph as a picture or data, edges labelled with branch names;
// with coverage, visited actions are green and unvisited actions and untaken
// branches red. Given a folder, the call graph between its scripts.
import { readFile, stat } from 'node:fs/promises';
import type * as Commander from 'commander';
import { requireCommonJs } from '../deps.js';
import { EXIT, printDiagnostics, shown, UsageError, writeOutput } from './io.js';
import { projectConfig } from './config.js';
import { displayPath } from './output.js';
import { scriptArgument } from './paths.js';

const { Option } = requireCommonJs<typeof Commander>('commander');

interface GraphOptions {
  format: 'mermaid' | 'dot' | 'json' | 'svg';
  coverage?: string;
  output?: string;
  direction?: 'TB' | 'LR';
  json?: boolean;
}

export function register(program: Commander.Command): void {
  program
    .command('graph')
    .description('draw a script as mermaid, DOT, JSON or SVG (edges labelled with branch names)')
    .argument('<file>', 'the .script file (or a script name in the configured scripts folder), or a folder for the call graph of its scripts')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'dot', 'json', 'svg']).default('mermaid'))
    .option('--coverage <file>', 'coverage.json from `studio-script test --coverage`: marks unvisited actions and untaken branches')
    .option('--direction <dir>', 'TB (top to bottom, the default for a script) or LR (left to right, like Studio; the default for a folder)', parseDirection)
    .option('-o, --output <file>', 'write to a file instead of stdout (.svg, .dot, .json or .mmd picks the format); folders are created')
    .option('--json', 'the graph as JSON on stdout (the same as --format json), diagnostics as JSON too')
    .action(async (arg: string, opts: GraphOptions, cmd: Commander.Command) => {
      const file = await scriptArgument(arg, (await projectConfig()).config.scripts);
      if (opts.json) {
        if (opts.output) throw new UsageError('graph: --json prints the graph on stdout; write a JSON file with --format json -o FILE');
        if (cmd.getOptionValueSource('format') !== 'default' && opts.format !== 'json') throw new UsageError(`graph: --json and --format ${opts.format} cannot be combined`);
        opts.format = 'json';
      }
      // `-o flow.svg` means SVG unless --format says otherwise.
      if (opts.output && cmd.getOptionValueSource('format') === 'default') opts.format = formatFromName(opts.output) ?? opts.format;
      if (await isFolder(file)) return graphFolder(file, opts);
      const [{ loadScriptText }, render] = await Promise.all([import('../graph/load.js'), import('../graph/render/index.js')]);
      const text = await readInput(file);
      // Named as the user sees it, so diagnostics and --format json carry relative paths.
      const { script, diagnostics } = loadScriptText(text, displayPath(file));
      if (!script) {
        printDiagnostics(diagnostics, { sources: new Map([[displayPath(file), text]]) });
        process.exitCode = EXIT.invalid;
        return;
      }
      let coverage: import('../graph/render/coverage.js').GraphCoverage | undefined;
      if (opts.coverage) {
        const data = await readCoverage(opts.coverage, render.coverageProblem);
        if (!render.findEntry(data, script.graph.name))
          process.stderr.write(`studio-script: warning: ${opts.coverage} has no data for script ${script.graph.name}; every action shows as unvisited\n`);
        coverage = render.coverageFor(data, script.graph);
      }
      const out = await render.renderGraph(script.graph, opts.format, { coverage, direction: opts.direction });
      if (opts.output) writeOutput(opts.output, out);
      else process.stdout.write(out);
      process.exitCode = EXIT.ok;
    });
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** A folder: the call graph between its scripts (RUNSUB, RUNSCRIPT, SPAWN). */
async function graphFolder(folder: string, opts: GraphOptions): Promise<void> {
  const [{ loadFolder }, calls, { ScriptLoadError }, render] = await Promise.all([
    import('../graph/load.js'),
    import('../graph/render/calls.js'),
    import('../contract/diagnostics.js'),
    import('../graph/render/index.js'),
  ]);
  let set: Awaited<ReturnType<typeof loadFolder>>;
  try {
    set = await loadFolder(displayPath(folder));
  } catch (err) {
    if (!(err instanceof ScriptLoadError)) throw err;
    printDiagnostics(err.diagnostics);
    process.exitCode = EXIT.invalid;
    return;
  }
  const coverage = opts.coverage ? await readCoverage(opts.coverage, render.coverageProblem) : undefined;
  const cg = calls.callGraph([...set.scripts.values()].map((s) => s.graph), coverage);
  let out: string;
  if (opts.format === 'json') out = JSON.stringify(cg, null, 2) + '\n';
  else if (opts.format === 'mermaid') out = calls.callGraphToMermaid(cg, opts.direction);
  else if (opts.format === 'dot') out = calls.callGraphToDot(cg, opts.direction);
  else out = await (await import('../graph/render/svg.js')).dotToSvg(calls.callGraphToDot(cg, opts.direction));
  if (opts.output) writeOutput(opts.output, out);
  else process.stdout.write(out);
  process.exitCode = EXIT.ok;
}

function parseDirection(value: string): 'TB' | 'LR' {
  const dir = value.toUpperCase();
  if (dir === 'TB' || dir === 'LR') return dir;
  throw new UsageError(`--direction must be TB (top to bottom) or LR (left to right), not "${shown(value)}"`);
}

function formatFromName(name: string): GraphOptions['format'] | undefined {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ({ svg: 'svg', dot: 'dot', gv: 'dot', json: 'json', mmd: 'mermaid', mermaid: 'mermaid' } as const)[ext as 'svg'];
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder; give one .script file' : (err as Error).message}`);
  }
}

async function readCoverage(file: string, problem: (data: unknown) => string | undefined): Promise<import('../graph/render/coverage.js').CoverageFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readInput(file));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const why = problem(data);
  if (why) throw new UsageError(`${file}: not a coverage file: ${why}`);
  return data as import('../graph/render/coverage.js').CoverageFile;
}
