// A `--watch` command in a child process, stepped by the runs it reports:
// `nextRun()` resolves once the command says it waits for changes again, with
// what it printed since the previous step. Waits are bounded, never timed.
import { spawn, type ChildProcess } from 'node:child_process';

/** Longest wait for one run of the command on a loaded machine: a bound, not a measure. */
export const WATCH_BOUND_MS = 90_000;

export interface Watching {
  child: ChildProcess;
  nextRun(): Promise<string>;
  /** Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function watching(cli: string, args: string[], cwd: string): Watching {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.CI;
  const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let from = 0;
  let waiting: (() => void) | undefined;
  const onData = (d: Buffer): void => {
    output += d.toString();
    waiting?.();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return {
    child,
    nextRun: () =>
      new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no new run within ${WATCH_BOUND_MS} ms; output so far:\n${output}`)), WATCH_BOUND_MS);
        const check = (): void => {
          const at = output.indexOf('waiting for changes', from);
          if (at < 0) return;
          const end = output.indexOf('\n', at) + 1;
          const part = output.slice(from, end);
          from = end;
          clearTimeout(timer);
          waiting = undefined;
          done(part);
        };
        waiting = check;
        void exited.then(() => fail(new Error(`the command ended:\n${output}`)));
        check();
      }),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
