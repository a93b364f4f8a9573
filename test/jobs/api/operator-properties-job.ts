/**
 * The small operator properties of issue 20 item 9 in one job: fromData, setDescription,
 * setUidHash, forceNonParallel, per-operator setBufferTimeout, DataStreamSink.setMaxParallelism,
 * getParallelism, printToErr and writeToSocket.
 * Args: [socket port, count]
 */
import { defineJob } from "sluice";
import { collectAs } from "../windowing/support/collect.js";

export default defineJob((env, args) => {
  const port = Number(args[0]);
  const n = Number(args[1] ?? 50);
  env.setParallelism(3);
  const numbers = env.fromData(...Array.from({ length: n }, (_, i) => i));
  const squares = numbers
    .map((i) => ({ i, sq: i * i }))
    .setDescription("squares every number")
    .setUidHash("0123456789abcdef0123456789abcdef")
    .setBufferTimeout(0);
  const single = squares.filter((r) => r.i % 2 === 0).forceNonParallel();
  // What getParallelism reports while the job is defined, as a record for the test.
  collectAs(env.fromData({ env: env.getParallelism(), squares: squares.getParallelism(), single: single.getParallelism() }), "parallelisms");
  single.writeToSocket("127.0.0.1", port, (r) => `${r.i}:${r.sq}`).setMaxParallelism(16).name("to the test's socket");
  squares.printToErr("squares-err");
});
