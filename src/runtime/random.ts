// The seeded random source of a runtime (mulberry32): small, fast, and its
// whole state is one 32-bit number, so snapshots can carry it.
export class SeededRandom {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  /** A number in [0, 1). */
  next = (): number => {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
