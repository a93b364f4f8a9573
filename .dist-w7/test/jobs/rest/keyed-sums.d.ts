declare const _default: import("sluice").JobDefinition;
export default _default;
/** The reference result: per key, the sum of all its values. */
export declare function expectedSums(count: number): Map<number, number>;
