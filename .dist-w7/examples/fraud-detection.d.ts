/**
 * Fraud detection in the style of Flink's tutorial: per account, a small transaction (< $1)
 * followed by a large one (> $500) within a minute raises an alert. A KeyedProcessFunction keeps
 * a flag in keyed state and a processing-time timer that clears it after a minute.
 * Run: npx sluice run examples/fraud-detection.ts [transactions] [-p N]
 */
import { type Collector, type DataStream, type KeyedProcessContext, type KeyedProcessFunction, type OnTimerContext, type SingleOutputStreamOperator, type StreamExecutionEnvironment, type StreamingRuntimeContext } from "sluice";
export interface Transaction {
    accountId: number;
    amount: number;
    index: number;
}
export interface Alert {
    accountId: number;
    /** The index of the large transaction that raised it. */
    index: number;
}
/** Transaction number i, deterministic; every 97th account sees a planted small-then-large pair. */
export declare function transaction(i: number): Transaction;
export declare class FraudDetector implements KeyedProcessFunction<number, Transaction, Alert> {
    private flag;
    private timer;
    open(ctx: StreamingRuntimeContext): void;
    processElement(t: Transaction, ctx: KeyedProcessContext<number>, out: Collector<Alert>): void;
    /** A minute has passed since the small transaction: forget it. */
    onTimer(_ts: number, _ctx: OnTimerContext<number>): void;
    private cleanUp;
}
/** One reader: the detector relies on seeing each account's transactions in order. */
export declare function transactionSource(env: StreamExecutionEnvironment, count: number): DataStream<Transaction>;
export declare function detectFraud(transactions: DataStream<Transaction>): SingleOutputStreamOperator<Alert>;
declare const _default: import("sluice").JobDefinition;
export default _default;
