/** Builds the pipeline described by generateSpec(seed, parallelism) (args: [seed, parallelism]). */
import { defineJob } from "sluice";
import { SUM_MODULUS, generateSpec, mapValue } from "./random-pipeline-spec.js";
export default defineJob((env, args) => {
    const spec = generateSpec(Number(args[0]), Number(args[1] ?? 1));
    env.setParallelism(spec.sourceParallelism);
    let stream = env.fromSequence(0, spec.count - 1);
    if (spec.union)
        stream = stream.union(env.fromSequence(spec.union.from, spec.union.to));
    for (const s of spec.steps) {
        if (s.op === "partition") {
            if (s.how === "keyBy")
                stream = stream.keyBy((v) => v % 13);
            else
                stream = stream[s.how]();
            continue;
        }
        const op = s.op === "map"
            ? stream.map((v) => mapValue(v, s.mul, s.add))
            : s.op === "filter"
                ? stream.filter((v) => v % s.mod !== s.rest)
                : stream.flatMap((v) => (v % s.every === 0 ? [v, v + 1] : [v]));
        op.setParallelism(s.parallelism);
        if (!s.chain)
            op.disableChaining();
        stream = op;
    }
    if (spec.sumKeys !== null) {
        const keys = spec.sumKeys;
        void stream
            .map((v) => [v % keys, v])
            .keyBy((t) => t[0])
            .reduce((a, b) => [a[0], (a[1] + b[1]) % SUM_MODULUS])
            .executeAndCollect();
    }
    else {
        void stream.executeAndCollect();
    }
});
//# sourceMappingURL=random-pipeline.js.map