export declare const KEYS = 10;
export interface SeqRecord {
    key: number;
    seq: number;
}
export interface CheckedRecord extends SeqRecord {
    /** Sum of all sequence numbers of the key so far. */
    total: number;
}
declare const _default: import("sluice").JobDefinition;
export default _default;
