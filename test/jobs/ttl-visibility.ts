/**
 * State TTL visibility through a job: per key, the first record writes a value with a 1 ms TTL;
 * the generator emits the next record of the key at least 100 ms later (its rate), so the value
 * has expired by then for sure. With NeverReturnExpired it is gone; with
 * ReturnExpiredIfNotCleanedUp (and no background cleanup) it is read once more.
 */
import { DataGeneratorSource, StateTtlConfig, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";

const KEYS = 3;

function reader(visibility: "NeverReturnExpired" | "ReturnExpiredIfNotCleanedUp") {
  let state!: ValueState<number>;
  return {
    open(ctx: StreamingRuntimeContext) {
      const ttl = StateTtlConfig.newBuilder(1).setStateVisibility(visibility).disableCleanupInBackground().build();
      state = ctx.getState(new ValueStateDescriptor<number>("v").enableTimeToLive(ttl));
    },
    map(r: { key: number; round: number }): string {
      if (r.round === 0) {
        state.update(r.key * 10);
        return `${visibility} ${r.key} wrote`;
      }
      return `${visibility} ${r.key} read ${String(state.value())}`;
    },
  };
}

export default defineJob((env) => {
  // 2 rounds of KEYS records at 10 records/s: a key's second record comes ≥ 300 ms after its first.
  const records = env.fromSource(new DataGeneratorSource((i) => ({ key: i % KEYS, round: Math.floor(i / KEYS) }), 2 * KEYS, { recordsPerSecond: 10 }), WatermarkStrategy.noWatermarks(), "Records").setParallelism(1);
  const keyed = records.keyBy((r) => r.key);
  keyed.map(reader("NeverReturnExpired")).union(keyed.map(reader("ReturnExpiredIfNotCleanedUp"))).executeAndCollect();
});
