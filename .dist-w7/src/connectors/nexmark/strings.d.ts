/**
 * Random text for the generator. Building strings character by character per event would
 * dominate the cost of a bid, so text is sliced out of fixed pools of random characters generated
 * once (V8 slices share the pool's memory). The pools come from a fixed seed, so the output is
 * still a pure function of (config, event number) in every process.
 */
import { NexmarkRandom } from "./random.js";
/** Random words of MIN_STRING_LENGTH … maxLength-1 characters, without surrounding spaces. */
export declare function nextString(random: NexmarkRandom, maxLength: number): string;
/**
 * Like nextString, with `special` in place of spaces and built character by character; for
 * one-time tables (URLs), not per event.
 */
export declare function nextStringWith(random: NexmarkRandom, maxLength: number, special: string): string;
/** Exactly `length` random letters. */
export declare function nextExactString(random: NexmarkRandom, length: number): string;
/**
 * Padding that brings a record of `currentSize` bytes to `desiredAverageSize` on average: uniform
 * within ±20 % of the missing bytes, nothing if the record is already larger.
 */
export declare function nextExtra(random: NexmarkRandom, currentSize: number, desiredAverageSize: number): string;
