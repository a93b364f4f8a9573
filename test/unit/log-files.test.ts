/**
 * A process's logs as LogFiles serves them (src/cluster/logs/log-files.ts): the log directory, the
 * process's own log and stdout files wherever they are, the in-memory log as a fallback, the end of
 * a log for RPC answers, and names that try to leave the directory. And stdioFile
 * (src/util/stdio-files.ts) finding where a real child process's stdout was redirected.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LogFiles } from "../../src/cluster/logs/log-files.js";
import { LogBuffer, Logger } from "../../src/util/logger.js";

test("the directory's files, the process's log and stdout outside it, the memory log, and tails", async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "sluice-log-files-")));
  const dir = join(root, "logs");
  const elsewhere = join(root, "elsewhere");
  mkdirSync(dir);
  mkdirSync(elsewhere);
  writeFileSync(join(dir, "a.log"), "first\n");
  writeFileSync(join(root, "secret.txt"), "not a log\n");
  const main = join(elsewhere, "tm-1.log");
  const out = join(elsewhere, "tm-1.out");
  writeFileSync(main, "x".repeat(100) + "END\n");
  writeFileSync(out, "printed\n");
  const buffer = new LogBuffer();
  new Logger(buffer.sink, "test").info("in memory");
  const logs = new LogFiles(dir, buffer, { memoryName: "taskmanager.log", mainFile: main, stdoutFile: out });

  assert.deepEqual(logs.list().map((f) => f.name).sort(), ["a.log", "taskmanager.log", "tm-1.log", "tm-1.out"]);
  assert.deepEqual(logs.tail({ main: "stdout" }, 1000), { text: "printed\n", omittedBytes: 0 });
  assert.deepEqual(logs.tail({ main: "log" }, 4), { text: "END\n", omittedBytes: 100 });
  assert.deepEqual(logs.tail({ file: "a.log" }, 1000), { text: "first\n", omittedBytes: 0 });
  assert.match(logs.tail({ file: "taskmanager.log" }, 1000)!.text, /INFO  test: in memory/);
  assert.equal(logs.tail({ file: "../secret.txt" }, 1000), undefined);
  assert.equal(logs.open("../secret.txt"), undefined);
  assert.equal(logs.tail({ file: "missing.log" }, 1000), undefined);

  // Without files, the main log is the memory log and there is no stdout.
  const memoryOnly = new LogFiles(undefined, buffer, { memoryName: "taskmanager.log" });
  assert.match(memoryOnly.tail({ main: "log" }, 1000)!.text, /in memory/);
  assert.equal(memoryOnly.tail({ main: "stdout" }, 1000), undefined);
  assert.equal(memoryOnly.stdout(), undefined);
});

test("stdioFile finds the file a child process's stdout is redirected to, and nothing for a pipe", () => {
  const file = join(realpathSync(mkdtempSync(join(tmpdir(), "sluice-stdio-"))), "child.out");
  const module = fileURLToPath(new URL("../../src/util/stdio-files.js", import.meta.url));
  const script = `import(${JSON.stringify(module)}).then((m) => console.log("stdout is " + m.stdioFile(1)))`;
  const fd = openSync(file, "w");
  try {
    const r = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", fd, "inherit"] });
    assert.equal(r.status, 0);
  } finally {
    closeSync(fd);
  }
  assert.equal(readFileSync(file, "utf8").trim(), `stdout is ${file}`);
  const piped = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(piped.stdout.trim(), "stdout is undefined");
});
