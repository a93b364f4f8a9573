/**
 * Which event numbers a parallel subtask generates. Subtask i of p takes i, i+p, i+2p, …: the
 * subtasks' ranges are disjoint and together are exactly the serial sequence 0 … total-1, and
 * since event time follows the event number, all subtasks move through event time together at
 * 1/p of the rate each. (Contiguous blocks would also partition the numbers, but subtask k would
 * start k/p of the run ahead in event time, holding watermarks back and windows open for long.)
 */
/** The event numbers start, start + step, start + 2·step, … below end (end may be Infinity). */
export interface EventRange {
    readonly start: number;
    readonly end: number;
    readonly step: number;
}
/**
 * The share of `totalEvents` events (Infinity for an unbounded stream) that subtask
 * `subtaskIndex` of `parallelism` generates.
 */
export declare function splitEventRange(totalEvents: number, parallelism: number, subtaskIndex: number): EventRange;
/** How many event numbers the range holds (Infinity if unbounded). */
export declare function eventRangeSize(range: EventRange): number;
/** The rest of the range after its first `emitted` events: what a restored source continues with. */
export declare function skipEvents(range: EventRange, emitted: number): EventRange;
export declare function eventNumbers(range: EventRange): Generator<number, void, undefined>;
