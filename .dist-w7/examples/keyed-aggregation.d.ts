export interface Reading {
    sensor: string;
    temperature: number;
    index: number;
}
/** Reading number i: deterministic, so every run (and every test) sees the same data. */
export declare function reading(i: number): Reading;
declare const _default: import("sluice").JobDefinition;
export default _default;
