/**
 * The wire format of collected records (executeAndCollect) in /jobs/:jobid/execution-result: a
 * base64 msgpack array, the encoding that already carried them through the data plane, so Maps,
 * Dates, bigints and typed arrays reach the client as they left the job. Shared by server and client.
 */
import { Packr } from "msgpackr";
const packr = new Packr({ moreTypes: true, useRecords: false });
export function encodeCollected(values) {
    return Buffer.from(packr.pack(values)).toString("base64");
}
export function decodeCollected(base64) {
    return packr.unpack(Buffer.from(base64, "base64"));
}
//# sourceMappingURL=collected-records.js.map