/**
 * A worker thread for test/unit/errors.test.ts: throws the probe failure and reports it the way a
 * slot's worker reports a failed task, as a SerializedError on its message port.
 */
import { parentPort } from "node:worker_threads";
import { serializeError } from "../../../src/errors/serialized-error.js";
import { probeFailure } from "./probe-errors.js";

function failDeepInside(): never {
  throw probeFailure();
}

try {
  failDeepInside();
} catch (e) {
  parentPort!.postMessage({ type: "failed", error: serializeError(e) });
}
