/** Keyed word count over generated words (args: [count, parallelism]): source → keyBy(word) → sum → sink. */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
import { wordAt } from "./words.js";
export default defineJob((env, args) => {
    env.setParallelism(Number(args[1] ?? 2));
    let total = 0;
    env
        .fromSource(new DataGeneratorSource((i) => ({ word: wordAt(i), count: 1 }), Number(args[0])), WatermarkStrategy.noWatermarks(), "Words")
        .keyBy((r) => r.word)
        .sum("count")
        .addSink((r) => {
        total += r.count;
    });
});
//# sourceMappingURL=keyed-wordcount.js.map