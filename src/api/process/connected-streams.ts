/**
 * Two streams of possibly different types processed by one operator (connect()), and the
 * broadcast variant: a stream connected with a BroadcastStream that every instance receives.
 */
import type { DataStream, SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { Key, KeySelector } from "../functions.js";
import type { StateDescriptor } from "../state/state-descriptors.js";
import type { BroadcastProcessFunction, KeyedBroadcastProcessFunction } from "./broadcast-functions.js";
import type { CoFlatMapFunction, CoMapFunction, CoProcessFunction, KeyedCoProcessFunction } from "./co-functions.js";

function hashed(inputs: readonly StreamInput[], key: KeySelector<never, Key>): StreamInput[] {
  return inputs.map((i) => ({ ...i, partitioner: { type: "hash" }, fns: { key } }));
}

export class ConnectedStreams<I1, I2> {
  declare readonly __elementTypes?: (a: I1, b: I2) => void;
  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly first: readonly StreamInput[],
    /** @internal */ readonly second: readonly StreamInput[],
  ) {}

  /** Partitions both inputs by key, so that elements with equal keys meet in one instance. */
  keyBy<K extends Key>(key1: KeySelector<I1, K>, key2: KeySelector<I2, K>): KeyedConnectedStreams<I1, I2, K> {
    return new KeyedConnectedStreams<I1, I2, K>(this.env, hashed(this.first, key1), hashed(this.second, key2));
  }

  map<R>(fn: CoMapFunction<I1, I2, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("co-map", "Co-Map", this.first, { fn }, {}, 0, this.second);
  }

  flatMap<R = never>(fn: CoFlatMapFunction<I1, I2, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("co-flat-map", "Co-Flat Map", this.first, { fn }, {}, 0, this.second);
  }

  process<R = never>(fn: CoProcessFunction<I1, I2, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("co-process", "Co-Process", this.first, { fn }, {}, 0, this.second);
  }
}

/** Both inputs keyed alike: keyed state and timers per key. */
export class KeyedConnectedStreams<I1, I2, K extends Key> extends ConnectedStreams<I1, I2> {
  declare readonly __keyType?: (k: K) => K;
  override process<R = never>(fn: KeyedCoProcessFunction<K, I1, I2, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("co-process", "Keyed Co-Process", this.first, { fn }, { keyed: true }, 0, this.second);
  }
}

/** A map state descriptor of any key and value type. */
export type MapStateDescriptorLike = StateDescriptor & { readonly kind: "map" };

/** A stream broadcast to every instance of the operator it is connected to, with its broadcast state. */
export class BroadcastStream<T> {
  declare readonly __elementType?: (value: T) => T;
  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly inputs: readonly StreamInput[],
    readonly descriptors: readonly MapStateDescriptorLike[],
  ) {
    for (const d of descriptors) if (d.kind !== "map") throw new TypeError("broadcast state descriptors must be MapStateDescriptors");
  }
}

export class BroadcastConnectedStream<I, B> {
  declare readonly __elementTypes?: (a: I, b: B) => void;
  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly main: readonly StreamInput[],
    /** @internal */ readonly broadcastStream: BroadcastStream<B>,
  ) {}

  process<R = never>(fn: BroadcastProcessFunction<I, B, R>): SingleOutputStreamOperator<R> {
    return this.build("Co-Process-Broadcast", fn);
  }

  protected build<R>(name: string, fn: unknown): SingleOutputStreamOperator<R> {
    const bs = this.broadcastStream;
    return this.env.addOperator<R>("broadcast-process", name, this.main, { fn, descriptors: bs.descriptors }, {}, 0, bs.inputs);
  }
}

export class KeyedBroadcastConnectedStream<K extends Key, I, B> extends BroadcastConnectedStream<I, B> {
  declare readonly __keyType?: (k: K) => K;
  override process<R = never>(fn: KeyedBroadcastProcessFunction<K, I, B, R>): SingleOutputStreamOperator<R> {
    return this.build("Co-Process-Broadcast-Keyed", fn);
  }
}

/** DataStream.connect(): with a BroadcastStream, the broadcast pattern; otherwise two co-processed inputs. */
export function connectStreams<T, T2>(self: DataStream<T>, other: DataStream<T2> | BroadcastStream<T2>): ConnectedStreams<T, T2> | BroadcastConnectedStream<T, T2> {
  if (other.env !== self.env) throw new Error("connect(): streams belong to different environments");
  if (other instanceof BroadcastStream) return new BroadcastConnectedStream<T, T2>(self.env, self.inputs, other);
  return new ConnectedStreams<T, T2>(self.env, self.inputs, other.inputs);
}

/** DataStream.broadcast(...descriptors). */
export function broadcastWithState<T>(self: DataStream<T>, descriptors: readonly MapStateDescriptorLike[]): BroadcastStream<T> {
  return new BroadcastStream<T>(self.env, self.inputs.map((i) => ({ ...i, partitioner: { type: "broadcast" } })), descriptors);
}
