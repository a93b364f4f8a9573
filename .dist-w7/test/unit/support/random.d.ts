/** A small seeded PRNG so that randomized unit tests are reproducible. */
export declare function mulberry32(seed: number): () => number;
export declare function randomInt(rnd: () => number, lo: number, hi: number): number;
