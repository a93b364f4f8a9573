import assert from "node:assert/strict";
import { test } from "node:test";
import { TumblingEventTimeWindows } from "../../src/api/windowing/time-window-assigners.js";
import { harnessFor } from "./support/api-harness.js";

test("smoke", async () => {
  const h = await harnessFor<{ k: string; n: number }, { k: string; n: number }>((s) =>
    s.keyBy((r) => r.k).window(TumblingEventTimeWindows.of(10)).reduce((a, b) => ({ k: a.k, n: a.n + b.n })),
  ).open();
  h.processElement({ k: "a", n: 1 }, 1);
  h.processElement({ k: "a", n: 2 }, 5);
  h.processElement({ k: "b", n: 2 }, 12);
  h.processWatermark(9);
  h.processElement({ k: "a", n: 100 }, 3);
  h.processWatermark(20);
  console.log(JSON.stringify(h.output));
  assert.deepEqual(h.records(), [{ k: "a", n: 3 }, { k: "b", n: 2 }]);
});
