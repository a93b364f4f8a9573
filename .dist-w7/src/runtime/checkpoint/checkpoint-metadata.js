/**
 * The checkpoint's `_metadata`: which file holds which subtask's state of which operator (by uid),
 * with file names relative to the metadata's folder, so a savepoint folder can be moved.
 */
export const METADATA_FILE = "_metadata";
//# sourceMappingURL=checkpoint-metadata.js.map