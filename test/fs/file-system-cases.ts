/**
 * What every file system must do (src/fs/file-system.ts). Each implementation's test file runs
 * these against its own file system and a fresh directory, so `file://` and `s3://` cannot drift
 * apart.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { FileNotFoundError, joinUri, type FileSystem } from "../../src/fs/file-system.js";

export interface FileSystemUnderTest {
  fs: FileSystem;
  /** A fresh directory URI for one test. */
  newDir(): string;
  /** Files begun by the recoverable writer and neither committed nor aborted (as the storage itself sees them). */
  openPendingCount(dir: string): Promise<number>;
}

export function uniqueName(): string {
  return randomUUID().slice(0, 8);
}

export function defineFileSystemCases(subject: () => FileSystemUnderTest): void {
  describe("files", () => {
    it("writes, reads whole and by range, stats and deletes", async () => {
      const { fs, newDir } = subject();
      const uri = joinUri(newDir(), "a", "b.bin");
      const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
      await fs.write(uri, data);
      assert.deepEqual(await fs.read(uri), data);
      assert.deepEqual(await fs.readRange(uri, 10, 20), data.subarray(10, 20));
      assert.deepEqual(await fs.readRange(uri, 990, 2000), data.subarray(990));
      assert.equal((await fs.readRange(uri, 1000, 1100)).length, 0);
      assert.deepEqual(await fs.stat(uri), { uri, size: 1000 });
      await fs.write(uri, Buffer.from("replaced"));
      assert.equal((await fs.read(uri)).toString(), "replaced");
      await fs.delete(uri);
      assert.equal(await fs.stat(uri), undefined);
      await fs.delete(uri); // absent: no error
    });

    it("reading a missing file is FileNotFoundError; stat says undefined", async () => {
      const { fs, newDir } = subject();
      const uri = joinUri(newDir(), "missing");
      await assert.rejects(fs.read(uri), FileNotFoundError);
      await assert.rejects(fs.readRange(uri, 0, 10), FileNotFoundError);
      assert.equal(await fs.stat(uri), undefined);
    });

    it("lists every file below a directory, at any depth, sorted, and not those of a sibling with the same prefix", async () => {
      const { fs, newDir } = subject();
      const dir = newDir();
      await fs.write(joinUri(dir, "x", "2"), Buffer.from("22"));
      await fs.write(joinUri(dir, "x", "1"), Buffer.from("1"));
      await fs.write(joinUri(dir, "x", "deep", "3"), Buffer.from("333"));
      await fs.write(joinUri(dir, "xy", "4"), Buffer.from("4"));
      const listed = await fs.list(joinUri(dir, "x"));
      assert.deepEqual(listed, [
        { uri: joinUri(dir, "x", "1"), size: 1 },
        { uri: joinUri(dir, "x", "2"), size: 2 },
        { uri: joinUri(dir, "x", "deep", "3"), size: 3 },
      ]);
      assert.deepEqual(await fs.list(joinUri(dir, "nothing")), []);
      assert.equal(await fs.stat(joinUri(dir, "x")), undefined, "a directory is not a file");
    });

    it("deletes a directory recursively and leaves its siblings", async () => {
      const { fs, newDir } = subject();
      const dir = newDir();
      for (let i = 0; i < 5; i++) await fs.write(joinUri(dir, "gone", `sub${i % 2}`, `f${i}`), Buffer.from([i]));
      await fs.write(joinUri(dir, "kept", "f"), Buffer.from("k"));
      await fs.deleteRecursive(joinUri(dir, "gone"));
      assert.deepEqual(await fs.list(joinUri(dir, "gone")), []);
      assert.equal((await fs.list(dir)).length, 1);
      await fs.deleteRecursive(joinUri(dir, "gone")); // absent: no error
    });
  });

  describe("recoverable writer", () => {
    const payload = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));

    it("a file is invisible until committed, then has all its bytes; commit again is a no-op", async () => {
      const { fs, newDir, openPendingCount } = subject();
      const dir = newDir();
      const target = joinUri(dir, "part-0-0");
      const out = fs.recoverableWriter().open(target);
      const data = payload(12 * 1024 * 1024 + 3); // several parts on S3
      for (let i = 0; i < data.length; i += 100_000) {
        out.write(data.subarray(i, i + 100_000));
        if (out.isBackpressured) await out.whenWritable();
      }
      assert.equal(out.position, data.length);
      const committable = await out.closeForCommit();
      assert.deepEqual((await fs.list(dir)).filter((f) => !f.uri.split("/").pop()!.startsWith(".")), [], "nothing visible before commit");
      assert.equal(await fs.stat(target), undefined);
      // The committable is plain data: it survives a checkpoint.
      const restored = JSON.parse(JSON.stringify(committable));
      await fs.recoverableWriter().commit(restored);
      assert.ok((await fs.read(target)).equals(data));
      await fs.recoverableWriter().commit(restored);
      assert.equal(await openPendingCount(dir), 0);
    });

    it("aborting discards the data, open or pre-committed, and is idempotent", async () => {
      const { fs, newDir, openPendingCount } = subject();
      const dir = newDir();
      const open = fs.recoverableWriter().open(joinUri(dir, "open"));
      open.write(payload(100));
      await open.abort();
      const closed = fs.recoverableWriter().open(joinUri(dir, "closed"));
      closed.write(payload(100));
      const committable = await closed.closeForCommit();
      await fs.recoverableWriter().abort(committable);
      await fs.recoverableWriter().abort(committable);
      assert.deepEqual(await fs.list(dir), []);
      assert.equal(await openPendingCount(dir), 0);
      await assert.rejects(fs.recoverableWriter().commit(committable), /cannot commit/);
    });

    it("finds what a crashed writer left, for its owner to abort", async () => {
      const { fs, newDir, openPendingCount } = subject();
      const dir = newDir();
      const writer = fs.recoverableWriter();
      const inProgress = writer.open(joinUri(dir, "part-1-0"));
      inProgress.write(payload(10));
      await inProgress.whenWritable();
      const pending = writer.open(joinUri(dir, "part-1-1"));
      pending.write(payload(10));
      await pending.closeForCommit();
      const other = writer.open(joinUri(dir, "part-2-0"));
      other.write(payload(10));
      await other.closeForCommit();
      // The crash: nobody aborts or commits; a new writer looks for leftovers of subtask 1 only.
      const found = await fs.recoverableWriter().abandoned(dir, (name) => name.startsWith("part-1-"));
      assert.deepEqual(found.map((c) => c.target).sort(), [joinUri(dir, "part-1-0"), joinUri(dir, "part-1-1")]);
      for (const c of found) await fs.recoverableWriter().abort(c);
      assert.equal(await openPendingCount(dir), 1, "only the other subtask's file is still pending");
      assert.deepEqual(await fs.list(dir).then((l) => l.filter((f) => !f.uri.split("/").pop()!.startsWith("."))), []);
    });
  });
}
