/**
 * Byte encoding of HA payloads for files in the storage directory, and copying for the in-memory
 * stores. A one-byte tag keeps the form (bytes or JSON) so that `get` returns what `put` was given.
 */
import { HighAvailabilityError, type HaPayload } from "./interface.js";

const TAG_BYTES = 0;
const TAG_JSON = 1;

export function encodePayload(payload: HaPayload): Uint8Array {
  if (payload instanceof Uint8Array) {
    const out = new Uint8Array(payload.byteLength + 1);
    out[0] = TAG_BYTES;
    out.set(payload, 1);
    return out;
  }
  const json = Buffer.from(JSON.stringify(payload), "utf8");
  const out = new Uint8Array(json.byteLength + 1);
  out[0] = TAG_JSON;
  out.set(json, 1);
  return out;
}

export function decodePayload(encoded: Uint8Array): HaPayload {
  if (encoded.byteLength === 0) throw new HighAvailabilityError("empty HA payload: the HA storage was changed by something other than Sluice");
  const body = encoded.subarray(1);
  switch (encoded[0]) {
    case TAG_BYTES:
      // A fresh copy, detached from any larger buffer that the read may have used.
      return new Uint8Array(body);
    case TAG_JSON:
      return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")) as HaPayload;
    default:
      throw new HighAvailabilityError(`unknown HA payload tag ${encoded[0]}: written by a newer Sluice version, or changed by something other than Sluice`);
  }
}

/** A deep copy, so that a caller mutating its object after `put` cannot change what is stored. */
export function copyPayload(payload: HaPayload): HaPayload {
  if (payload instanceof Uint8Array) return new Uint8Array(payload);
  return decodePayload(encodePayload(payload));
}
