/**
 * A job whose keyed state is as large as asked: every key of `keys` first stores a value of
 * `valueBytes` characters (different for every key), then, on its second record, checks that it
 * reads back exactly that value. The running count of checked keys is collected; the last one is
 * `keys` when all state survived. Args: [keys, valueBytes]. No restarts: running out of memory
 * fails the job.
 */
import { RestartStrategies, ValueStateDescriptor, defineJob } from "sluice";
/** The value of a key: its own digits first, so no two keys share a value. */
export function payload(key, valueBytes) {
    return `${key}:`.padEnd(valueBytes, String.fromCharCode(97 + (key % 26)));
}
class StoreThenCheck {
    keys;
    valueBytes;
    value;
    constructor(keys, valueBytes) {
        this.keys = keys;
        this.valueBytes = valueBytes;
    }
    open(ctx) {
        this.value = ctx.getState(new ValueStateDescriptor("payload"));
    }
    map(i) {
        const key = i % this.keys;
        const expected = payload(key, this.valueBytes);
        const stored = this.value.value();
        if (stored === undefined) {
            this.value.update(expected);
            return 0;
        }
        if (stored !== expected)
            throw new Error(`key ${key}: read back ${stored.length} characters that differ from what was stored`);
        return 1;
    }
}
export default defineJob((env, args) => {
    const keys = Number(args[0] ?? 200_000);
    const valueBytes = Number(args[1] ?? 1024);
    env.setParallelism(1);
    env.setRestartStrategy(RestartStrategies.noRestart());
    env
        .fromSequence(0, 2 * keys - 1)
        .keyBy((i) => i % keys)
        .map(new StoreThenCheck(keys, valueBytes))
        .name("Store then check")
        .filter((checked) => checked === 1)
        .keyBy(() => 0)
        .reduce((a, b) => a + b)
        .name("Checked keys")
        .executeAndCollect();
});
//# sourceMappingURL=large-keyed-state.js.map