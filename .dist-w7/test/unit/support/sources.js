/** Polls until end of input or until `limit` records; "nothing-available" is an error here. */
export function drain(reader, limit = Number.POSITIVE_INFINITY) {
    const records = [];
    let status = "more";
    while (records.length < limit) {
        status = reader.pollNext({ collect: (v) => records.push(v) });
        if (status === "end-of-input")
            break;
        if (status === "nothing-available")
            throw new Error("the reader has nothing available");
    }
    return { records, status };
}
export function readAll(source, parallelism, subtaskIndex) {
    const reader = source.createReader({ parallelism, subtaskIndex });
    try {
        return drain(reader).records;
    }
    finally {
        void reader.close?.();
    }
}
/** Every subtask's records, in subtask order. */
export function readParallel(source, parallelism) {
    return Array.from({ length: parallelism }, (_, s) => readAll(source, parallelism, s));
}
//# sourceMappingURL=sources.js.map