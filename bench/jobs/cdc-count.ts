/**
 * Counts the change records of a PostgresCdcSource into a discarding sink (bench/postgres-cdc.ts).
 * The first change (the gate row, id 0) holds the task until `gateFile` exists, so the benchmark
 * can pile up a backlog in the slot first; when `target` more changes have passed, the time goes
 * to `doneFile`.
 * Args: [connection, table, slot, target, gateFile, gatedFile, doneFile]
 */
import { existsSync, writeFileSync } from "node:fs";
import { PostgresCdcSource, WatermarkStrategy, defineJob, type ChangeRecord } from "sluice";

const pause = new Int32Array(new SharedArrayBuffer(4));

export default defineJob((env, args) => {
  const [connection, table, slot, target, gateFile, gatedFile, doneFile] = args as [string, string, string, string, string, string, string];
  env.setParallelism(1);
  env.enableCheckpointing(1000);
  const source = PostgresCdcSource.builder<{ id: number }>().connection(connection).tables(table).slotName(slot).publicationName("bench_pub").build();
  let seen = 0;
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), "CDC")
    .filter((c: ChangeRecord<{ id: number }>) => {
      if (c.op === "r") return false;
      if (c.after?.id === 0) {
        writeFileSync(gatedFile, "");
        // Blocks the task thread (and so the reader) while the benchmark writes its backlog.
        while (!existsSync(gateFile)) Atomics.wait(pause, 0, 0, 10);
        return false;
      }
      if (++seen === Number(target)) writeFileSync(doneFile, String(Date.now()));
      return false;
    })
    .sinkTo({ createWriter: () => ({ write: () => undefined }) }, "discard");
});
