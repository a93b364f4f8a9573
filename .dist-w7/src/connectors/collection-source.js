/** The elements of an in-memory collection, in order, from one subtask (like Flink's fromElements). */
export class CollectionSource {
    elements;
    boundedness = "bounded";
    maxParallelism = 1;
    constructor(elements) {
        this.elements = elements;
    }
    createReader() {
        const elements = this.elements;
        let next = 0;
        return {
            pollNext(output) {
                if (next >= elements.length)
                    return "end-of-input";
                output.collect(elements[next++]);
                return next < elements.length ? "more" : "end-of-input";
            },
            isAvailable: () => Promise.resolve(),
            // One split: the index of the next element.
            snapshotState: () => (next < elements.length ? [next] : []),
            restoreState: (splits) => {
                next = splits.length ? Math.min(...splits) : elements.length;
            },
        };
    }
}
//# sourceMappingURL=collection-source.js.map