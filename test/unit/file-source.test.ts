/**
 * FileSource's enumerator and readers without a cluster (docs/connectors.md, "Files"): a large file
 * is cut into one block per reader, small files are one split each; readers ask for splits when they
 * run out and end once told there are no more; a reader's position resumes mid-block.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource, type FileSplit } from "../../src/api/builtin/file-source.js";
import type { ReaderInfo, SourceReader, SplitEnumeratorContext } from "../../src/api/source.js";

function enumeratorContext(parallelism: number, assigned: Map<number, FileSplit[]>, ended: Set<number>): SplitEnumeratorContext<FileSplit> {
  const readers = new Map<number, ReaderInfo>(Array.from({ length: parallelism }, (_, i) => [i, { subtaskIndex: i, location: "here" }]));
  return {
    currentParallelism: parallelism,
    registeredReaders: () => readers,
    assignSplits: () => assert.fail("FileSource assigns one split at a time"),
    assignSplit: (split, subtask) => assigned.set(subtask, [...(assigned.get(subtask) ?? []), split]),
    signalNoMoreSplits: (subtask) => void ended.add(subtask),
    sendEventToSourceReader: () => {},
    callAsync: () => assert.fail("a bounded FileSource does not discover periodically"),
    failJob: (cause) => assert.fail(String(cause)),
  };
}

/** Reads everything a reader can until it needs a split, and whether it said end-of-input. */
function drain(reader: SourceReader<string, FileSplit>, into: string[]): "needs-split" | "ended" {
  for (;;) {
    const status = reader.pollNext({ collect: (l) => void into.push(l) });
    if (status === "end-of-input") return "ended";
    if (status === "nothing-available") return "needs-split";
  }
}

test("a large file becomes one block per reader, small files one split each; together the readers read every line once", () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-filesource-"));
  const big = Array.from({ length: 20_000 }, (_, i) => `big ${i} ${"é".repeat(i % 9)}`);
  writeFileSync(join(dir, "a-big.txt"), big.join("\n") + "\n");
  writeFileSync(join(dir, "b-small.txt"), "s1\ns2\n");
  writeFileSync(join(dir, ".hidden"), "never\n");
  const source = FileSource.forTextLines(dir).build();
  const assigned = new Map<number, FileSplit[]>();
  const ended = new Set<number>();
  const enumerator = source.createEnumerator(enumeratorContext(3, assigned, ended));
  enumerator.start();
  assert.deepEqual(enumerator.snapshotState(1).pending.map((s) => `${s.path.slice(dir.length + 1)}#${s.block}/${s.blocks}`), ["a-big.txt#0/3", "a-big.txt#1/3", "a-big.txt#2/3", "b-small.txt#0/1"]);

  const lines: string[] = [];
  const requests: number[] = [];
  const readers = [0, 1, 2].map((i) => source.createReader({ subtaskIndex: i, parallelism: 3, sendSplitRequest: () => void requests.push(i) }));
  for (let round = 0; round < 4; round++) {
    readers.forEach((reader, i) => {
      if (drain(reader, lines) === "ended") return;
      const before = assigned.get(i)?.length ?? 0;
      enumerator.handleSplitRequest(i);
      const now = assigned.get(i) ?? [];
      if (now.length > before) reader.addSplits!(now.slice(before));
      else if (ended.has(i)) reader.notifyNoMoreSplits!();
    });
  }
  assert.deepEqual([...ended].sort(), [0, 1, 2], "every reader was told there are no more splits");
  assert.deepEqual(readers.map((r) => drain(r, lines)), ["ended", "ended", "ended"]);
  assert.deepEqual([...lines].sort(), [...big, "s1", "s2"].sort());
  assert.ok(assigned.get(0)!.length >= 1 && assigned.get(1)!.length >= 1 && assigned.get(2)!.length >= 1, "each reader got a block");
});

test("a reader's position resumes mid-block after a restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-filesource-"));
  const all = Array.from({ length: 1000 }, (_, i) => `l${i}`);
  writeFileSync(join(dir, "f.txt"), all.join("\n") + "\n");
  const source = FileSource.forTextLines(dir).build();
  const first = source.createReader({ subtaskIndex: 0, parallelism: 1, sendSplitRequest: () => {} });
  first.addSplits!([{ path: join(dir, "f.txt"), block: 0, blocks: 1 }]);
  const read: string[] = [];
  for (let i = 0; i < 300; i++) first.pollNext({ collect: (l) => void read.push(l) });
  const state = JSON.parse(JSON.stringify(first.snapshotState(1))) as FileSplit[];
  const second = source.createReader({ subtaskIndex: 0, parallelism: 1, sendSplitRequest: () => {} });
  second.restoreState!(state);
  second.notifyNoMoreSplits!();
  assert.equal(drain(second, read), "ended");
  assert.deepEqual(read, all);
});
