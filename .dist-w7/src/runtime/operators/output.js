export class FanOutOutput {
    main;
    sides;
    all;
    constructor(main, sides) {
        this.main = main;
        this.sides = sides;
        this.all = [...main, ...[...sides.values()].flat()];
    }
    collect(value, timestamp) {
        const main = this.main;
        for (let i = 0; i < main.length; i++)
            main[i].collect(value, timestamp);
    }
    collectSide(tag, value, timestamp) {
        const targets = this.sides.get(tag);
        if (targets)
            for (const t of targets)
                t.collect(value, timestamp);
    }
    emitWatermark(watermark) {
        for (const t of this.all)
            t.emitWatermark(watermark);
    }
    emitStreamStatus(idle) {
        for (const t of this.all)
            t.emitStreamStatus(idle);
    }
}
/** The single-target case without the loop, which is most chains. */
export function createOutput(main, sides) {
    if (main.length === 1 && sides.size === 0) {
        const t = main[0];
        return {
            collect: (v, ts) => t.collect(v, ts),
            collectSide: () => { },
            emitWatermark: (w) => t.emitWatermark(w),
            emitStreamStatus: (idle) => t.emitStreamStatus(idle),
        };
    }
    return new FanOutOutput(main, sides);
}
//# sourceMappingURL=output.js.map