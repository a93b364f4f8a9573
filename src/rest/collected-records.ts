/**
 * The wire format of collected records (executeAndCollect) in /jobs/:jobid/execution-result: a
 * base64 msgpack array, the encoding that already carried them through the data plane, so Maps,
 * Dates, bigints and typed arrays reach the client as they left the job. Coordination requests and
 * results (collectAsync()) travel the same way. Shared by server and client.
 */
import { Packr } from "msgpackr";

const packr = new Packr({ moreTypes: true, useRecords: false });

export function encodeCollected(values: unknown[]): string {
  return encodePacked(values);
}

export function decodeCollected(base64: string): unknown[] {
  return decodePacked(base64) as unknown[];
}

/** Any value the same way: coordination requests and their results (POST /jobs/:jobid/coordinators/:operatorid). */
export function encodePacked(value: unknown): string {
  return Buffer.from(packr.pack(value)).toString("base64");
}

export function decodePacked(base64: string): unknown {
  return packr.unpack(Buffer.from(base64, "base64"));
}
