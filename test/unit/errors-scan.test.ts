/**
 * Rules of the failure model over all of `src/` (docs/architecture.md, "Failures"): errors are told
 * apart by class (`instanceof`), never by comparing `error.name` with a string, and every error
 * class is a registered SluiceError, so the codec rebuilds it as itself across threads and processes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { lineOf, typeScriptFiles, type SourceFile } from "../../scripts/source-tree.js";

const sources = typeScriptFiles("src");

/** A receiver that holds an error, or a string that names an error class. */
const ERRORISH_RECEIVER = /(?:^|[^\w])(e|err|error|cause|reason|failure|thrown|ex|exception)$|Error\)?$/i;
const ERRORISH_NAME = /^[A-Z]\w*(Error|Exception|Declined|Failure)$/;

export function nameComparisons(files: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  const forward = /([\w$)\]]+)\.name\s*[!=]==?\s*(["'`])([^"'`]*)\2/g;
  const backward = /(["'`])([^"'`]*)\1\s*[!=]==?\s*([\w$.)\]]+)\.name\b/g;
  const indirect = /(?:switch\s*\(|\.includes\(|\.has\()\s*([\w$.()\s]*?(?:as\s+\w+\))?)\.name\s*\)/g;
  for (const { path, text } of files) {
    for (const m of text.matchAll(indirect)) {
      if (ERRORISH_RECEIVER.test(m[1]!.trim())) offenders.push(`${path}:${lineOf(text, m.index!)}: ${m[0]}`);
    }
    for (const m of text.matchAll(forward)) {
      if (ERRORISH_RECEIVER.test(m[1]!) || ERRORISH_NAME.test(m[3]!)) offenders.push(`${path}:${lineOf(text, m.index!)}: ${m[0]}`);
    }
    for (const m of text.matchAll(backward)) {
      if (ERRORISH_RECEIVER.test(m[3]!) || ERRORISH_NAME.test(m[2]!)) offenders.push(`${path}:${lineOf(text, m.index!)}: ${m[0]}`);
    }
  }
  return offenders;
}

export function unregisteredErrorClasses(files: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  const declaration = /\bclass\s+(\w+)(?:<[^>{]*>)?\s+extends\s+([\w.]+)/g;
  for (const { path, text } of files) {
    for (const m of text.matchAll(declaration)) {
      const [, name, base] = m as unknown as [string, string, string];
      if (!/(Error|Exception)$/.test(base)) continue;
      const where = `${path}:${lineOf(text, m.index!)}: class ${name} extends ${base}`;
      const todo: string[] = [];
      if (base === "Error" && name !== "SluiceError") todo.push("extend SluiceError");
      if (!new RegExp(`registerErrorClass\\(\\s*${name}\\b`).test(text)) todo.push(`add registerErrorClass(${name}) after it`);
      if (todo.length > 0) offenders.push(`${where}: ${todo.join(", ")}`);
    }
  }
  return offenders;
}

test("the scans recognise what they look for", () => {
  const sample: SourceFile[] = [
    {
      path: "src/sample.ts",
      text: [
        'if (e.name === "CorruptStateError") retry();',
        'if ((error as Error).name !== "X") skip();',
        'if ("TaskManagerLostError" === reason.name) fail();',
        'const file = parts.find((p) => p.name === "jarfile");',
        "export class LooseError extends Error {}",
        "export class GoodError extends SluiceError {}",
        "registerErrorClass(GoodError);",
        "export class ChildError extends GoodError {}",
        "switch (error.name) {}",
        'if (["AError", "BError"].includes(e.name)) x();',
        "if (KNOWN.has((cause as Error).name)) y();",
        "switch (node.name) {}",
      ].join("\n"),
    },
  ];
  assert.deepEqual(nameComparisons(sample).sort(), [
    'src/sample.ts:10: .includes(e.name)',
    "src/sample.ts:11: .has((cause as Error).name)",
    'src/sample.ts:1: e.name === "CorruptStateError"',
    'src/sample.ts:2: Error).name !== "X"',
    'src/sample.ts:3: "TaskManagerLostError" === reason.name',
    "src/sample.ts:9: switch (error.name)",
  ]);
  assert.deepEqual(unregisteredErrorClasses(sample), [
    "src/sample.ts:5: class LooseError extends Error: extend SluiceError, add registerErrorClass(LooseError) after it",
    "src/sample.ts:8: class ChildError extends GoodError: add registerErrorClass(ChildError) after it",
  ]);
});

test("no error is recognised by comparing its name with a string (use instanceof)", () => {
  const offenders = nameComparisons(sources);
  assert.deepEqual(offenders, [], `compare errors with instanceof of a registered class instead:\n  ${offenders.join("\n  ")}`);
});

test("every error class in src is a registered SluiceError", () => {
  const offenders = unregisteredErrorClasses(sources);
  assert.deepEqual(offenders, [], `error classes to convert:\n  ${offenders.join("\n  ")}`);
});
