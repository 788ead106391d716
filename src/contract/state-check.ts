// Checks for state read back as JSON (a snapshot handed to `resume`, and the
// parts of it background processes own): each check throws StateError naming
// where the problem is (`contacts[0].queuedMs`) and what it is, so whoever
// reads the state can say where in the whole file it went wrong.

export class StateError extends TypeError {
  override name = 'StateError';
  constructor(
    /** Where, from the root of the state checked: `runs[0].state.frames[1].label`. */
    readonly path: string,
    /** What is wrong there: `must be text`. */
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

/** Epoch milliseconds a Date can hold. */
export const MAX_MS = 8.64e15;

export function fail(path: string, problem: string): never {
  throw new StateError(path, problem);
}

/** Runs `check`; a StateError it throws names its path under `prefix` (`processes.routing`; the path '' is the prefix itself). */
export function within<T>(prefix: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof StateError) throw new StateError(err.path === '' ? prefix : `${prefix}.${err.path}`, err.problem);
    throw err;
  }
}

export const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

export function object(x: unknown, path: string): Record<string, unknown> {
  if (!isObject(x)) fail(path, 'must be an object');
  return x;
}
export function array(x: unknown, path: string): unknown[] {
  if (!Array.isArray(x)) fail(path, 'must be a list');
  return x;
}
export function text(x: unknown, path: string): string {
  if (typeof x !== 'string') fail(path, 'must be text');
  return x;
}
export function texts(x: unknown, path: string): void {
  array(x, path).forEach((e, i) => text(e, `${path}[${i}]`));
}
export function time(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > MAX_MS) fail(path, 'must be a time in epoch milliseconds');
  return x;
}
export function whole(x: unknown, path: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) fail(path, `must be a whole number from ${min} to ${max}`);
  return x;
}
export function bool(x: unknown, path: string): boolean {
  if (typeof x !== 'boolean') fail(path, 'must be true or false');
  return x;
}
export function finite(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, 'must be a number');
  return x;
}
export function oneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) fail(path, `must be one of ${allowed.join(', ')}`);
  return x as T;
}
/** null, or what `check` accepts. */
export function orNull<T>(x: unknown, path: string, check: (x: unknown, path: string) => T): T | null {
  return x === null ? null : check(x, path);
}
