import { keyGroupFor, subtaskForKeyGroup } from "../../graph/key-groups.js";
export function createChannelSelector(spec, channels, producerIndex, consumerMaxParallelism, fns) {
    switch (spec.type) {
        case "forward":
        case "global":
            return () => 0;
        case "broadcast":
            return () => -1;
        case "rebalance":
        case "rescale": {
            // Start at a subtask-dependent channel so that producers don't all hit channel 0 first.
            let next = producerIndex % channels;
            return () => {
                const c = next;
                next = next + 1 === channels ? 0 : next + 1;
                return c;
            };
        }
        case "shuffle":
            return () => Math.floor(Math.random() * channels);
        case "hash": {
            const key = fns.key;
            if (!key)
                throw new Error("hash partitioning without a key selector");
            return (value) => subtaskForKeyGroup(keyGroupFor(key(value), consumerMaxParallelism), consumerMaxParallelism, channels);
        }
        case "custom": {
            const key = fns.key;
            const partitioner = fns.partitioner;
            if (!key || !partitioner)
                throw new Error("partitionCustom without a key selector and partitioner");
            return (value) => {
                const c = partitioner(key(value), channels);
                if (!Number.isInteger(c) || c < 0 || c >= channels) {
                    throw new RangeError(`custom partitioner returned ${c}; expected an integer in [0, ${channels - 1}]`);
                }
                return c;
            };
        }
    }
}
export class RecordWriter {
    edgeId;
    subpartitions;
    select;
    constructor(edgeId, subpartitions, select) {
        this.edgeId = edgeId;
        this.subpartitions = subpartitions;
        this.select = select;
    }
    emit(value, timestamp) {
        const c = this.select(value);
        if (c >= 0) {
            this.subpartitions[c].add(value, timestamp);
            return;
        }
        for (const s of this.subpartitions)
            s.add(value, timestamp);
    }
    broadcastEvent(event) {
        for (const s of this.subpartitions)
            s.sendEvent(event);
    }
    flushAll() {
        for (const s of this.subpartitions)
            s.flush();
    }
    get isBlocked() {
        for (const s of this.subpartitions)
            if (s.isBlocked)
                return true;
        return false;
    }
}
//# sourceMappingURL=record-writer.js.map