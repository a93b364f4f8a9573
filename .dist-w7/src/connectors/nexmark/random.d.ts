/**
 * A small, fast PRNG (sfc32: 128-bit state, ~1 ns a draw) that the generator reseeds for every
 * event from (seed, event id). That makes event n a pure function of (config, n): a subtask can
 * start anywhere, a replay after recovery yields the same events, and parallel subtasks need no
 * coordination. Math.random could do none of that.
 */
export declare class NexmarkRandom {
    private a;
    private b;
    private c;
    private d;
    constructor(seed?: number, stream?: number);
    /** Positions the generator at the start of the stream for (seed, stream); stream ≤ 2^53. */
    reseed(seed: number, stream: number): this;
    nextU32(): number;
    /** Uniform integer in [0, bound), bound ≤ 2^32. */
    nextInt(bound: number): number;
    /** Uniform double in [0, 1) with 53 random bits. */
    nextDouble(): number;
    /** Uniform integer in [0, bound) for bounds beyond 32 bits (up to 2^53). */
    nextLong(bound: number): number;
}
