// `--watch` for `check` and `test`: runs once, then again each time a watched
// file changes (saves arriving together are one change), passing the changed
// files so the command can redo only what they affect. Folders are watched
// (recursively), so editors that save by renaming a new file are seen too.
// Ends on Ctrl-C or when `signal` aborts.
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { colorsFor, displayPath } from './output.js';

export interface WatchOptions {
  /** Files and folders to watch (a function is asked after the first run, when the command knows its inputs). */
  paths: readonly string[] | (() => readonly string[]);
  /** One run; `changed` is undefined the first time. Returns the exit code of that run. */
  run(changed?: ReadonlySet<string>): Promise<number>;
  /** The command's name, for the status line. */
  what: string;
  /** Saves closer together than this are one change (milliseconds). */
  settleMs?: number;
  signal?: AbortSignal;
}

export async function watchAndRerun(opts: WatchOptions): Promise<void> {
  const c = colorsFor('stderr');
  const status = (code: number): void => {
    process.stderr.write(c.dim(`\n[${opts.what} --watch] ${code === 0 ? 'ok' : `exit ${code}`}; waiting for changes (Ctrl-C to stop)\n`));
  };
  const first = await opts.run();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const fire = (): void => {
    const changed = new Set(pending);
    pending.clear();
    running = running.then(async () => {
      // Editors and sed save through temporary files: name only what is still there.
      const shown = [...changed].filter((f) => existsSync(f));
      process.stderr.write(c.cyan(`\n[${opts.what} --watch] changed: ${(shown.length ? shown : [...changed]).map((f) => displayPath(f)).join(', ')}\n`));
      status(await opts.run(changed));
    });
  };
  const watchers: FSWatcher[] = [];
  for (const [dir, recursive, only] of watchTargets(typeof opts.paths === 'function' ? opts.paths() : opts.paths)) {
    try {
      const w = watch(dir, { recursive }, (_event, name) => {
        if (!name) return;
        const file = join(dir, name.toString());
        if (only && resolve(file) !== only) return;
        if (/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(file) || /~$|\.swp$|\.tmp$/.test(file)) return;
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(fire, opts.settleMs ?? 150);
      });
      watchers.push(w);
    } catch {
      // A folder that disappeared is simply not watched.
    }
  }
  // Only now, with every watcher in place, is it true that a save is seen.
  status(first);
  await new Promise<void>((done) => {
    const stop = (): void => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off('SIGINT', stop);
      void running.then(done);
    };
    process.once('SIGINT', stop);
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Folders to watch: a folder recursively, a file through its folder (only that file). */
function watchTargets(paths: readonly string[]): [dir: string, recursive: boolean, only?: string][] {
  const out = new Map<string, [string, boolean, string?]>();
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      continue;
    }
    if (isDir) out.set(`${abs}\0r`, [abs, true]);
    else if (!out.has(`${abs}\0r`)) out.set(`${abs}\0f`, [dirname(abs), false, abs]);
  }
  // A folder watched recursively already sees the files under it.
  const folders = [...out.values()].filter(([, r]) => r).map(([d]) => d);
  return [...out.values()].filter(([d, r, only]) => r || !folders.some((f) => (only ?? d).startsWith(f + '/') || (only ?? d).startsWith(f + '\\')));
}
