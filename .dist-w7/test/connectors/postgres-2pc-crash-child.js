/**
 * Child process for postgres-2pc.test.ts: plays a sink subtask that dies by SIGKILL. It prepares
 * some transactions (pre-committed checkpoints), leaves one open (rows of the checkpoint in
 * progress), prints READY and hangs until the parent kills it.
 *
 * argv[2] is JSON: { connectionString, table, gidPrefix, prepared: Batch[], open: Batch }
 * where Batch = { txnId, from, to } writes rows seq = from … to-1.
 */
import { PostgresTransactionalWriter } from "../../src/connectors/postgres/index.js";
const plan = JSON.parse(process.argv[2] ?? "{}");
const writer = new PostgresTransactionalWriter({
    connection: plan.connectionString,
    table: plan.table,
    columns: ["seq", "payload"],
    gidPrefix: plan.gidPrefix,
});
const rowsOf = (batch) => {
    const rows = [];
    for (let seq = batch.from; seq < batch.to; seq++)
        rows.push([seq, `${batch.txnId}/${seq}`]);
    return rows;
};
await writer.open();
for (const batch of plan.prepared) {
    await writer.beginTransaction(batch.txnId);
    await writer.write(batch.txnId, rowsOf(batch));
    await writer.preCommit(batch.txnId);
}
await writer.beginTransaction(plan.open.txnId);
await writer.write(plan.open.txnId, rowsOf(plan.open));
process.stdout.write("READY\n");
// Keep the open transaction's connection alive until SIGKILL; the parent bounds this wait.
setInterval(() => undefined, 60_000);
//# sourceMappingURL=postgres-2pc-crash-child.js.map