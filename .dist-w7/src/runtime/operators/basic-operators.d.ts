/** The stateless one-input operators: map, flatMap, filter, process. */
import { type Collector, type ProcessContext } from "../../api/functions.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";
/** Base for operators around one user function with open/close. */
declare abstract class UserFunctionOperator<F extends (...a: never[]) => unknown> extends StreamOperator {
    protected readonly fn: F;
    private readonly openFn?;
    private readonly closeFn?;
    constructor(ctx: OperatorContext, method: string);
    open(): Promise<void>;
    close(): Promise<void>;
}
export declare class MapOperator extends UserFunctionOperator<(v: unknown) => unknown> {
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number): void;
}
export declare class FilterOperator extends UserFunctionOperator<(v: unknown) => boolean> {
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number): void;
}
export declare class FlatMapOperator extends UserFunctionOperator<(v: unknown, out: Collector<unknown>) => void | Iterable<unknown>> {
    private readonly out;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number): void;
}
export declare class ProcessOperator extends UserFunctionOperator<(v: unknown, ctx: ProcessContext, out: Collector<unknown>) => void> {
    private readonly out;
    private readonly context;
    constructor(ctx: OperatorContext);
    processElement(value: unknown, timestamp: number): void;
}
export {};
