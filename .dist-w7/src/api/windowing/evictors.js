/** Keeps the last `maxCount` elements. */
export class CountEvictor {
    maxCount;
    doEvictAfter;
    constructor(maxCount, doEvictAfter) {
        this.maxCount = maxCount;
        this.doEvictAfter = doEvictAfter;
    }
    static of(maxCount, doEvictAfter = false) {
        if (!(maxCount >= 0))
            throw new RangeError("CountEvictor needs a count >= 0");
        return new CountEvictor(maxCount, doEvictAfter);
    }
    evictBefore(elements) {
        if (!this.doEvictAfter)
            this.evict(elements);
    }
    evictAfter(elements) {
        if (this.doEvictAfter)
            this.evict(elements);
    }
    evict(elements) {
        if (elements.length > this.maxCount)
            elements.splice(0, elements.length - this.maxCount);
    }
}
/** Keeps the elements at most `windowSizeMs` older than the newest element of the window. */
export class TimeEvictor {
    windowSize;
    doEvictAfter;
    constructor(windowSize, doEvictAfter) {
        this.windowSize = windowSize;
        this.doEvictAfter = doEvictAfter;
    }
    static of(windowSizeMs, doEvictAfter = false) {
        return new TimeEvictor(windowSizeMs, doEvictAfter);
    }
    evictBefore(elements) {
        if (!this.doEvictAfter)
            this.evict(elements);
    }
    evictAfter(elements) {
        if (this.doEvictAfter)
            this.evict(elements);
    }
    evict(elements) {
        let newest = Number.NEGATIVE_INFINITY;
        for (const e of elements)
            if (e.timestamp !== undefined && e.timestamp > newest)
                newest = e.timestamp;
        if (newest === Number.NEGATIVE_INFINITY)
            return; // no timestamps: nothing to compare
        const cutoff = newest - this.windowSize;
        let w = 0;
        for (const e of elements)
            if (e.timestamp === undefined || e.timestamp > cutoff)
                elements[w++] = e;
        elements.length = w;
    }
}
//# sourceMappingURL=evictors.js.map