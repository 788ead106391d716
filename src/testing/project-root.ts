// Where a test file may reach: paths it names (`scripts:`, `tenant:`) must
// resolve inside its project — the test file's own folder, or the nearest
// folder above it holding a studio-script configuration file or a
// package.json (the folder npm and the configuration loader treat as the
// project). A path outside is refused before anything is read, so a test
// file cannot make the tool open (and quote) a file elsewhere on the machine;
// paths given on the command line are the user's own choice and are not held
// to this.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

/** Files that mark a project's top folder (the configuration names, then package.json). */
const PROJECT_MARKERS = ['studio-script.config.json', 'studio-script.config.yaml', 'studio-script.config.yml', 'studio-script.config.js', 'studio-script.config.mjs', 'package.json'];

/**
 * The folders a test file's paths may resolve into; `configRoot` is the folder
 * of the project configuration the command runs with, which may lie above the
 * nearest package.json (a monorepo's shared scripts).
 */
export function projectRoots(testFile: string, configRoot?: string): string[] {
  const own = dirname(resolve(testFile));
  const roots = [own];
  for (let dir = own; ; dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => existsSync(join(dir, m)))) {
      if (dir !== own) roots.push(dir);
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (configRoot !== undefined && !roots.includes(resolve(configRoot))) roots.push(resolve(configRoot));
  return roots;
}

/** True when `path` (following symbolic links when it exists) lies inside one of `roots`. */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const target = real(path);
  return roots.some((root) => {
    const rel = relative(real(root), target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}
