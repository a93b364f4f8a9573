/** Frames that carry records and therefore need a credit. */
export function isDataFrame(f) {
    return f.t === "buffer" || f.t === "records";
}
/** Identifies one channel: one producer subtask to one consumer subtask over one edge, in one attempt. */
export function channelId(attempt, edgeId, producer, consumer) {
    return `${attempt}/${edgeId}/${producer}/${consumer}`;
}
//# sourceMappingURL=frames.js.map