/**
 * Wraps a two-phase-commit sink and fails subtask 0 at chosen points of the protocol (before or
 * after a pre-commit, before or after a commit), so the tests see recovery from a crash at each.
 *
 * A fault fires only while the records seen so far are below `belowIndex` (sink-test-support.ts,
 * sinkFaultGuard): the failure scenarios keep their faults in mid-stream checkpoints; faults at the
 * final checkpoint have their own tests (test/sinks/final-checkpoint-scenarios.ts).
 */
import type { RecoveryRequest, TransactionInfo, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "sluice";
import type { OutputRecord, SinkFault, SinkFaultPoint } from "./sink-job-spec.js";

export class FaultInjectingSink<Txn> implements TwoPhaseCommitSink<OutputRecord, Txn> {
  constructor(
    private readonly inner: TwoPhaseCommitSink<OutputRecord, Txn>,
    private readonly faults: readonly SinkFault[],
    private readonly belowIndex: number,
  ) {}

  async createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<OutputRecord, Txn>> {
    const inner = await this.inner.createTransactionalWriter(ctx);
    const faults = ctx.subtaskIndex === 0 ? this.faults.filter((f) => f.attempt === ctx.attemptNumber) : [];
    if (faults.length === 0) return inner;
    let maxIndex = -1;
    let preCommits = 0;
    const ordinal = new Map<Txn, number>();
    const fail = (at: SinkFaultPoint, n: number): void => {
      if (maxIndex >= this.belowIndex) return;
      if (faults.some((f) => f.at === at && f.checkpoint === n)) {
        throw new Error(`injected sink fault ${at} at checkpoint ${n} of attempt ${ctx.attemptNumber}`);
      }
    };
    return {
      recover: (request: RecoveryRequest<Txn>) => inner.recover(request),
      beginTransaction: (info: TransactionInfo) => inner.beginTransaction(info),
      write(txn: Txn, value: OutputRecord, timestamp: number | undefined) {
        maxIndex = Math.max(maxIndex, value.index);
        inner.write(txn, value, timestamp);
      },
      preCommit(txn: Txn) {
        const n = ++preCommits;
        ordinal.set(txn, n);
        fail("before-pre-commit", n);
        const done = inner.preCommit(txn);
        return Promise.resolve(done).then(() => fail("after-pre-commit", n));
      },
      async commit(txn: Txn) {
        const n = ordinal.get(txn) ?? 0;
        fail("before-commit", n);
        await inner.commit(txn);
        fail("after-commit", n);
      },
      abort: (txn: Txn) => inner.abort(txn),
      get isBackpressured() {
        return inner.isBackpressured === true;
      },
      whenNotBackpressured: () => inner.whenNotBackpressured?.() ?? Promise.resolve(),
      close: () => inner.close?.(),
    };
  }
}
