/** Entry-id arithmetic of the Redis Streams source (src/connectors/redis/stream-entry-id.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareEntryIds, entryIdMillis, parseEntryId, positionBefore, positionBeforeTimestamp } from "../../../src/connectors/redis/stream-entry-id.js";

const MAX = "18446744073709551615";

test("ids compare by milliseconds, then sequence, also past 2^53 and across lengths", () => {
  const sorted = ["0-0", "0-1", "9-5", "10-0", "10-2", "10-10", `99-${MAX}`, "100-0", `${MAX}-0`, `${MAX}-${MAX}`];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = 0; j < sorted.length; j++) {
      assert.equal(Math.sign(compareEntryIds(sorted[i]!, sorted[j]!)), Math.sign(i - j), `${sorted[i]} vs ${sorted[j]}`);
    }
  }
  assert.equal(compareEntryIds("5", "5-0"), 0, "a bare millisecond id is sequence 0");
});

test("the position before an id (an inclusive start as XREAD's exclusive position)", () => {
  assert.equal(positionBefore("10-3"), "10-2");
  assert.equal(positionBefore("10-0"), `9-${MAX}`);
  assert.equal(positionBefore("0-0"), "0-0");
  assert.equal(positionBefore("0010"), `9-${MAX}`, "normalized");
  assert.equal(positionBeforeTimestamp(1_700_000_000_000), `1699999999999-${MAX}`);
  assert.equal(entryIdMillis("1700000000123-4"), 1_700_000_000_123);
});

test("malformed ids are refused with a message that shows the expected form", () => {
  assert.throws(() => parseEntryId("abc"), /not a Redis stream entry id: "abc" \(expected <milliseconds>-<sequence>\)/);
  assert.throws(() => parseEntryId(`1${MAX}-0`), /out of range/);
  assert.throws(() => positionBeforeTimestamp(-1), /not a timestamp/);
});
