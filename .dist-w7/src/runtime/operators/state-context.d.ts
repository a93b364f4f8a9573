import type { RuntimeContext, StreamingRuntimeContext } from "../../api/runtime-context.js";
import type { KeyedStateStore, OperatorStateStore } from "../../api/state/state.js";
import { StreamOperator, type OperatorContext, type OperatorFactory } from "./stream-operator.js";
export declare function createStreamingRuntimeContext(info: RuntimeContext, keyed: KeyedStateStore, operatorState: OperatorStateStore): StreamingRuntimeContext;
/** The context with state access added (idempotent). */
export declare function withStateAccess(ctx: OperatorContext): OperatorContext;
/** The user-facing runtime context of an operator created through the registry. */
export declare function streamingContext(ctx: OperatorContext): StreamingRuntimeContext;
export declare function markKeyAware(kind: string): void;
/** Creates the operator with state access, wrapped to set the key when it is keyed but not key-aware. */
export declare function createWithState(kind: string, factory: OperatorFactory, ctx: OperatorContext): StreamOperator;
