export const DEFAULT_ASYNC_CAPACITY = 100;
function add(stream, fn, timeoutMs, capacity, ordered) {
    if (!Number.isInteger(capacity) || capacity < 1)
        throw new RangeError(`async I/O capacity must be a positive integer, got ${capacity}`);
    if (!(timeoutMs >= 0))
        throw new RangeError(`async I/O timeout must be >= 0 ms, got ${timeoutMs}`);
    const name = ordered ? "async wait operator (ordered)" : "async wait operator (unordered)";
    return stream.env.addOperator("async-wait", name, stream.inputs, { fn }, { ordered, timeout: timeoutMs, capacity });
}
export class AsyncDataStream {
    static orderedWait(stream, fn, timeoutMs, capacity = DEFAULT_ASYNC_CAPACITY) {
        return add(stream, fn, timeoutMs, capacity, true);
    }
    static unorderedWait(stream, fn, timeoutMs, capacity = DEFAULT_ASYNC_CAPACITY) {
        return add(stream, fn, timeoutMs, capacity, false);
    }
}
//# sourceMappingURL=async-data-stream.js.map