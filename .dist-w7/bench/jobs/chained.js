/** generator → map → filter → sink, all chained in one task (args: [count, parallelism]). */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
import { filterRecord, generateRecord, mapRecord } from "./chained-functions.js";
export default defineJob((env, args) => {
    env.setParallelism(Number(args[1] ?? 1));
    let checksum = 0;
    env
        .fromSource(new DataGeneratorSource(generateRecord, Number(args[0])), WatermarkStrategy.noWatermarks(), "Generator")
        .map(mapRecord)
        .filter(filterRecord)
        .addSink({
        invoke: (r) => {
            checksum += r.amount;
        },
        close: () => {
            if (checksum === -1)
                console.log("unreachable");
        },
    });
});
//# sourceMappingURL=chained.js.map