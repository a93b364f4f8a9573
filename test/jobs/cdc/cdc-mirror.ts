/**
 * Mirrors a PostgreSQL table into another through the CDC source and the upsert sink
 * (docs/connectors.md, "PostgreSQL CDC"). A keyed checker follows each row's history: a row is read
 * (snapshot) or inserted at some version, every update raises `version` by exactly one, a delete
 * ends it; anything else throws "gap or repeat", which the restart strategy cannot hide for long
 * (the same record comes again after the restore). The source's readers append, on every restore,
 * the stream position they resume from to `restoresFile`, so the test can compare it with the
 * slot's confirmed LSN.
 * Args: [connection, table, mirrorTable, slot, parallelism, checkpointIntervalMs, splitSize, fetchSize, restoresFile]
 */
import { appendFileSync } from "node:fs";
import {
  PostgresCdcSource,
  PostgresSink,
  RestartStrategies,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type CdcSplit,
  type ChangeRecord,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";

export interface Row {
  id: number;
  version: number;
  payload: string;
}

/** Deleted rows keep this as their last version. */
const DELETED = -1;

class HistoryChecker {
  private last!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-version"));
  }
  map(c: ChangeRecord<Row>): ChangeRecord<Row> {
    const row = (c.after ?? c.before)!;
    const last = this.last.value();
    const fail = (why: string): never => {
      throw new Error(`row ${row.id}: gap or repeat: ${c.op} at version ${row.version} after ${last === undefined ? "nothing" : last} (${why})`);
    };
    switch (c.op) {
      case "r":
      case "c":
        if (last !== undefined) fail("a first sight of a row seen before");
        if (c.op === "c" && row.version !== 1) fail("an insert is version 1");
        break;
      case "u":
        if (last === undefined || last === DELETED || row.version !== last + 1) fail("an update is the next version");
        break;
      case "d":
        if (last === undefined || last === DELETED || row.version !== last) fail("a delete removes the last version");
        break;
    }
    this.last.update(c.op === "d" ? DELETED : row.version);
    return c;
  }
}

/** PostgresCdcSource as it is, with its readers' restored stream positions written to a file. */
function recordingRestores(source: PostgresCdcSource<Row>, file: string): Source<ChangeRecord<Row>, CdcSplit, unknown> {
  return {
    boundedness: source.boundedness,
    createEnumerator: (ctx) => source.createEnumerator(ctx),
    restoreEnumerator: (ctx, state) => source.restoreEnumerator(ctx, state as never),
    createReader(ctx: SourceReaderContext): SourceReader<ChangeRecord<Row>, CdcSplit> {
      const reader = source.createReader(ctx);
      const restore = reader.restoreState!.bind(reader);
      reader.restoreState = (splits) => {
        for (const s of splits) if (s.kind === "stream") appendFileSync(file, `${s.lsn}\n`);
        restore(splits);
      };
      return reader;
    },
  };
}

export default defineJob((env, args) => {
  const [connection, table, mirror, slot, parallelism, intervalMs, splitSize, fetchSize, restoresFile] = args as [string, string, string, string, string, string, string, string, string];
  env.setParallelism(Number(parallelism));
  env.enableCheckpointing(Number(intervalMs));
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(20, 200));
  const source = PostgresCdcSource.builder<Row>()
    .connection(connection)
    .tables(table)
    .slotName(slot)
    .splitSize(Number(splitSize))
    .fetchSize(Number(fetchSize))
    .build();
  env
    .fromSource(recordingRestores(source, restoresFile), WatermarkStrategy.noWatermarks(), "CDC")
    .uid("cdc")
    .keyBy((c) => (c.after ?? c.before)!.id)
    .map(new HistoryChecker())
    .uid("history")
    .sinkTo(
      new PostgresSink<ChangeRecord<Row>>({
        connection,
        table: mirror,
        columns: ["id", "version", "payload", "origin"],
        primaryKey: ["id"],
        isDelete: (c) => c.op === "d",
        toRow: (c) => {
          const row = (c.after ?? c.before)!;
          return [row.id, row.version, row.payload ?? null, c.op];
        },
        rowsPerStatement: 500,
      }),
      "mirror",
    )
    .uid("mirror");
});
