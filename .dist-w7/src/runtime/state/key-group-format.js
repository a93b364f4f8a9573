/**
 * The bytes of one key group in a checkpoint. Two layouts, and every backend reads both, so a
 * savepoint taken on one backend resumes on the other:
 *
 * - object tables (heap backend): v8.serialize({ [table]: [[stateKey, value], ...] }); starts
 *   with v8's version tag 0xFF. One serializer call per key group keeps heap snapshots fast.
 * - serialized entries (LMDB backend): "SKG1", then per table: u16 name length, name (UTF-8),
 *   u32 entry count, and per entry: u16 key length, key (state-key-codec), u32 value length,
 *   value (v8.serialize of the value). The LMDB backend stores keys and values in exactly these
 *   encodings, so it snapshots and restores by copying bytes, without deserializing values.
 */
import { deserialize } from "node:v8";
const MAGIC = Buffer.from("SKG1", "latin1");
const V8_VERSION_TAG = 0xff;
const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;
/** Calls the visitor for every entry of a key group's bytes, in either layout. */
export function visitKeyGroup(bytes, visitor) {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf[0] === V8_VERSION_TAG) {
        const tables = deserialize(buf);
        for (const [name, entries] of Object.entries(tables))
            for (const [k, v] of entries)
                visitor.object(name, k, v);
        return;
    }
    if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC))
        throw new Error("unknown key group layout in checkpoint");
    let pos = MAGIC.length;
    while (pos < buf.length) {
        const nameLength = buf.readUInt16BE(pos);
        const name = buf.toString("utf8", pos + 2, pos + 2 + nameLength);
        pos += 2 + nameLength;
        const count = buf.readUInt32BE(pos);
        pos += 4;
        for (let i = 0; i < count; i++) {
            const keyLength = buf.readUInt16BE(pos);
            const key = buf.subarray(pos + 2, pos + 2 + keyLength);
            pos += 2 + keyLength;
            const valueLength = buf.readUInt32BE(pos);
            const value = buf.subarray(pos + 4, pos + 4 + valueLength);
            pos += 4 + valueLength;
            visitor.serialized(name, key, value);
        }
    }
    if (pos !== buf.length)
        throw new Error("truncated key group in checkpoint");
}
/** Builds one serialized-entries key group; appends into large chunks to avoid per-entry buffers. */
export class SerializedKeyGroupWriter {
    chunks = [];
    chunk;
    pos = 0;
    /** The table whose header is written with its first entry (empty tables leave no trace). */
    pendingTable;
    /** Where the open table's entry count goes: a fixed-size field never spans chunks. */
    countChunk;
    countAt = 0;
    count = 0;
    entries = 0;
    constructor() {
        this.chunk = Buffer.allocUnsafe(FIRST_CHUNK);
        this.write(MAGIC);
    }
    beginTable(name) {
        this.endTable();
        this.pendingTable = name;
    }
    add(key, value) {
        if (this.pendingTable !== undefined)
            this.writeTableHeader(this.pendingTable);
        this.ensure(2);
        this.pos = this.chunk.writeUInt16BE(key.length, this.pos);
        this.write(key);
        this.ensure(4);
        this.pos = this.chunk.writeUInt32BE(value.length, this.pos);
        this.write(value);
        this.count++;
        this.entries++;
    }
    /** The key group's bytes, or undefined when no table had entries. */
    finish() {
        this.endTable();
        if (this.entries === 0)
            return undefined;
        this.chunks.push(this.chunk.subarray(0, this.pos));
        // An exact-size copy: a view would keep its whole chunk alive as long as the checkpoint.
        return Buffer.concat(this.chunks);
    }
    writeTableHeader(name) {
        this.pendingTable = undefined;
        const nameBytes = Buffer.from(name, "utf8");
        this.ensure(2);
        this.pos = this.chunk.writeUInt16BE(nameBytes.length, this.pos);
        this.write(nameBytes);
        this.ensure(4);
        this.countChunk = this.chunk;
        this.countAt = this.pos;
        this.pos += 4;
        this.count = 0;
    }
    endTable() {
        this.pendingTable = undefined;
        if (!this.countChunk)
            return;
        this.countChunk.writeUInt32BE(this.count, this.countAt);
        this.countChunk = undefined;
    }
    write(bytes) {
        let offset = 0;
        while (offset < bytes.length) {
            if (this.pos === this.chunk.length)
                this.nextChunk(0);
            const n = Math.min(bytes.length - offset, this.chunk.length - this.pos);
            this.chunk.set(bytes.subarray(offset, offset + n), this.pos);
            this.pos += n;
            offset += n;
        }
    }
    ensure(n) {
        if (this.chunk.length - this.pos < n)
            this.nextChunk(n);
    }
    nextChunk(min) {
        this.chunks.push(this.chunk.subarray(0, this.pos));
        this.chunk = Buffer.allocUnsafe(Math.max(Math.min(this.chunk.length * 2, MAX_CHUNK), min));
        this.pos = 0;
    }
}
//# sourceMappingURL=key-group-format.js.map