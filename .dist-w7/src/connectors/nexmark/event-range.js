/**
 * Which event numbers a parallel subtask generates. Subtask i of p takes i, i+p, i+2p, …: the
 * subtasks' ranges are disjoint and together are exactly the serial sequence 0 … total-1, and
 * since event time follows the event number, all subtasks move through event time together at
 * 1/p of the rate each. (Contiguous blocks would also partition the numbers, but subtask k would
 * start k/p of the run ahead in event time, holding watermarks back and windows open for long.)
 */
/**
 * The share of `totalEvents` events (Infinity for an unbounded stream) that subtask
 * `subtaskIndex` of `parallelism` generates.
 */
export function splitEventRange(totalEvents, parallelism, subtaskIndex) {
    if (!(totalEvents === Infinity || (Number.isSafeInteger(totalEvents) && totalEvents >= 0))) {
        throw new Error(`totalEvents must be a non-negative integer or Infinity, got ${totalEvents}`);
    }
    if (!(Number.isSafeInteger(parallelism) && parallelism >= 1))
        throw new Error(`parallelism must be ≥ 1, got ${parallelism}`);
    if (!(Number.isSafeInteger(subtaskIndex) && subtaskIndex >= 0 && subtaskIndex < parallelism)) {
        throw new Error(`subtaskIndex must be in [0, ${parallelism}), got ${subtaskIndex}`);
    }
    return { start: subtaskIndex, end: totalEvents, step: parallelism };
}
/** How many event numbers the range holds (Infinity if unbounded). */
export function eventRangeSize(range) {
    if (range.end === Infinity)
        return Infinity;
    return range.start >= range.end ? 0 : Math.ceil((range.end - range.start) / range.step);
}
/** The rest of the range after its first `emitted` events: what a restored source continues with. */
export function skipEvents(range, emitted) {
    return { start: range.start + emitted * range.step, end: range.end, step: range.step };
}
export function* eventNumbers(range) {
    for (let n = range.start; n < range.end; n += range.step)
        yield n;
}
//# sourceMappingURL=event-range.js.map