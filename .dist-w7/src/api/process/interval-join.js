export class IntervalJoin {
    env;
    left;
    right;
    constructor(env, left, right) {
        this.env = env;
        this.left = left;
        this.right = right;
    }
    /** Joins right elements with lowerMs <= right.ts − left.ts <= upperMs (both inclusive by default). */
    between(lowerMs, upperMs) {
        if (!(lowerMs <= upperMs))
            throw new RangeError(`interval join: lower bound ${lowerMs} must not exceed upper bound ${upperMs}`);
        return new IntervalJoined(this.env, this.left, this.right, lowerMs, upperMs);
    }
}
export class IntervalJoined {
    env;
    left;
    right;
    config;
    constructor(env, left, right, lower, upper) {
        this.env = env;
        this.left = left;
        this.right = right;
        this.config = { lowerBound: lower, upperBound: upper, lowerExclusive: false, upperExclusive: false };
    }
    lowerBoundExclusive() {
        this.config.lowerExclusive = true;
        return this;
    }
    upperBoundExclusive() {
        this.config.upperExclusive = true;
        return this;
    }
    /** Left elements that arrive behind the watermark go here instead of being dropped. */
    sideOutputLeftLateData(tag) {
        this.config.leftLateDataTag = tag.id;
        return this;
    }
    sideOutputRightLateData(tag) {
        this.config.rightLateDataTag = tag.id;
        return this;
    }
    process(fn) {
        return this.env.addOperator("interval-join", "Interval Join", this.left, { fn }, { ...this.config }, 0, this.right);
    }
}
//# sourceMappingURL=interval-join.js.map