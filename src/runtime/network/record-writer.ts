/**
 * Writes the records of one network output (one JobEdge) of a task: picks the channel(s) with the
 * edge's partitioner and appends to that channel's subpartition.
 */
import type { Key, KeySelector, Partitioner } from "../../api/functions.js";
import type { PartitionerSpec } from "../../graph/stream-graph.js";
import { keyGroupFor, subtaskForKeyGroup } from "../../graph/key-groups.js";
import type { DataEvent } from "./frames.js";
import type { ResultSubpartition } from "./result-subpartition.js";

/** Returns the subpartition index for a record, or -1 to send it to all. */
type ChannelSelector = (value: unknown) => number;

export interface PartitionerFunctions {
  key?: KeySelector<unknown, Key>;
  partitioner?: Partitioner<Key>;
}

export function createChannelSelector(
  spec: PartitionerSpec,
  channels: number,
  producerIndex: number,
  consumerMaxParallelism: number,
  fns: PartitionerFunctions,
): ChannelSelector {
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
      if (!key) throw new Error("hash partitioning without a key selector");
      return (value) => subtaskForKeyGroup(keyGroupFor(key(value), consumerMaxParallelism), consumerMaxParallelism, channels);
    }
    case "custom": {
      const key = fns.key;
      const partitioner = fns.partitioner;
      if (!key || !partitioner) throw new Error("partitionCustom without a key selector and partitioner");
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
  constructor(
    readonly edgeId: number,
    readonly subpartitions: ResultSubpartition[],
    private readonly select: ChannelSelector,
  ) {}

  emit(value: unknown, timestamp: number): void {
    const c = this.select(value);
    if (c >= 0) {
      this.subpartitions[c]!.add(value, timestamp);
      return;
    }
    for (const s of this.subpartitions) s.add(value, timestamp);
  }

  broadcastEvent(event: DataEvent): void {
    for (const s of this.subpartitions) s.sendEvent(event);
  }

  flushAll(): void {
    for (const s of this.subpartitions) s.flush();
  }

  get isBlocked(): boolean {
    for (const s of this.subpartitions) if (s.isBlocked) return true;
    return false;
  }
}
