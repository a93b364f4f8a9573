/** Subject matching and split ownership of the NATS connectors (pure functions). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ownerOf } from "../../../src/connectors/nats/nats-split.js";
import { subjectMatches } from "../../../src/connectors/nats/subjects.js";

describe("NATS subjects", () => {
  it("match with * (one token) and > (one or more tokens), as the server does", () => {
    const cases: [string, string, boolean][] = [
      ["orders.eu", "orders.eu", true],
      ["orders.eu", "orders.us", false],
      ["orders.*", "orders.eu", true],
      ["orders.*", "orders.eu.paris", false],
      ["orders.>", "orders.eu.paris", true],
      ["orders.>", "orders", false],
      ["*.eu", "orders.eu", true],
      [">", "anything.at.all", true],
      ["orders.*.paris", "orders.eu.paris", true],
      ["orders.*.paris", "orders.eu.lyon", false],
      ["orders", "orders.eu", false],
    ];
    for (const [filter, subject, expected] of cases) assert.equal(subjectMatches(filter, subject), expected, `${filter} vs ${subject}`);
  });

  it("a subject always goes to the same reader, and subjects spread over the readers", () => {
    const subjects = Array.from({ length: 300 }, (_, i) => `events.region${i}`);
    for (const parallelism of [1, 2, 3, 7]) {
      const owners = subjects.map((s) => ownerOf(s, parallelism));
      assert.deepEqual(owners, subjects.map((s) => ownerOf(s, parallelism)), "stable");
      assert.ok(owners.every((o) => o >= 0 && o < parallelism));
      for (let r = 0; r < parallelism; r++) assert.ok(owners.filter((o) => o === r).length > 300 / parallelism / 2, `reader ${r} of ${parallelism} gets its share`);
    }
  });
});
