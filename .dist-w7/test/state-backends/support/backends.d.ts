import type { KeyedStateBackend, StateBackendType } from "../../../src/runtime/state/keyed-state-backend.js";
export interface Range {
    maxParallelism: number;
    start: number;
    end: number;
}
export declare const FULL_RANGE: Range;
export interface BackendKind {
    type: StateBackendType;
    create(range?: Range, cacheEntries?: number): KeyedStateBackend;
}
/** Parent folder of the LMDB backends of this test file. */
export declare function testLocalDir(): string;
export declare const BACKENDS: readonly BackendKind[];
/** Disposes every backend the tests created and removes the LMDB folders; for after(). */
export declare function disposeBackends(): Promise<void>;
