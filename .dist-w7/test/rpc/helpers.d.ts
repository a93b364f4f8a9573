/** Shared test doubles for the RPC tests. */
import type { RpcLogger } from "../../src/cluster/rpc/index.js";
export declare class ValidationError extends Error {
    name: string;
}
/** An endpoint implementation exercising the cases the RPC layer must get right. */
export declare class Calculator {
    invocations: number;
    readonly state: {
        items: number[];
    };
    add(a: number, b: number): number;
    addLater(a: number, b: number): Promise<number>;
    echo(value: unknown): unknown;
    /** Mutates its argument: the caller's copy must not change. */
    bump(counter: {
        n: number;
    }): {
        n: number;
    };
    /** Returns internal state: the caller's copy must not alias it. */
    getState(): {
        items: number[];
    };
    failWith(kind: "range" | "custom" | "string", message: string): never;
    failLater(message: string): Promise<never>;
    hang(): Promise<never>;
    big(bytes: number): string;
}
/** A logger that records instead of printing, so tests can assert "logged once". */
export declare class RecordingLogger implements RpcLogger {
    readonly lines: string[];
    warn(message: string): void;
}
/** Resolves with the cause the first time `register`'s listener fires. */
export declare function nextDisconnect(register: (listener: (cause: Error) => void) => void): Promise<Error>;
export declare function delay(ms: number): Promise<void>;
/** Polls until `predicate` holds; bounded by the test's own timeout, not by a timed assertion. */
export declare function eventually(predicate: () => boolean): Promise<void>;
