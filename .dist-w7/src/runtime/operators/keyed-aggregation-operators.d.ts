import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";
/** Base of operators that keep one value per key. */
declare abstract class KeyedValueOperator extends StreamOperator {
    protected readonly backend: KeyedStateBackend;
    private readonly key;
    /** Holders, so that updating an existing key costs one Map lookup instead of two. */
    private readonly table;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number): void;
    protected first(value: unknown): unknown;
    protected abstract combine(accumulated: unknown, value: unknown): unknown;
}
export declare class KeyedReduceOperator extends KeyedValueOperator {
    private readonly reduce;
    private readonly rich;
    constructor(ctx: OperatorContext);
    open(): Promise<void>;
    close(): Promise<void>;
    protected combine(accumulated: unknown, value: unknown): unknown;
}
/**
 * Flink's semantics: sum/min/max update one field and keep the other fields of the first record;
 * minBy/maxBy keep the whole record holding the extreme value (the earlier one on ties).
 */
export declare class KeyedAggregationOperator extends KeyedValueOperator {
    private readonly kind;
    private readonly field;
    constructor(ctx: OperatorContext);
    protected combine(acc: unknown, value: unknown): unknown;
}
export {};
