/**
 * Channels of different job attempts never mix in a worker (docs/architecture.md, "Data plane").
 * Regression: a new leader recovers a job at attempt 0 again, so its attempt 1 had the channel ids
 * of the former leader's attempt 1. Frames a stale producer of that attempt had sent to a worker
 * after its consumer was gone waited there, and were handed to the new attempt's consumer when it
 * registered the same channel: the sequence checker of the container faults test saw old records
 * ("sequence 1466 after 1694") after a leader partition and a TaskManager kill.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataFrameDecoder, encodeDataFrame, FrameKind } from "../../src/cluster/network/data-wire.js";
import { DataEndpoint } from "../../src/runtime/network/data-endpoint.js";
import { channelId, type DataFrame } from "../../src/runtime/network/frames.js";
import { attemptKeyOf } from "../../src/runtime/tasks/deployment.js";

const JOB = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const FORMER_TERM = "3f0e9c1a-0000-4000-8000-000000000001";
const NEW_TERM = "7c2d4b6e-0000-4000-8000-000000000002";

/** The channel from subtask 0 of edge 1 to subtask 0, as producer and consumer tasks name it. */
function channel(task: { jobId: string; attempt: number; jobMasterToken?: string }): string {
  return channelId(attemptKeyOf(task), 1, 0, 0);
}

/** A worker's endpoint that received one frame of `stale`'s channel before anyone registered it. */
function workerWithWaitingFrame(stale: { jobId: string; attempt: number; jobMasterToken?: string }) {
  const endpoint = new DataEndpoint("tm1#0", () => {});
  endpoint.deliver({ t: "buffer", ch: channel(stale), data: new ArrayBuffer(8), records: 1 });
  return endpoint;
}

test("a former leader's frames waiting in a worker are not handed to the new leader's attempt of the same number", () => {
  const former = { jobId: JOB, attempt: 1, jobMasterToken: FORMER_TERM };
  const current = { jobId: JOB, attempt: 1, jobMasterToken: NEW_TERM };
  assert.notEqual(channel(former), channel(current));
  const endpoint = workerWithWaitingFrame(former);
  const received: DataFrame[] = [];
  endpoint.registerConsumer(channel(current), (f) => received.push(f));
  assert.equal(received.length, 0, "the new consumer got a frame of the former leader's attempt");
  // What a deployment of the current attempt does first: the stale frame is dropped, not kept forever.
  endpoint.dropPendingExcept(attemptKeyOf(current));
  endpoint.registerConsumer(channel(former), (f) => received.push(f));
  assert.equal(received.length, 0);
});

test("frames of another job's attempt 0 are not handed to this job's attempt 0", () => {
  const other = { jobId: "ffffffffffffffffffffffffffffffff", attempt: 0, jobMasterToken: NEW_TERM };
  const mine = { jobId: JOB, attempt: 0, jobMasterToken: NEW_TERM };
  const endpoint = workerWithWaitingFrame(other);
  const received: DataFrame[] = [];
  endpoint.registerConsumer(channel(mine), (f) => received.push(f));
  assert.equal(received.length, 0);
});

test("frames of the same attempt that arrive before the consumer registers are delivered to it", () => {
  const attempt = { jobId: JOB, attempt: 2, jobMasterToken: NEW_TERM };
  const endpoint = workerWithWaitingFrame(attempt);
  endpoint.dropPendingExcept(attemptKeyOf(attempt));
  const received: DataFrame[] = [];
  endpoint.registerConsumer(channel(attempt), (f) => received.push(f));
  assert.equal(received.length, 1);
  assert.equal(received[0]!.ch, channel(attempt));
});

test("an attempt's channel ids travel the data wire between TaskManagers", () => {
  const ch = channel({ jobId: JOB, attempt: 3, jobMasterToken: NEW_TERM });
  const frame: DataFrame = { t: "credit", ch, credits: 4 };
  const decoded = new DataFrameDecoder(1 << 20).push(Buffer.concat(encodeDataFrame("tm-b#1", frame, 1 << 20)));
  assert.deepEqual(decoded, [{ kind: FrameKind.Credit, to: "tm-b#1", frame }]);
});
