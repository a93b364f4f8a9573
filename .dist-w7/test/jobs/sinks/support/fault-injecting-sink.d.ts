/**
 * Wraps a two-phase-commit sink and fails subtask 0 at chosen points of the protocol (before or
 * after a pre-commit, before or after a commit), so the tests see recovery from a crash at each.
 *
 * A fault fires only while the records seen so far are below `belowIndex`. The reason: a sink
 * subtask that reached end of input commits its tail directly (two-phase-commit-sink-operator.ts);
 * a failure elsewhere after that would replay the tail, which is the documented limit of
 * end-of-input commits, not what these faults test. Early in the stream no subtask can be done.
 */
import type { TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "sluice";
import type { OutputRecord, SinkFault } from "./sink-job-spec.js";
export declare class FaultInjectingSink<Txn> implements TwoPhaseCommitSink<OutputRecord, Txn> {
    private readonly inner;
    private readonly faults;
    private readonly belowIndex;
    constructor(inner: TwoPhaseCommitSink<OutputRecord, Txn>, faults: readonly SinkFault[], belowIndex: number);
    createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<OutputRecord, Txn>>;
}
