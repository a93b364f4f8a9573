/** Tells the two kinds of sinks apart (sinkTo picks the runtime operator by it). */
export function isTwoPhaseCommitSink(sink) {
    return typeof sink.createTransactionalWriter === "function";
}
//# sourceMappingURL=sink.js.map