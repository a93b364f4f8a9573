/** A deterministic stream of words from a 10,000-word vocabulary with a skewed distribution. */
const VOCABULARY = Array.from({ length: 10_000 }, (_, i) => `word${i.toString(36)}`);
export function wordAt(i) {
    const h = Math.imul(i ^ (i >>> 15), 0x2c1b3c6d) >>> 0;
    // Squaring skews toward small indexes, like word frequencies in text.
    const u = h / 0x100000000;
    return VOCABULARY[Math.floor(u * u * VOCABULARY.length)];
}
//# sourceMappingURL=words.js.map