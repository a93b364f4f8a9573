export class FaultInjectingSink {
    inner;
    faults;
    belowIndex;
    constructor(inner, faults, belowIndex) {
        this.inner = inner;
        this.faults = faults;
        this.belowIndex = belowIndex;
    }
    async createTransactionalWriter(ctx) {
        const inner = await this.inner.createTransactionalWriter(ctx);
        const faults = ctx.subtaskIndex === 0 ? this.faults.filter((f) => f.attempt === ctx.attemptNumber) : [];
        if (faults.length === 0)
            return inner;
        let maxIndex = -1;
        let preCommits = 0;
        const ordinal = new Map();
        const fail = (at, n) => {
            if (maxIndex >= this.belowIndex)
                return;
            if (faults.some((f) => f.at === at && f.checkpoint === n)) {
                throw new Error(`injected sink fault ${at} at checkpoint ${n} of attempt ${ctx.attemptNumber}`);
            }
        };
        return {
            recover: (request) => inner.recover(request),
            beginTransaction: (info) => inner.beginTransaction(info),
            write(txn, value, timestamp) {
                maxIndex = Math.max(maxIndex, value.index);
                inner.write(txn, value, timestamp);
            },
            preCommit(txn) {
                const n = ++preCommits;
                ordinal.set(txn, n);
                fail("before-pre-commit", n);
                const done = inner.preCommit(txn);
                return Promise.resolve(done).then(() => fail("after-pre-commit", n));
            },
            async commit(txn) {
                const n = ordinal.get(txn) ?? 0;
                fail("before-commit", n);
                await inner.commit(txn);
                fail("after-commit", n);
            },
            abort: (txn) => inner.abort(txn),
            get isBackpressured() {
                return inner.isBackpressured === true;
            },
            whenNotBackpressured: () => inner.whenNotBackpressured?.() ?? Promise.resolve(),
            close: () => inner.close?.(),
        };
    }
}
//# sourceMappingURL=fault-injecting-sink.js.map