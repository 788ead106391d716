// Timing helpers shared by the bench rows. Every row compares itself with a
// peer measured in the same process (bench/README.md), so all rows take
// medians the same way: warm-up first, a GC before each round when exposed.

/** The median of a list of numbers. */
export const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median seconds of `rounds` calls of `fn`, after a warm-up: `warmUp` is a
 * number of calls of `fn`, or a function to call once instead. Promises
 * returned by `fn` are awaited inside the timed region.
 */
export async function median(fn, rounds = 5, warmUp = 1) {
  if (typeof warmUp === 'function') await warmUp();
  else for (let i = 0; i < warmUp; i++) await fn();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const t = process.hrtime.bigint();
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return medianOf(times);
}

/**
 * Medians of interleaved rounds after one warm-up each: on a shared machine,
 * measuring ours and the peer alternately lets both see the same load.
 */
export async function interleaved(fns, rounds) {
  const times = fns.map(() => []);
  for (const fn of fns) await fn();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < fns.length; i++) {
      globalThis.gc?.();
      const t = process.hrtime.bigint();
      await fns[i]();
      times[i].push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  }
  return times.map(medianOf);
}
