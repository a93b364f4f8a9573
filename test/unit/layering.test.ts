/**
 * No import runs up the layers (docs/architecture.md, "Layers"). The test reads every `.ts` file of
 * `src/` from the source tree, resolves its relative imports (`import`, `import type`, `export … from`,
 * `import("…")`: a type import is a design dependency like any other) and fails on each import from a
 * lower layer to a higher one. Bare specifiers (node:*, npm packages) are outside the layering; the
 * public package's own name, "sluice", is how the runtime hands the public API to a user's bundle,
 * which sits above every layer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Low to high. A file belongs to the layer with the longest folder prefix that contains it; a file may
 * import its own layer and the layers listed before it, never one listed after it.
 */
const LAYERS: ReadonlyArray<{ layer: string; folders: readonly string[]; why: string }> = [
  { layer: "errors", folders: ["errors"], why: "the failure model every other layer raises and rebuilds errors with" },
  { layer: "config", folders: ["config"], why: "configuration parsing and the typed options every component declares" },
  { layer: "util", folders: ["util", "version.ts"], why: "clocks, ids, logging, hashing: no knowledge of streams or clusters (logging declares its options)" },
  { layer: "fs", folders: ["fs"], why: "file systems behind one interface (file://, s3://) for everything that writes durable files" },
  { layer: "graph", folders: ["graph"], why: "the dataflow model (stream graph, job graph, key groups) that the API builds and the runtime executes" },
  { layer: "api", folders: ["api"], why: "what users write against: DataStream API, function and state contracts, the built-in sources and sinks it constructs" },
  { layer: "runtime/metrics", folders: ["runtime/metrics"], why: "the metric registry, groups, types and dumps behind the API's metric contract: below everything that reports metrics" },
  { layer: "runtime/network", folders: ["runtime/network"], why: "record serialization, partitioners and channels between subtasks" },
  { layer: "runtime/state", folders: ["runtime/state"], why: "keyed and operator state backends, timers: the API's state contracts made real" },
  { layer: "runtime/checkpoint", folders: ["runtime/checkpoint"], why: "checkpoint formats, barrier alignment, metadata and restore: below the operators and tasks that take part in checkpoints" },
  { layer: "runtime/coordination", folders: ["runtime/coordination"], why: "split enumerators and the source events between them and the readers: below the tasks that send and receive them" },
  { layer: "runtime/operators", folders: ["runtime/operators"], why: "the operators that run the API's functions on records, state and timers" },
  { layer: "runtime/tasks", folders: ["runtime/tasks"], why: "a subtask: an operator chain with its inputs, outputs, checkpoints and deployment descriptor" },
  { layer: "runtime", folders: ["runtime"], why: "loading and evaluating a job module into a job graph and the functions tasks bind" },
  { layer: "runtime/worker", folders: ["runtime/worker"], why: "the slot worker thread that hosts tasks" },
  { layer: "connectors", folders: ["connectors"], why: "sources and sinks of external systems, implementing the API's contracts on the runtime" },
  { layer: "testing", folders: ["testing"], why: "test harnesses of the runtime and connectors (above what they double)" },
  { layer: "cluster", folders: ["cluster"], why: "the control plane that runs the runtime: Dispatcher, ResourceManager, JobMasters, TaskExecutors, RPC, HA" },
  { layer: "testing/cluster", folders: ["testing/cluster"], why: "test doubles of the cluster's gateways (above what they double)" },
  { layer: "testing/simulation", folders: ["testing/simulation"], why: "the deterministic simulation: the real cluster components on a simulated clock, network and HA" },
  { layer: "rest", folders: ["rest"], why: "the REST API and dashboard backend that expose the cluster" },
  { layer: "client", folders: ["client"], why: "bundling and submitting jobs, and talking to a cluster through REST" },
  { layer: "entrypoints", folders: ["entrypoints", "cluster/entrypoints"], why: "the processes (JobManager, TaskManager, application): they assemble cluster components with REST and client-side job preparation" },
  { layer: "cli", folders: ["cli"], why: "the `sluice` command, on top of the client and the entry points" },
  { layer: "index", folders: ["index.ts"], why: "the public package: everything a user's program imports as \"sluice\"" },
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const srcRoot = join(repoRoot, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Comments removed, strings and templates kept: specifiers are strings, mentions in comments are not imports. */
function withoutComments(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== "`" && text[j] === "\n")) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SPECIFIER = /(?:^|[;\s}])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The relative specifiers a module's text imports or re-exports from. */
function specifiersIn(source: string): string[] {
  const text = withoutComments(source);
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!).filter((s) => s.startsWith("."));
}

