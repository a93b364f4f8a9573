/**
 * Nexmark q10, log to file system: every bid, filed by day and minute.
 * Run: npx sluice run examples/nexmark/q10.ts [events=100000] [rate=0] path=/tmp/q10 [-p N]
 * Without path= the rows go to the sink= of the other queries (print by default).
 * Files: <path>/dt=yyyy-MM-dd/hm=HH-mm/part-<subtask>.csv (':' is not allowed in every file system).
 */
import type { DataStream } from "sluice";
import { q10, type Q10Result } from "./queries/q10.js";
import type { NexmarkJobArgs } from "./support/job-args.js";
import { nexmarkJob, sinkResults } from "./support/nexmark-job.js";
import { PartitionedFileSink } from "./support/partitioned-file-sink.js";

function fileSink(rows: DataStream<Q10Result>, a: NexmarkJobArgs): void {
  if (a.path === undefined) sinkResults(rows, a);
  else rows.sinkTo(new PartitionedFileSink(a.path), `Partitioned files ${a.path}`);
}

export default nexmarkJob("q10", q10, fileSink);
