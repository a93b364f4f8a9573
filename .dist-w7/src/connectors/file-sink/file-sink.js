/**
 * An exactly-once file sink on the two-phase-commit base (Flink's FileSink in row format with
 * roll-on-checkpoint): each transaction is one part file per subtask, written as in-progress,
 * closed as pending when the barrier passes, renamed to its committed name when the checkpoint
 * completes (part-file-names.ts). A transaction without records creates no file.
 *
 * Every file of one sink lives directly in its directory; two sinks must not share a directory,
 * because part file names only carry the subtask and a sequence number.
 *
 * I/O is synchronous on purpose: the task's thread writes as the records come (like the text
 * file sink), and renames are cheap; no other task shares the worker thread's work with it.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parsePartFileName, partFileName } from "./part-file-names.js";
/** Strings as they are, anything else as JSON; one line per record. */
export function defaultRowEncoder(value) {
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    return `${text}\n`;
}
export class FileSink {
    dir;
    encoder;
    constructor(dir, encoder) {
        this.dir = dir;
        this.encoder = encoder;
    }
    /** Rows encoded one by one into part files under `dir` (default encoder: defaultRowEncoder). */
    static forRowFormat(dir, encoder = defaultRowEncoder) {
        if (!dir)
            throw new Error("FileSink needs a directory");
        return new FileSink(dir, encoder);
    }
    createTransactionalWriter(ctx) {
        return new FileSinkWriter(this.dir, ctx.subtaskIndex, this.encoder);
    }
}
const FLUSH_BYTES = 64 * 1024;
class FileSinkWriter {
    dir;
    subtask;
    encoder;
    nextPart = 0;
    file;
    constructor(dir, subtask, encoder) {
        this.dir = dir;
        this.subtask = subtask;
        this.encoder = encoder;
    }
    recover({ toCommit, ownedSubtasks }) {
        mkdirSync(this.dir, { recursive: true });
        for (const txn of toCommit)
            this.commit(txn);
        const owned = new Set(ownedSubtasks);
        for (const name of readdirSync(this.dir)) {
            const part = parsePartFileName(name);
            if (!part)
                continue;
            // In-progress and pending files that no checkpoint named: records the replay writes again.
            if (part.state !== "committed" && owned.has(part.subtask))
                rmSync(join(this.dir, name), { force: true });
            // Numbering goes on after the committed files, so a commit never replaces one.
            if (part.state === "committed" && part.subtask === this.subtask)
                this.nextPart = Math.max(this.nextPart, part.part + 1);
        }
        syncDirectory(this.dir);
    }
    beginTransaction() {
        return { subtask: this.subtask, part: null };
    }
    write(txn, value) {
        const file = this.file?.txn === txn ? this.file : this.openPartFile(txn);
        const encoded = this.encoder(value);
        const bytes = typeof encoded === "string" ? Buffer.from(encoded) : encoded;
        file.chunks.push(bytes);
        file.bytes += bytes.byteLength;
        if (file.bytes >= FLUSH_BYTES)
            flushChunks(file);
    }
    preCommit(txn) {
        if (txn.part === null)
            return;
        const file = this.file;
        if (!file || file.txn.part !== txn.part)
            throw new Error(`part file ${txn.part} of subtask ${txn.subtask} is not open`);
        this.file = undefined;
        flushChunks(file);
        fsyncSync(file.fd);
        closeSync(file.fd);
        renameSync(this.path(txn, "inprogress"), this.path(txn, "pending"));
        syncDirectory(this.dir);
    }
    commit(txn) {
        if (txn.part === null)
            return;
        const pending = this.path(txn, "pending");
        const committed = this.path(txn, "committed");
        if (existsSync(pending)) {
            if (existsSync(committed))
                throw new Error(`cannot commit ${pending}: ${committed} already exists`);
            renameSync(pending, committed);
            syncDirectory(this.dir);
        }
        else if (!existsSync(committed)) {
            // Neither name: the pre-committed data is gone, and pretending success would lose it.
            throw new Error(`cannot commit part file ${committed}: its pending file ${pending} is missing`);
        }
    }
    abort(txn) {
        if (txn.part === null)
            return;
        if (this.file && this.file.txn.part === txn.part && this.file.txn.subtask === txn.subtask) {
            closeQuietly(this.file.fd);
            this.file = undefined;
        }
        rmSync(this.path(txn, "inprogress"), { force: true });
        rmSync(this.path(txn, "pending"), { force: true });
    }
    close() {
        // An open part file stays in progress; the next start's recovery deletes it.
        if (this.file)
            closeQuietly(this.file.fd);
        this.file = undefined;
    }
    openPartFile(txn) {
        if (this.file)
            throw new Error(`part file ${this.file.txn.part} is still open: one transaction at a time`);
        if (txn.part !== null)
            throw new Error(`part file ${txn.part} of subtask ${txn.subtask} was already closed`);
        txn.part = this.nextPart++;
        // "wx": a name is never reused; recovery removed every earlier in-progress file of ours.
        const fd = openSync(this.path(txn, "inprogress"), "wx");
        this.file = { txn, fd, chunks: [], bytes: 0 };
        return this.file;
    }
    path(txn, state) {
        return join(this.dir, partFileName(txn.subtask, txn.part, state));
    }
}
function flushChunks(file) {
    if (file.bytes === 0)
        return;
    const data = file.chunks.length === 1 ? file.chunks[0] : Buffer.concat(file.chunks);
    let offset = 0;
    while (offset < data.byteLength)
        offset += writeSync(file.fd, data, offset);
    file.chunks = [];
    file.bytes = 0;
}
/** Makes renames and deletions in `dir` durable (POSIX: fsync of the directory). */
function syncDirectory(dir) {
    const fd = openSync(dir, "r");
    try {
        fsyncSync(fd);
    }
    finally {
        closeSync(fd);
    }
}
function closeQuietly(fd) {
    try {
        closeSync(fd);
    }
    catch {
        // already closed
    }
}
//# sourceMappingURL=file-sink.js.map