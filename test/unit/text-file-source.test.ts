/**
 * readTextFile: subtasks split the file by byte ranges; together they read every line exactly once
 * (long lines, empty lines, CRLF, no trailing newline, multibyte UTF-8 cut by a range boundary),
 * and a reader resumes exactly from its position.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { TextFileSource } from "../../src/api/builtin/text-file-source.js";
import { drain, readParallel } from "./support/sources.js";
import { mulberry32, randomInt } from "./support/random.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-text-source-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function writeTemp(content: string): string {
  const path = join(dir, `f${fileNo++}.txt`);
  writeFileSync(path, content);
  return path;
}

/** The reference: the file's lines, as a plain split gives them. */
function referenceLines(path: string): string[] {
  const text = readFileSync(path, "utf8");
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

const PIECES = ["a", "word", " ", "é", "€", "😀", "日本", "\t", "x".repeat(50)];

function randomLine(rnd: () => number, maxPieces: number): string {
  let s = "";
  const n = randomInt(rnd, 0, maxPieces);
  for (let i = 0; i < n; i++) s += PIECES[randomInt(rnd, 0, PIECES.length - 1)];
  return s;
}

function randomFile(rnd: () => number, lines: number, maxPieces: number): string {
  let text = "";
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    const line = r < 0.15 ? "" : randomLine(rnd, maxPieces);
    text += line + (i === lines - 1 && rnd() < 0.5 ? "" : rnd() < 0.3 ? "\r\n" : "\n");
  }
  return text;
}

function checkSplits(path: string, what: string): void {
  const expected = referenceLines(path);
  for (let p = 1; p <= 5; p++) {
    const parts = readParallel(new TextFileSource(path), p);
    assert.deepEqual(parts.flat(), expected, `${what} at p ${p}`);
  }
}

test("small random files with multibyte characters: the union over subtasks is the file's lines", () => {
  const rnd = mulberry32(11);
  for (let i = 0; i < 150; i++) checkSplits(writeTemp(randomFile(rnd, randomInt(rnd, 0, 12), 6)), `file ${i}`);
});

test("edge cases: empty file, only newlines, no trailing newline, CRLF, a single multibyte character", () => {
  for (const content of ["", "\n", "\n\n\n", "a", "a\nb", "a\r\nb\r\n", "\r\n", "😀", "😀\n😀", "€€€€€€€€\n", "\n😀", "line\n\nline\n\n"]) {
    checkSplits(writeTemp(content), JSON.stringify(content));
  }
});

test("long lines across read chunks", () => {
  const rnd = mulberry32(12);
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) lines.push(i % 5 === 0 ? "" : "é😀x".repeat(randomInt(rnd, 0, 40_000)));
  const path = writeTemp(lines.join("\r\n"));
  checkSplits(path, "long lines");
  checkSplits(writeTemp(randomFile(rnd, 3000, 60)), "many lines");
});

test("snapshotState/restoreState resumes exactly, in a new reader and in the same one", () => {
  const rnd = mulberry32(13);
  const path = writeTemp(randomFile(rnd, 40, 8) + "€".repeat(30_000) + "\n" + randomFile(rnd, 40, 8));
  const source = new TextFileSource(path);
  for (let p = 1; p <= 3; p++) {
    for (let s = 0; s < p; s++) {
      const ctx = { parallelism: p, subtaskIndex: s };
      const fullReader = source.createReader(ctx);
      const full = drain(fullReader).records;
      void fullReader.close?.();
      for (let k = 0; k <= full.length; k += 3) {
        const first = source.createReader(ctx);
        const head = k === 0 ? [] : drain(first, k).records;
        const position = structuredClone(first.snapshotState());
        // Read on, then go back to the position (what a restore after a failure does).
        drain(first, 5);
        first.restoreState!(position);
        assert.deepEqual([...head, ...drain(first).records], full, `same reader, p ${p} subtask ${s} after ${k}`);
        void first.close?.();
        const second = source.createReader(ctx);
        second.restoreState!(position);
        assert.deepEqual([...head, ...drain(second).records], full, `new reader, p ${p} subtask ${s} after ${k}`);
        void second.close?.();
      }
    }
  }
});
