/**
 * Holds heap in one slot worker: the map (parallelism 1) keeps a 1 MiB array of numbers per
 * record, for `mib` records, in a module-level list that lives as long as the worker; the sink at
 * parallelism 2 takes a second slot, so there are two workers. Args: [mib]
 */
import { defineJob } from "sluice";

const kept: number[][] = [];

export default defineJob((env, args) => {
  const mib = Number(args[0] ?? 64);
  env
    .fromSequence(1, mib)
    .setParallelism(1)
    .map((n) => {
      kept.push(new Array<number>(131_072).fill(n + 0.5));
      return kept.length;
    })
    .setParallelism(1)
    .rebalance()
    .addSink({ invoke: () => {} })
    .setParallelism(2);
});
