/**
 * Operators over connected streams (connect()): input 0 goes to the first method, input 1 to the
 * second. The keyed variant sets the key from each input's own key selector and has timers.
 */
import { type RichFunction } from "../../api/functions.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";
declare abstract class TwoInputUserOperator extends StreamOperator {
    protected readonly user: RichFunction;
    constructor(ctx: OperatorContext);
    open(): Promise<void>;
    close(): Promise<void>;
}
export declare class CoMapOperator extends TwoInputUserOperator {
    private readonly maps;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number, input: number): void;
}
export declare class CoFlatMapOperator extends TwoInputUserOperator {
    private readonly fns;
    private timestamp;
    private readonly out;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number, input: number): void;
}
/** CoProcessFunction on non-keyed streams, or KeyedCoProcessFunction (with timers) on keyed ones. */
export declare class CoProcessOperator extends TwoInputUserOperator {
    private readonly fns;
    private readonly context;
    private readonly backend;
    private readonly keys;
    private readonly timers;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number, input: number): void;
    initializeState(restored: boolean): void;
    protected onWatermark(watermark: number): void;
    finish(): void;
    close(): Promise<void>;
}
export {};
