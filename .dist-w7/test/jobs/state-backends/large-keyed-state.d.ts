/** The value of a key: its own digits first, so no two keys share a value. */
export declare function payload(key: number, valueBytes: number): string;
declare const _default: import("sluice").JobDefinition;
export default _default;
