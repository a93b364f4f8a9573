import { StreamOperator } from "./stream-operator.js";
export declare class SinkOperator extends StreamOperator {
    private writer;
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number): void;
    finish(): Promise<void>;
    close(): Promise<void>;
}
export declare class CollectSinkOperator extends StreamOperator {
    private batch;
    processElement(value: unknown): void;
    private flush;
    finish(): void;
    close(): void;
}
