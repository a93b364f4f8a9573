/**
 * LMDB keys of the on-disk backend: [table id: u16][key group: u16][state key (state-key-codec)].
 * Big-endian, so all entries of one table and key group are one contiguous range: a key group
 * is snapshotted, restored and iterated by a range scan.
 */
import { maxEncodedStateKeyLength, writeStateKey } from "../state-key-codec.js";
import type { StateKey } from "../state-key.js";
import { registerErrorClass, SluiceError } from "../../../errors/sluice-error.js";

export const PREFIX_LENGTH = 4;
/** LMDB's key size limit as compiled into the lmdb package. */
export const MAX_KEY_LENGTH = 1978;
export const MAX_TABLES = 0xffff;

export class StateKeyTooLongError extends SluiceError {}
registerErrorClass(StateKeyTooLongError);

/** The first key of (table, key group); the prefix of (table, key group + 1) ends the range. */
export function rangePrefix(tableId: number, keyGroup: number): Buffer {
  const b = Buffer.allocUnsafe(PREFIX_LENGTH);
  b.writeUInt16BE(tableId, 0);
  b.writeUInt16BE(keyGroup, 2);
  return b;
}

/** Writes the full key into `scratch` when it fits (hot path, no allocation), else into a new buffer. */
export function entryKey(tableId: number, keyGroup: number, key: StateKey, scratch?: Buffer): Buffer {
  const max = PREFIX_LENGTH + maxEncodedStateKeyLength(key);
  const target = scratch && scratch.length >= max ? scratch : Buffer.allocUnsafe(max);
  target.writeUInt16BE(tableId, 0);
  target.writeUInt16BE(keyGroup, 2);
  const end = writeStateKey(key, target, PREFIX_LENGTH);
  if (end > MAX_KEY_LENGTH) {
    throw new StateKeyTooLongError(`a state key of ${end - PREFIX_LENGTH} bytes is longer than the lmdb state backend allows (${MAX_KEY_LENGTH - PREFIX_LENGTH} bytes)`);
  }
  return target.subarray(0, end);
}
