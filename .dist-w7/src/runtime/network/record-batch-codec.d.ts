export declare const NO_TIMESTAMP: number;
export interface DecodedBatch {
    values: unknown[];
    /** Null when no record of the batch had a timestamp. */
    timestamps: Float64Array | null;
}
export declare class RecordBatchEncoder {
    private readonly packr;
    encode(values: unknown[], timestamps: number[] | null): ArrayBuffer;
}
export declare class RecordBatchDecoder {
    private readonly unpackr;
    decode(buffer: ArrayBuffer): DecodedBatch;
}
