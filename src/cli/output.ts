// How every command writes, so they all behave alike: colour (the --color /
// --no-color flags, then NO_COLOR / FORCE_COLOR and picocolors' detection),
// --json (exactly one JSON document on stdout), paths as seen from the
// working directory, and output files whose folders are created as needed.
import type * as Commander from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type * as PicoColors from 'picocolors';
import { requireCommonJs } from '../deps.js';
import { useConfigOption } from './config.js';

export type Colors = ReturnType<typeof PicoColors.createColors>;

interface OutputState {
  /** The --color / --no-color flag of this invocation (undefined: detect). */
  color?: boolean;
  /** --json was given: stdout carries exactly one JSON document. */
  json: boolean;
  /** A JSON document was already written to stdout. */
  jsonWritten: boolean;
}

const state: OutputState = { json: false, jsonWritten: false };

/**
 * Adds `--color`, `--no-color` and `--config` to every command that runs something (so
 * commands added later get them too) and records the flags of the command
 * being run before its action starts. Call once, after registering commands.
 */
export function applyConventions(program: Commander.Command): void {
  for (const cmd of leafCommands(program)) {
    const has = (flag: string): boolean => cmd.options.some((o) => o.long === flag);
    if (!has('--color')) cmd.option('--color', 'colour the output even when it is not a terminal (also FORCE_COLOR=1)');
    if (!has('--no-color')) cmd.option('--no-color', 'plain output without colours (also NO_COLOR=1)');
    if (!has('--config')) cmd.option('--config <file>', 'the configuration file (default: studio-script.config.* or package.json "studio-script", searched upwards)');
  }
  program.hook('preAction', (_program, action) => {
    const opts = action.opts<{ color?: boolean; json?: boolean; config?: string }>();
    resetOutput({ ...(opts.color !== undefined ? { color: opts.color } : {}), json: opts.json === true });
    useConfigOption(opts.config);
  });
}

function leafCommands(cmd: Commander.Command): Commander.Command[] {
  return cmd.commands.length === 0 ? [cmd] : cmd.commands.flatMap(leafCommands);
}

/** Sets the flags of one invocation (the CLI does it through applyConventions; tests call it directly). */
export function resetOutput(opts: { color?: boolean; json?: boolean } = {}): void {
  state.color = opts.color;
  state.json = opts.json ?? false;
  state.jsonWritten = false;
}

/** Whether this invocation asked for JSON. */
export const jsonMode = (): boolean => state.json;

/**
 * Colour on `stream`: an explicit --color/--no-color wins; else NO_COLOR
 * turns it off and FORCE_COLOR on (FORCE_COLOR=0 off, as Node does); else
 * picocolors' rules, read at each call (a terminal whose TERM is not dumb,
 * Windows, CI).
 * Never in --json mode.
 */
export function colorEnabled(stream: 'stdout' | 'stderr'): boolean {
  if (state.json && stream === 'stdout') return false;
  if (state.color !== undefined) return state.color;
  const env = process.env;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return process.platform === 'win32' || (process[stream].isTTY === true && env.TERM !== 'dumb') || Boolean(env.CI);
}

/** Colour functions for text written to `stream` (identity functions when colour is off). */
export function colorsFor(stream: 'stdout' | 'stderr'): Colors {
  return pico().createColors(colorEnabled(stream));
}

const pico = (): typeof PicoColors => requireCommonJs<typeof PicoColors>('picocolors');

/**
 * Writes the one JSON document of this invocation to stdout. A second
 * document is a bug in the command, not something to print.
 */
export function printJson(doc: unknown): void {
  if (state.jsonWritten) throw new Error('a command printed two JSON documents');
  state.jsonWritten = true;
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}

/** True once the JSON document of this invocation has been written. */
export const jsonWritten = (): boolean => state.jsonWritten;

/**
 * A path as the user sees it: relative to the working directory (`../x` when
 * outside it). Names that are not paths, such as `<stdin>`, stay as they are.
 */
export function displayPath(file: string, cwd = process.cwd()): string {
  if (file.startsWith('<') || file === '') return file;
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(cwd, abs);
  // Another drive on Windows has no relative form.
  return rel === '' ? '.' : isAbsolute(rel) ? abs : rel;
}

/**
 * Writes an output file, creating its folder first (`-o reports/new/x.svg`
 * just works). A file that cannot be written is a usage error naming it.
 */
export function writeOutputFile(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, content);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a folder' : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a part of the path is a file' : e.message;
    throw new OutputError(`cannot write ${path}: ${why}`);
  }
}

/** Raised by writeOutputFile; the CLI reports it as a usage error (exit 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}
