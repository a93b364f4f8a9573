/**
 * Random text for the generator. Building strings character by character per event would
 * dominate the cost of a bid, so text is sliced out of fixed pools of random characters generated
 * once (V8 slices share the pool's memory). The pools come from a fixed seed, so the output is
 * still a pure function of (config, event number) in every process.
 */
import { NexmarkRandom } from "./random.js";
const MIN_STRING_LENGTH = 3;
const POOL_SIZE = 1 << 16;
const POOL_SEED = 0x6e65786d; // "nexm"
/** Lowercase letters with a space about every 13th character: words for names and descriptions. */
const TEXT_POOL = buildPool(true);
/** Lowercase letters only: padding. */
const LETTER_POOL = buildPool(false);
function buildPool(withSpaces) {
    const random = new NexmarkRandom(POOL_SEED, withSpaces ? 1 : 2);
    const codes = new Uint8Array(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) {
        codes[i] = withSpaces && random.nextInt(13) === 0 ? 0x20 : 0x61 + random.nextInt(26);
    }
    return Buffer.from(codes).toString("latin1");
}
/** Random words of MIN_STRING_LENGTH … maxLength-1 characters, without surrounding spaces. */
export function nextString(random, maxLength) {
    const length = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
    const start = random.nextInt(POOL_SIZE - length);
    return TEXT_POOL.slice(start, start + length).trim();
}
/**
 * Like nextString, with `special` in place of spaces and built character by character; for
 * one-time tables (URLs), not per event.
 */
export function nextStringWith(random, maxLength, special) {
    let length = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
    let out = "";
    while (length-- > 0)
        out += random.nextInt(13) === 0 ? special : String.fromCharCode(0x61 + random.nextInt(26));
    return out;
}
/** Exactly `length` random letters. */
export function nextExactString(random, length) {
    if (length <= POOL_SIZE) {
        const start = random.nextInt(POOL_SIZE - length + 1);
        return LETTER_POOL.slice(start, start + length);
    }
    let out = "";
    while (out.length < length)
        out += nextExactString(random, Math.min(POOL_SIZE, length - out.length));
    return out;
}
/**
 * Padding that brings a record of `currentSize` bytes to `desiredAverageSize` on average: uniform
 * within ±20 % of the missing bytes, nothing if the record is already larger.
 */
export function nextExtra(random, currentSize, desiredAverageSize) {
    if (currentSize > desiredAverageSize)
        return "";
    const missing = desiredAverageSize - currentSize;
    const delta = Math.round(missing * 0.2);
    const size = missing - delta + (delta === 0 ? 0 : random.nextInt(2 * delta + 1));
    return nextExactString(random, size);
}
//# sourceMappingURL=strings.js.map