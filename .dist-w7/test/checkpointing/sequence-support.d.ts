/** Reference results of test/jobs/sequence-check.ts and helpers to compare runs. */
import type { CheckedRecord } from "../jobs/sequence-check.js";
/** Final record per key of a complete run over `count` records. */
export declare function referenceFinals(count: number): Map<number, CheckedRecord>;
/** The last record per key (records of one key arrive in order at the collect sink). */
export declare function finalsOf(...runs: unknown[][]): Map<number, CheckedRecord>;
