/**
 * The wire format of collected records (executeAndCollect) in /jobs/:jobid/execution-result: a
 * base64 msgpack array, the encoding that already carried them through the data plane, so Maps,
 * Dates, bigints and typed arrays reach the client as they left the job. Shared by server and client.
 */
import { Packr } from "msgpackr";

const packr = new Packr({ moreTypes: true, useRecords: false });

export function encodeCollected(values: unknown[]): string {
  return Buffer.from(packr.pack(values)).toString("base64");
}

export function decodeCollected(base64: string): unknown[] {
  return packr.unpack(Buffer.from(base64, "base64")) as unknown[];
}
