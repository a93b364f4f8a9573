import { test } from "node:test";
import assert from "node:assert/strict";
import { LocalDataTransport } from "../../../src/cluster/network/data-transport.js";
import { workerKey, type DataFrame, type WorkerKey } from "../../../src/runtime/network/frames.js";
import { Harness, StubDataTransport, descriptor, flush } from "./support.js";

const frame = (ch: string): DataFrame => ({ t: "credit", ch, credits: 1 });
const REMOTE = "tm-remote";

/** Deploys e1 into slot 0 with a channel to a task on TaskManager `tm-remote` (at `remoteAddress`), and e2 into slot 1. */
async function twoTasks(h: Harness, remoteAddress: string): Promise<ReturnType<Harness["serveJobMaster"]>> {
  const jm = h.serveJobMaster("job-a");
  await h.allocate(0, "job-a");
  await h.allocate(1, "job-a");
  const locations = { v: [workerKey(h.te.id, 0)], w: [workerKey(REMOTE, 0)] };
  await h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0, { locations, dataAddresses: { [REMOTE]: remoteAddress } }));
  await h.gateway.submitTask(descriptor("job-a", "e2", h.te.id, 1, { locations: { v: [workerKey(h.te.id, 1)] } }));
  await flush();
  return jm;
}

test("frames go from a worker to the data plane and on to the addressed worker, here or on another TaskManager", async () => {
  const remote = new LocalDataTransport();
  const arrived: [WorkerKey, DataFrame][] = [];
  remote.onReceive((to, f) => arrived.push([to, f]));
  const h = await Harness.start();
  try {
    await twoTasks(h, remote.address);
    const [w0, w1] = [h.worker(0), h.worker(1)];
    assert.deepEqual(w0.peers, [w1.key], "workers of one TaskManager get a direct channel");

    w0.sendData(workerKey(h.te.id, 1), frame("0/0/0/1"));
    w0.sendData(workerKey(REMOTE, 0), frame("0/0/0/2"));
    remote.send(h.data.address, workerKey(h.te.id, 0), frame("0/0/0/3"));
    remote.send(h.data.address, workerKey("tm-stranger", 0), frame("0/0/0/4"));
    await flush();

    assert.deepEqual(w1.delivered, [frame("0/0/0/1")]);
    assert.deepEqual(arrived, [[workerKey(REMOTE, 0), frame("0/0/0/2")]]);
    assert.deepEqual(w0.delivered, [frame("0/0/0/3")], "a frame for another TaskManager's worker is dropped");
  } finally {
    await h.stop();
    await remote.close();
  }
});

test("a frame that cannot be sent fails the sending slot's tasks with a DataTransportError", async () => {
  const data = new StubDataTransport();
  const h = await Harness.start({ data });
  try {
    const jm = await twoTasks(h, "tcp://remote:1");
    data.failSends = new Error("frame of 99999999 bytes exceeds the maximum frame size");
    h.worker(0).sendData(workerKey(REMOTE, 0), { t: "buffer", ch: "0/0/0/0", data: new ArrayBuffer(8), records: 1 });
    await flush();
    const failed = jm.callsOf("updateTaskExecutionState").filter((c) => c[1] === "FAILED");
    assert.equal(failed.length, 1);
    const [executionId, , error] = failed[0] as [string, string, { name: string; message: string }];
    assert.equal(executionId, "e1");
    assert.equal(error.name, "DataTransportError");
    assert.match(error.message, /sending to TaskManager tm-remote failed: frame of 99999999 bytes/);
    assert.deepEqual(h.worker(0).postedOf("cancel"), [{ type: "cancel", executionId: "e1" }]);
  } finally {
    await h.stop();
  }
});

test("a lost data connection fails exactly the tasks with channels to that TaskManager, with a RemoteTransportError", async () => {
  const data = new StubDataTransport();
  const h = await Harness.start({ data });
  try {
    const jm = await twoTasks(h, "tcp://remote:1");
    data.lose("tcp://somewhere-else:1", new Error("reset"));
    data.lose("tcp://remote:1", new Error("connection reset by peer"));
    await flush();
    const failed = jm.callsOf("updateTaskExecutionState").filter((c) => c[1] === "FAILED");
    assert.deepEqual(
      failed.map((c) => c[0]),
      ["e1"],
    );
    const error = failed[0]![2] as { name: string; message: string };
    assert.equal(error.name, "RemoteTransportError");
    assert.match(error.message, /data connection to TaskManager tm-remote \(tcp:\/\/remote:1\) lost: connection reset by peer/);
  } finally {
    await h.stop();
  }
});
