// Finds and reads the project configuration the way eslint, prettier and
// vitest users expect: from the working directory upwards, the first folder
// holding `studio-script.config.{json,yaml,yml,js,mjs}` or a package.json with
// a "studio-script" key wins (`--config FILE` names one directly). Paths in it
// are relative to its folder; command-line options override it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagnostic, didYouMean, ScriptLoadError, type Diagnostic } from '../contract/diagnostics.js';
import type { PathSegment, YamlSource } from '../testing/source-map.js';
import { configJsonSchema, type StudioScriptConfig } from './config-schema.js';

/** File names looked for in each folder, in this order; package.json comes after them. */
export const CONFIG_FILES = ['studio-script.config.json', 'studio-script.config.yaml', 'studio-script.config.yml', 'studio-script.config.js', 'studio-script.config.mjs'];
export const PACKAGE_KEY = 'studio-script';

export interface LoadedConfig {
  /** The file the configuration came from (undefined: none found, everything default). */
  file?: string;
  /** The folder paths in the configuration are relative to (the working directory when there is no file). */
  dir: string;
  /** The configuration with every path made absolute. */
  config: StudioScriptConfig;
}

/** Finds the configuration for `cwd` (or reads `file`); throws ScriptLoadError with located diagnostics when it is invalid. */
export async function loadConfig(opts: { cwd?: string; file?: string } = {}): Promise<LoadedConfig> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const found = opts.file !== undefined ? { file: resolve(cwd, opts.file), key: false } : findConfig(cwd);
  if (!found) return { dir: cwd, config: {} };
  if (!existsSync(found.file)) throw new ScriptLoadError([diagnostic('E-CONFIG-READ', `config file not found: ${found.file}`, { file: found.file, line: 1, col: 1 })]);
  const dir = dirname(found.file);
  const read = /\.m?js$/.test(found.file) ? await readModule(found.file) : await readData(found.file, found.key);
  if (read.diagnostics.length > 0) throw new ScriptLoadError(read.diagnostics);
  return { file: found.file, dir, config: absolute(read.config!, dir) };
}

/** The first configuration from `cwd` upwards. */
export function findConfig(cwd: string): { file: string; key: boolean } | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const here = CONFIG_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f));
    if (here.length > 1) {
      const [a, b] = here;
      throw new ScriptLoadError([diagnostic('E-CONFIG-AMBIGUOUS', `two configuration files in one folder: ${b} and ${a}; keep one`, { file: b!, line: 1, col: 1 })]);
    }
    if (here.length === 1) return { file: here[0]!, key: false };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && hasKey(pkg)) return { file: pkg, key: true };
    if (dirname(dir) === dir) return undefined;
  }
}

function hasKey(pkg: string): boolean {
  try {
    const data = JSON.parse(readFileSync(pkg, 'utf8')) as unknown;
    return typeof data === 'object' && data !== null && PACKAGE_KEY in data;
  } catch {
    return false; // a broken package.json is npm's problem, not a configuration
  }
}

interface Read {
  config?: StudioScriptConfig;
  diagnostics: Diagnostic[];
}

/** JSON or YAML (JSON is read as YAML so every problem has a line and column). */
async function readData(file: string, key: boolean): Promise<Read> {
  // Loaded only when there is a file to read, so commands without one never pay for the YAML parser.
  const { readYaml } = await import('../testing/source-map.js');
  const read = readYaml(file, 'config file');
  if (read.diagnostics.length > 0 || !read.src) return { diagnostics: read.diagnostics.map(asConfig) };
  let data: unknown = read.data ?? {};
  const base: PathSegment[] = key ? [PACKAGE_KEY] : [];
  if (key) data = (data as Record<string, unknown>)[PACKAGE_KEY];
  return await validate(data, base, read.src, file);
}

async function readModule(file: string): Promise<Read> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    return { diagnostics: [diagnostic('E-CONFIG-READ', `cannot load config file: ${(err as Error).message}`, { file, line: 1, col: 1 })] };
  }
  const data = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default;
  return await validate(data, [], undefined, file);
}

async function validate(data: unknown, base: PathSegment[], src: YamlSource | undefined, file: string): Promise<Read> {
  const { compiledSchema } = await import('../testing/ajv.js');
  const check = compiledSchema(configJsonSchema);
  if (check(data)) return { config: data as StudioScriptConfig, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of check.errors ?? []) {
    if (e.schemaPath.includes('/oneOf/')) continue;
    const path = e.instancePath ? e.instancePath.slice(1).split('/') : [];
    const where = path.length ? path.join('.') : 'the configuration';
    let message: string;
    let at: PathSegment[] = [...base, ...path];
    let key = false;
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(propertiesAt(path));
      const hint = didYouMean(name, known);
      message = `unknown key "${name}"${path.length ? ` in ${where}` : ''}${hint ? `; did you mean "${hint}"?` : ` (known: ${known.join(', ')})`}`;
      at = [...at, name];
      key = true;
    } else if (e.keyword === 'type') message = `${where} must be ${String((e.params as { type: string }).type)}`;
    else if (e.keyword === 'oneOf') message = `${where} must be ${path[path.length - 1] === 'workers' ? 'a whole number ≥ 1 or "auto"' : 'a file name or a map of reporter name to file'}`;
    else message = `${where} ${e.message ?? 'is invalid'}`;
    if (seen.has(message)) continue;
    seen.add(message);
    const span = src ? src.span(at, { key }) : { file, line: 1, col: 1 };
    diagnostics.push(diagnostic('E-CONFIG', message, span));
  }
  return { diagnostics };
}

function propertiesAt(path: readonly string[]): Record<string, unknown> {
  let schema: { properties?: Record<string, unknown> } = configJsonSchema;
  for (const seg of path) schema = (schema.properties?.[seg] ?? {}) as typeof schema;
  return schema.properties ?? {};
}

const asConfig = (d: Diagnostic): Diagnostic => ({ ...d, code: d.code.replace(/^E-TEST-/, 'E-CONFIG-') });

/** Makes the configuration's paths absolute (globs stay relative: they are matched from `dir`). */
function absolute(c: StudioScriptConfig, dir: string): StudioScriptConfig {
  const abs = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(dir, p));
  const out: StudioScriptConfig = { ...c };
  for (const k of ['scripts', 'tenant', 'stubs'] as const) if (c[k] !== undefined) out[k] = abs(c[k]);
  if (c.test) {
    out.test = { ...c.test };
    if (c.test.coverage?.dir !== undefined) out.test.coverage = { ...c.test.coverage, dir: abs(c.test.coverage.dir) };
    const of = c.test.outputFile;
    if (typeof of === 'string') out.test.outputFile = abs(of);
    else if (of) out.test.outputFile = Object.fromEntries(Object.entries(of).map(([k, v]) => [k, abs(v)!]));
  }
  return out;
}

let option: string | undefined;
let cached: Promise<LoadedConfig> | undefined;

/** Records this invocation's `--config FILE` (undefined: search from the working directory). */
export function useConfigOption(file: string | undefined): void {
  option = file;
  cached = undefined;
}

/** This invocation's configuration, read once. */
export function projectConfig(): Promise<LoadedConfig> {
  return (cached ??= loadConfig(option !== undefined ? { file: option } : {}));
}
