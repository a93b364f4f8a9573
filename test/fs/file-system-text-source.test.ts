/**
 * readTextFile on s3:// (src/api/builtin/file-system-text-source.ts) against a real S3-protocol
 * server: the readers of every subtask together emit every line of every visible object under the
 * prefix exactly once (lines across range boundaries, CRLF, a last line without newline, empty
 * lines, multibyte characters), at several parallelisms; checkpointing the readers at random points
 * and restoring the pooled splits at another parallelism still gives every line once; a job on the
 * MiniCluster reads the prefix; an unreadable object fails the reader with the S3 error.
 */
import { readerOutput } from "../../src/testing/reader-output.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FileSystemTextSource, type FileSystemTextSplit } from "../../src/api/builtin/file-system-text-source.js";
import type { SourceReader } from "../../src/api/source.js";
import { configureFileSystems, fileSystemFor } from "../../src/fs/file-systems.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { uniqueName } from "./file-system-cases.js";

let server: S3Server;
const BUCKET = "text";

before(async () => {
  server = await startS3Server({ buckets: [BUCKET] });
  configureFileSystems(server.config);
});
after(async () => {
  await fileSystemFor(`s3://${BUCKET}/x`).close();
  await server?.stop();
});

/** Objects under a fresh prefix, and the lines a reader must emit (hidden objects excluded). */
async function writeObjects(): Promise<{ prefix: string; lines: string[] }> {
  const prefix = `s3://${BUCKET}/in-${uniqueName()}`;
  const fs = fileSystemFor(prefix);
  const lines: string[] = [];
  let random = 7;
  const next = (): number => (random = (random * 1103515245 + 12345) % 2 ** 31);
  for (let f = 0; f < 3; f++) {
    const fileLines: string[] = [];
    // Enough bytes for several ranges at parallelism 3 (ranges are at least 64 KiB).
    for (let i = 0; fileLines.join("\n").length < 150_000 + f * 40_000; i++) {
      const kind = next() % 10;
      fileLines.push(kind === 0 ? "" : kind === 1 ? `ü€-${f}-${i}` : `line ${f}-${i} ${"x".repeat(next() % 200)}`);
    }
    const crlf = f === 1;
    const body = fileLines.join(crlf ? "\r\n" : "\n") + (f === 2 ? "" : crlf ? "\r\n" : "\n");
    await fs.write(`${prefix}/part-${f}`, Buffer.from(body));
    lines.push(...fileLines);
  }
  await fs.write(`${prefix}/sub/deeper`, Buffer.from("deep one\ndeep two\n"));
  lines.push("deep one", "deep two");
  await fs.write(`${prefix}/.hidden`, Buffer.from("never\n"));
  await fs.write(`${prefix}/_SUCCESS`, Buffer.from("never\n"));
  return { prefix, lines: lines.sort() };
}

/** Polls a reader to its end; every `checkpointEvery` polls it may hand back its state instead. */
async function drain(reader: SourceReader<string, FileSystemTextSplit>, out: string[], stopAfterPolls = Infinity): Promise<FileSystemTextSplit[] | undefined> {
  for (let polls = 0; ; polls++) {
    if (polls >= stopAfterPolls) return reader.snapshotState();
    const status = reader.pollNext(readerOutput((l) => out.push(l)));
    if (status === "end-of-input") return undefined;
    if (status === "nothing-available") await reader.isAvailable();
  }
}

describe("readTextFile on s3://", () => {
  it("every subtask's reader together emit every visible line once, at parallelism 1, 2 and 3", async () => {
    const { prefix, lines } = await writeObjects();
    for (const parallelism of [1, 2, 3]) {
      const source = new FileSystemTextSource(prefix);
      const out: string[] = [];
      for (let s = 0; s < parallelism; s++) await drain(source.createReader({ subtaskIndex: s, parallelism }), out);
      assert.deepEqual(out.sort(), lines, `parallelism ${parallelism}`);
    }
  });

  it("checkpointed at random points and restored at another parallelism, every line is emitted once", async () => {
    const { prefix, lines } = await writeObjects();
    const source = new FileSystemTextSource(prefix);
    const out: string[] = [];
    // Two readers run part-way (one is checkpointed before it even listed), then their splits are pooled…
    const pooled: FileSystemTextSplit[] = [];
    for (const [s, polls] of [
      [0, 0],
      [1, 37],
    ] as const) {
      const state = await drain(source.createReader({ subtaskIndex: s, parallelism: 2 }), out, polls);
      pooled.push(...(state ?? []));
    }
    // … and dealt out to three new readers, as a restore at parallelism 3 does.
    for (let s = 0; s < 3; s++) {
      const reader = source.createReader({ subtaskIndex: s, parallelism: 3 });
      reader.restoreState!(pooled.filter((_, i) => i % 3 === s));
      await drain(reader, out);
    }
    assert.deepEqual(out.sort(), lines);
  });

  it("a job reads the prefix on the MiniCluster", async () => {
    const { prefix, lines } = await writeObjects();
    const result = await runJob(testJob("read-text-file.ts"), { args: [prefix, "2"], config: server.config });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.deepEqual((result.records as string[]).sort(), lines);
  });

  it("a missing bucket fails the reader with the S3 error", async () => {
    const reader = new FileSystemTextSource("s3://absent/in").createReader({ subtaskIndex: 0, parallelism: 1 });
    await assert.rejects(drain(reader, []), /the bucket "absent" does not exist/);
  });
});
