/**
 * A small, fast PRNG (sfc32: 128-bit state, ~1 ns a draw) that the generator reseeds for every
 * event from (seed, event id). That makes event n a pure function of (config, n): a subtask can
 * start anywhere, a replay after recovery yields the same events, and parallel subtasks need no
 * coordination. Math.random could do none of that.
 */
import { fmix32 } from "../../util/fmix32.js";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

export class NexmarkRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Positions the generator at the start of the stream for (seed, stream); stream ≤ 2^53. */
  reseed(seed: number, stream: number): this {
    const lo = stream >>> 0;
    const hi = Math.floor(stream / TWO_POW_32) >>> 0;
    // Well-mixed, distinct words per (seed, stream), so streams are unrelated from the first draw.
    this.a = fmix32(lo ^ 0x9e3779b9 ^ Math.imul(seed | 0, 0x85ebca6b));
    this.b = fmix32(hi ^ 0x7f4a7c15 ^ this.a);
    this.c = fmix32((seed | 0) ^ 0xc2b2ae35 ^ this.b);
    this.d = 1;
    // Two rounds let every state word influence the others before the first output.
    this.nextU32();
    this.nextU32();
    return this;
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, bound), bound ≤ 2^32. */
  nextInt(bound: number): number {
    return Math.floor((this.nextU32() * bound) / TWO_POW_32);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / TWO_POW_53;
  }

  /** Uniform integer in [0, bound) for bounds beyond 32 bits (up to 2^53). */
  nextLong(bound: number): number {
    return bound <= TWO_POW_32 ? this.nextInt(bound) : Math.floor(this.nextDouble() * bound);
  }
}
