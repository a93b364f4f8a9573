/**
 * The simulation's only source of randomness: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator), seeded from one integer. Every choice the simulated world makes — delays, faults,
 * ids — comes from here, so a seed replays exactly.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads a small seed over the 128-bit state; then the generator is warmed up.
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** In [0, 1), like Math.random. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A new generator whose sequence depends only on this one's next draw (for independent streams). */
  fork(): Prng {
    return new Prng(this.nextUint32());
  }

  /** A version-4-shaped UUID built from this generator. */
  uuid(): string {
    const hex = (n: number): string => n.toString(16).padStart(8, "0");
    const w = hex(this.nextUint32()) + hex(this.nextUint32()) + hex(this.nextUint32()) + hex(this.nextUint32());
    return `${w.slice(0, 8)}-${w.slice(8, 12)}-4${w.slice(13, 16)}-${"89ab"[this.nextUint32() & 3]}${w.slice(17, 20)}-${w.slice(20, 32)}`;
  }
}
