export class PostgresSink {
    options;
    constructor(options) {
        this.options = options;
        if (options.columns.length === 0)
            throw new Error("PostgresSink needs at least one column");
    }
    async createTransactionalWriter(ctx) {
        // Loaded here, not at import: every worker imports the API, few jobs write to PostgreSQL.
        const { PostgresTransactionalWriter } = await import("./transactional-writer.js");
        const o = this.options;
        const gidPrefix = `${o.transactionIdPrefix ?? `sluice:${ctx.jobId}:${shortHash(ctx.operatorUid)}`}:`;
        const rowsPerStatement = o.rowsPerStatement ?? 1000;
        const db = new PostgresTransactionalWriter({
            connection: o.connection,
            table: o.table,
            columns: o.columns,
            gidPrefix,
            rowsPerStatement,
            maxConnections: o.maxConnections,
            connectTimeoutMs: o.connectTimeoutMs,
        });
        await db.open();
        return new PostgresSinkWriter(db, gidPrefix, ctx, o.toRow, rowsPerStatement);
    }
}
/** At most this many INSERT statements queued per subtask before the task stops reading input. */
const MAX_STATEMENTS_IN_FLIGHT = 2;
class PostgresSinkWriter {
    db;
    gidPrefix;
    ctx;
    toRow;
    rowsPerStatement;
    open = new Map();
    /** Pre-committed without a row: nothing was prepared, so commit has nothing to do. */
    empty = new Set();
    inFlight = 0;
    waiters = [];
    constructor(db, gidPrefix, ctx, toRow, rowsPerStatement) {
        this.db = db;
        this.gidPrefix = gidPrefix;
        this.ctx = ctx;
        this.toRow = toRow;
        this.rowsPerStatement = rowsPerStatement;
    }
    async recover({ toCommit, ownedSubtasks }) {
        const keep = new Set();
        for (const txn of toCommit) {
            await this.db.commit(txn.id);
            keep.add(txn.id);
        }
        // Only the owned subtasks' prefixes: another subtask may already be preparing new transactions.
        for (const subtask of ownedSubtasks) {
            for (const prepared of await this.db.listPrepared(`${this.gidPrefix}${subtask}-`)) {
                if (!keep.has(prepared.txnId))
                    await this.db.abort(prepared.txnId);
            }
        }
    }
    beginTransaction(info) {
        const after = info.afterCheckpoint === undefined ? "start" : `c${info.afterCheckpoint}`;
        const id = `${this.ctx.subtaskIndex}-${this.ctx.attemptNumber}-${after}`;
        this.open.set(id, { rows: [], count: 0, begun: false, work: Promise.resolve(), failure: undefined });
        return { id };
    }
    write(txn, value) {
        const t = this.openTransaction(txn.id);
        if (t.failure !== undefined)
            throw new Error(`writing to PostgreSQL failed in transaction ${txn.id}`, { cause: t.failure });
        t.rows.push(this.toRow(value));
        t.count++;
        if (t.rows.length >= this.rowsPerStatement)
            this.send(txn.id, t);
    }
    preCommit(txn) {
        const t = this.openTransaction(txn.id);
        if (t.count === 0) {
            this.open.delete(txn.id);
            this.empty.add(txn.id);
            return;
        }
        if (t.rows.length > 0)
            this.send(txn.id, t);
        return (async () => {
            await t.work;
            this.open.delete(txn.id);
            if (t.failure !== undefined) {
                if (t.begun)
                    await this.db.abort(txn.id).catch(() => undefined);
                throw new Error(`writing to PostgreSQL failed in transaction ${txn.id}`, { cause: t.failure });
            }
            await this.db.preCommit(txn.id);
        })();
    }
    async commit(txn) {
        if (this.empty.delete(txn.id))
            return;
        // After a restore an empty transaction is unknown here; its gid does not exist, which
        // COMMIT PREPARED treats as already committed.
        await this.db.commit(txn.id);
    }
    async abort(txn) {
        if (this.empty.delete(txn.id))
            return;
        const t = this.open.get(txn.id);
        if (t) {
            this.open.delete(txn.id);
            await t.work;
            if (t.begun)
                await this.db.abort(txn.id);
            return;
        }
        await this.db.abort(txn.id);
    }
    get isBackpressured() {
        return this.inFlight >= MAX_STATEMENTS_IN_FLIGHT;
    }
    whenNotBackpressured() {
        if (!this.isBackpressured)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    async close() {
        await Promise.allSettled([...this.open.values()].map((t) => t.work));
        this.open.clear();
        // Rolls back transactions still open; prepared ones stay for recovery.
        await this.db.close();
    }
    /** Queues an INSERT of the buffered rows behind the transaction's earlier statements. */
    send(id, t) {
        const rows = t.rows;
        t.rows = [];
        this.inFlight++;
        t.work = t.work
            .then(async () => {
            if (t.failure !== undefined)
                return;
            if (!t.begun) {
                await this.db.beginTransaction(id);
                t.begun = true;
            }
            await this.db.write(id, rows);
        })
            .catch((e) => {
            t.failure ??= e;
        })
            .finally(() => {
            this.inFlight--;
            if (!this.isBackpressured)
                for (const wake of this.waiters.splice(0))
                    wake();
        });
    }
    openTransaction(id) {
        const t = this.open.get(id);
        if (!t)
            throw new Error(`transaction ${id} is not open`);
        return t;
    }
}
/** A short stable hash, so that a long uid does not push the gid past PostgreSQL's 200 bytes. */
function shortHash(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(36);
}
//# sourceMappingURL=postgres-sink.js.map