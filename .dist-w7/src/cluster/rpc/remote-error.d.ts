export interface SerializedError {
    name: string;
    message: string;
    stack?: string;
    /** Node-style error codes (ENOENT, …) are worth keeping: callers branch on them. */
    code?: string | number;
}
export declare function serializeError(thrown: unknown): SerializedError;
/** True for plain data that looks like a SerializedError (used to validate decoded frames). */
export declare function isSerializedError(value: unknown): value is SerializedError;
/**
 * Rebuilds an error thrown at `where` (e.g. `tcp://10.0.0.2:6123 jobmaster.offerSlots`). The stack is
 * the remote one followed by a marker frame, so a log reader sees at once that it happened remotely.
 */
export declare function deserializeError(data: SerializedError, where: string): Error;
