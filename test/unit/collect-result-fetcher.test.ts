/**
 * The client's collect protocol (src/client/collect-result-fetcher.ts) against a scripted
 * coordinator: with exactly-once checkpoints only checkpointed records reach the consumer; a sink
 * that starts over from its checkpoint (a new version) costs no record and repeats none, also when
 * a new leader's coordinator answers before the recovered sink has pushed (version ""); without
 * exactly-once a restarted sink's records come again from where it restarted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CollectResultFetcher } from "../../src/client/collect-result-fetcher.js";
import type { CoordinationResponse } from "../../src/cluster/dispatcher/job-master-service.js";
import type { JobResult } from "../../src/cluster/messages.js";

/** A coordinator that answers from `script` in turn (the last answer repeats); records the requests. */
function scripted(script: Array<(req: { version: string; offset: number }) => CoordinationResponse>) {
  const requests: Array<{ version: string; offset: number }> = [];
  let i = 0;
  const fetcher = new CollectResultFetcher({
    request: async (req) => {
      requests.push(req);
      return script[Math.min(i++, script.length - 1)]!(req);
    },
    cancel: async () => {},
    result: new Promise<JobResult>(() => {}),
  });
  return { fetcher, requests };
}

const answer = (version: string, offset: number, values: number[], lastCheckpointedOffset: number, exactlyOnce = true) => (): CoordinationResponse => ({ version, offset, values, lastCheckpointedOffset, exactlyOnce });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

async function take(f: CollectResultFetcher, n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const r = await f.next();
    assert.ok(!r.done);
    out.push(r.value as number);
  }
  return out;
}

test("exactly-once: records wait for a checkpoint; a sink restored from one (after a version-less answer) costs and repeats nothing", async () => {
  const { fetcher, requests } = scripted([
    answer("", 0, [], 0),
    answer("v1", 0, [], 0),
    // Records 0..9 fetched, 0..3 checkpointed.
    answer("v1", 0, range(0, 10), 4),
    // A new leader before the recovered sink pushed: no version yet.
    answer("", 0, [], 0),
    // The sink restored from a checkpoint covering 0..6 (its buffer from 5 on: the client had acknowledged 5 then).
    answer("v2", 5, [], 7),
    (req) => {
      // As the coordinator: what the client acknowledged before the checkpoint is gone.
      if (req.offset < 5) throw new Error(`offset ${req.offset} is below the restored buffer`);
      return { version: "v2", offset: req.offset, values: range(req.offset, 20), lastCheckpointedOffset: 20, exactlyOnce: true };
    },
  ]);
  assert.deepEqual(await take(fetcher, 4), range(0, 4));
  assert.deepEqual(await take(fetcher, 16), range(4, 20));
  // After the restart it asked from the restored checkpoint's offset: 7..9 of v1 were dropped and fetched again.
  assert.deepEqual(requests.slice(-1)[0], { version: "v2", offset: 7 });
});

test("without exactly-once: every record at once; a restarted sink's records come again from where it restarted", async () => {
  const { fetcher } = scripted([
    answer("v1", 0, [], 0, false),
    answer("v1", 0, range(0, 6), 0, false),
    answer("v2", 0, [], 0, false),
    (req) => ({ version: "v2", offset: req.offset, values: range(req.offset, 4), lastCheckpointedOffset: 0, exactlyOnce: false }),
  ]);
  assert.deepEqual(await take(fetcher, 10), [...range(0, 6), ...range(0, 4)]);
});
