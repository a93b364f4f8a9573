/**
 * State keys of composite (tuple) keys: the fast path for tuples of strings, numbers and booleans
 * writes exactly the string the general path (JSON with a replacer for bigints) writes, so state
 * written by either is found by the other and by snapshots of earlier versions; and every key
 * comes back from its state key.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Key } from "../../src/api/functions.js";
import { fromStateKey, toStateKey } from "../../src/runtime/state/state-key.js";
import { mulberry32 } from "../unit/support/random.js";

/** The general path as it always was: JSON with bigints as { $bigint }. */
const reference = (key: Key): string => "\u0000" + JSON.stringify(key, (_k, v: unknown) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));

const strings = ["", "a", 'quote " and \\ backslash', "line\nbreak", "\u0000nul", "ünïcödé ☃", "\ud800 lone surrogate", "1", "true"];
const numbers = [0, -0, 1, -1, 0.1, 1e21, -1e-7, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1_700_000_000_123];

test("tuples of strings, numbers and booleans: the fast path writes the general path's string", () => {
  const rnd = mulberry32(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < 5000; i++) {
    const tuple: (string | number | boolean)[] = [];
    const n = Math.floor(rnd() * 5);
    for (let j = 0; j < n; j++) {
      const kind = rnd();
      tuple.push(kind < 0.4 ? pick(strings) : kind < 0.8 ? pick(numbers) : rnd() < 0.5);
    }
    assert.equal(toStateKey(tuple as Key), reference(tuple as Key), JSON.stringify(tuple));
  }
});

test("tuples with bigints or nested tuples take the general path; every key comes back from its state key", () => {
  const keys: Key[] = [[1n, "a"], ["a", [1, 2]], [[1n]], [1, "a", true], [], [Number.MAX_SAFE_INTEGER, "x"]] as Key[];
  for (const key of keys) {
    assert.equal(toStateKey(key), reference(key));
    assert.deepEqual(fromStateKey(toStateKey(key)), key);
  }
  // Separately built equal tuples are one state key; different ones are not.
  assert.equal(toStateKey([7, "x"]), toStateKey([7, "x"]));
  assert.notEqual(toStateKey([7, "x"]), toStateKey(["7", "x"]));
  assert.notEqual(toStateKey([1n]), toStateKey([1]));
});
