/**
 * A parallel generator (Flink's DataGeneratorSource): record i is generator(i). Subtask s of p
 * starts with the lane s, s+p, s+2p, … below `count`, so the union over subtasks is every index
 * exactly once; a restore at another parallelism deals the remaining lanes out again.
 */
export class DataGeneratorSource {
    generator;
    count;
    options;
    boundedness;
    constructor(generator, count = Number.POSITIVE_INFINITY, options = {}) {
        this.generator = generator;
        this.count = count;
        this.options = options;
        if (!(count >= 0))
            throw new RangeError("count must be >= 0");
        this.boundedness = Number.isFinite(count) ? "bounded" : "unbounded";
    }
    createReader(ctx) {
        const { generator, count } = this;
        let lanes = [{ next: ctx.subtaskIndex, step: ctx.parallelism }];
        let lane = 0;
        let index = lanes[0].next;
        let step = lanes[0].step;
        const rate = this.options.recordsPerSecond ? this.options.recordsPerSecond / ctx.parallelism : 0;
        let rateStart = 0;
        let emittedSinceStart = 0;
        let wakeAt = 0;
        const advance = () => {
            while (index >= count) {
                if (++lane >= lanes.length)
                    return false;
                ({ next: index, step } = lanes[lane]);
            }
            return true;
        };
        return {
            pollNext(output) {
                if (!advance())
                    return "end-of-input";
                if (rate > 0) {
                    const now = Date.now();
                    if (rateStart === 0)
                        rateStart = now;
                    // Record k (counting from 0) is due k/rate seconds after the first one.
                    const dueAt = rateStart + (emittedSinceStart / rate) * 1000;
                    if (dueAt > now) {
                        wakeAt = dueAt;
                        return "nothing-available";
                    }
                    emittedSinceStart++;
                }
                output.collect(generator(index));
                index += step;
                return index < count || lane + 1 < lanes.length ? "more" : "end-of-input";
            },
            isAvailable: () => new Promise((resolve) => setTimeout(resolve, Math.max(0, wakeAt - Date.now()))),
            snapshotState: () => {
                const rest = index < count ? [{ next: index, step }] : [];
                return [...rest, ...lanes.slice(lane + 1).map((l) => ({ ...l }))];
            },
            restoreState: (restored) => {
                lanes = restored.length ? restored.map((l) => ({ ...l })) : [{ next: count, step: 1 }];
                lane = 0;
                ({ next: index, step } = lanes[0]);
            },
        };
    }
}
//# sourceMappingURL=data-generator-source.js.map