/**
 * Byte encoding of HA payloads for files in the storage directory, and copying for the in-memory
 * stores. A one-byte tag keeps the form (bytes or JSON) so that `get` returns what `put` was given.
 */
import type { HaPayload } from "./interface.js";
export declare function encodePayload(payload: HaPayload): Uint8Array;
export declare function decodePayload(encoded: Uint8Array): HaPayload;
/** A deep copy, so that a caller mutating its object after `put` cannot change what is stored. */
export declare function copyPayload(payload: HaPayload): HaPayload;
