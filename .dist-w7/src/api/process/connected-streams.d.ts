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
export declare class ConnectedStreams<I1, I2> {
    readonly env: StreamExecutionEnvironment;
    /** @internal */ readonly first: readonly StreamInput[];
    /** @internal */ readonly second: readonly StreamInput[];
    readonly __elementTypes?: (a: I1, b: I2) => void;
    constructor(env: StreamExecutionEnvironment, 
    /** @internal */ first: readonly StreamInput[], 
    /** @internal */ second: readonly StreamInput[]);
    /** Partitions both inputs by key, so that elements with equal keys meet in one instance. */
    keyBy<K extends Key>(key1: KeySelector<I1, K>, key2: KeySelector<I2, K>): KeyedConnectedStreams<I1, I2, K>;
    map<R>(fn: CoMapFunction<I1, I2, R>): SingleOutputStreamOperator<R>;
    flatMap<R>(fn: CoFlatMapFunction<I1, I2, R>): SingleOutputStreamOperator<R>;
    process<R>(fn: CoProcessFunction<I1, I2, R>): SingleOutputStreamOperator<R>;
}
/** Both inputs keyed alike: keyed state and timers per key. */
export declare class KeyedConnectedStreams<I1, I2, K extends Key> extends ConnectedStreams<I1, I2> {
    readonly __keyType?: (k: K) => K;
    process<R>(fn: KeyedCoProcessFunction<K, I1, I2, R>): SingleOutputStreamOperator<R>;
}
/** A map state descriptor of any key and value type. */
export type MapStateDescriptorLike = StateDescriptor & {
    readonly kind: "map";
};
/** A stream broadcast to every instance of the operator it is connected to, with its broadcast state. */
export declare class BroadcastStream<T> {
    readonly env: StreamExecutionEnvironment;
    /** @internal */ readonly inputs: readonly StreamInput[];
    readonly descriptors: readonly MapStateDescriptorLike[];
    readonly __elementType?: (value: T) => T;
    constructor(env: StreamExecutionEnvironment, 
    /** @internal */ inputs: readonly StreamInput[], descriptors: readonly MapStateDescriptorLike[]);
}
export declare class BroadcastConnectedStream<I, B> {
    readonly env: StreamExecutionEnvironment;
    /** @internal */ readonly main: readonly StreamInput[];
    /** @internal */ readonly broadcastStream: BroadcastStream<B>;
    readonly __elementTypes?: (a: I, b: B) => void;
    constructor(env: StreamExecutionEnvironment, 
    /** @internal */ main: readonly StreamInput[], 
    /** @internal */ broadcastStream: BroadcastStream<B>);
    process<R>(fn: BroadcastProcessFunction<I, B, R>): SingleOutputStreamOperator<R>;
    protected build<R>(name: string, fn: unknown): SingleOutputStreamOperator<R>;
}
export declare class KeyedBroadcastConnectedStream<K extends Key, I, B> extends BroadcastConnectedStream<I, B> {
    readonly __keyType?: (k: K) => K;
    process<R>(fn: KeyedBroadcastProcessFunction<K, I, B, R>): SingleOutputStreamOperator<R>;
}
/** DataStream.connect(): with a BroadcastStream, the broadcast pattern; otherwise two co-processed inputs. */
export declare function connectStreams<T, T2>(self: DataStream<T>, other: DataStream<T2> | BroadcastStream<T2>): ConnectedStreams<T, T2> | BroadcastConnectedStream<T, T2>;
/** DataStream.broadcast(...descriptors). */
export declare function broadcastWithState<T>(self: DataStream<T>, descriptors: readonly MapStateDescriptorLike[]): BroadcastStream<T>;