const relativeSpecifiers = (file: string): string[] => specifiersIn(readFileSync(file, "utf8"));

function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), base, `${base}.ts`, join(base, "index.ts")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The file's path under src/, with "/" separators. */
const srcPath = (file: string): string => relative(srcRoot, file).split(sep).join("/");

function layerOf(file: string): number {
  const path = srcPath(file);
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach(({ folders }, rank) => {
    for (const folder of folders) {
      const matches = path === folder || path.startsWith(`${folder}/`);
      if (matches && folder.length > bestLength) {
        best = rank;
        bestLength = folder.length;
      }
    }
  });
  return best;
}

const files = sourceFiles(srcRoot);

test("the layering test reads the source tree", () => {
  assert.ok(files.length > 100, `expected the source files under ${srcRoot}, found ${files.length}`);
  assert.ok(files.some((f) => relativeSpecifiers(f).length > 0), "no import was recognised");
});

test("every kind of import is recognised, and mentions in comments and strings are not", () => {
  const sample = [
    'import { a } from "./a.js";',
    'import type { B } from "../b.js";',
    "import * as c from './c.js';",
    'import d, { e } from "./d.js";',
    'import "./side-effect.js";',
    'export { f } from "./f.js";',
    'export type { G } from "./g.js";',
    'export * from "./h.js";',
    "import {",
    "  i,",
    "  type J,",
    '} from "./i.js";',
    'const k = await import("./k.js");',
    'import { l } from "node:fs";',
    '// import { m } from "./comment.js";',
    '/* export * from "./block-comment.js"; */',
    'const text = "see ./not-an-import.js";',
  ].join("\n");
  assert.deepEqual(specifiersIn(sample), ["./a.js", "../b.js", "./c.js", "./d.js", "./side-effect.js", "./f.js", "./g.js", "./h.js", "./i.js", "./k.js"]);
});

test("every source file belongs to a layer", () => {
  const unplaced = files.filter((f) => layerOf(f) < 0).map(srcPath);
  assert.deepEqual(unplaced, [], "add the folders of these files to LAYERS in test/unit/layering.test.ts");
});

test("every relative import resolves to a source file", () => {
  const unresolved = files.flatMap((f) =>
    relativeSpecifiers(f)
      .filter((s) => resolveSpecifier(f, s) === undefined)
      .map((s) => `${srcPath(f)} → ${s}`),
  );
  assert.deepEqual(unresolved, []);
});

test("no import runs from a lower layer to a higher one", () => {
  const upward: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    if (from < 0) continue;
    for (const specifier of relativeSpecifiers(file)) {
      const target = resolveSpecifier(file, specifier);
      if (target === undefined) continue;
      const to = layerOf(target);
      if (to > from) upward.push(`${srcPath(file)} → ${srcPath(target)} (${LAYERS[from]!.layer} below ${LAYERS[to]!.layer})`);
    }
  }
  const order = LAYERS.map(({ layer, why }) => `  ${layer}: ${why}`).join("\n");
  assert.deepEqual(
    upward,
    [],
    `${upward.length} imports run up the layers:\n${upward.join("\n")}\n` +
      `Move what both sides share down to the lower layer, or have the higher one pass it in. The layers, low to high:\n${order}`,
  );
});

test("the layer of a file is its longest listed folder", () => {
  assert.equal(LAYERS[layerOf(join(srcRoot, "runtime", "job-module.ts"))]!.layer, "runtime");
  assert.equal(LAYERS[layerOf(join(srcRoot, "runtime", "state", "heap-states.ts"))]!.layer, "runtime/state");
  assert.equal(LAYERS[layerOf(join(srcRoot, "cluster", "entrypoints", "x.ts"))]!.layer, "entrypoints");
  assert.equal(LAYERS[layerOf(join(srcRoot, "cluster", "rpc", "x.ts"))]!.layer, "cluster");
  assert.equal(LAYERS[layerOf(join(srcRoot, "index.ts"))]!.layer, "index");
});
