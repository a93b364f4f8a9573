/**
 * A peer process for test/unit/errors.test.ts: serves a "probe" endpoint whose `fail` throws the
 * probe failure, prints its address as one JSON line on stdout, and runs until killed.
 */
import { TcpRpcService } from "../../../src/cluster/rpc/index.js";
import { probeFailure } from "./probe-errors.js";

const service = await TcpRpcService.start();
service.serve("probe", {
  fail: (): never => {
    throw probeFailure();
  },
});
process.stdout.write(`${JSON.stringify({ address: service.address })}\n`);
