/**
 * The type-level suite (issue 20 item 11): test/types/cases/ compiled by tsc with the project's
 * strict settings. accepted-job.ts must compile cleanly; every `@ts-expect-error` in
 * rejected-mistakes.ts must meet an error (tsc reports unused directives), and — so that no
 * directive is satisfied by an unrelated error elsewhere — with the directives removed, tsc must
 * report an error on exactly the lines they marked.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../../..");
// typescript exports only its API; the compiler script sits beside the package.json.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "lib/tsc.js");

function compile(project: string): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", project], { cwd: root, encoding: "utf8", timeout: 90_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

test("the cases compile: the correct job cleanly, every marked mistake rejected", () => {
  const r = compile("test/types/tsconfig.json");
  assert.ok(r.ok, r.output);
});

test("each @ts-expect-error marks the line of its own mistake", () => {
  const source = readFileSync(join(root, "test/types/cases/rejected-mistakes.ts"), "utf8").split("\n");
  const marked: number[] = [];
  const stripped = source.map((line, i) => {
    if (!/\/\/ @ts-expect-error/.test(line)) return line;
    marked.push(i + 2); // 1-based number of the line after the directive
    return "";
  });
  assert.ok(marked.length >= 14, `the suite rejects at least the mistakes of issue 20: ${marked.length}`);
  const dir = mkdtempSync(join(tmpdir(), "sluice-types-"));
  try {
    writeFileSync(join(dir, "stripped.ts"), stripped.join("\n"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: join(root, "tsconfig.json"), compilerOptions: { noEmit: true, rootDir: "/", typeRoots: [join(root, "node_modules/@types")] }, files: ["stripped.ts"], include: [] }));
    const r = compile(join(dir, "tsconfig.json"));
    assert.equal(r.ok, false);
    const errorLines = new Set([...r.output.matchAll(/stripped\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
    assert.deepEqual([...errorLines].sort((a, b) => a - b), marked, r.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
