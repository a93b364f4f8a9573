import { RestError } from "../route.js";
/** How much of an oversized body is drained before the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;
export function tooLarge(limit) {
    return new RestError(413, [`request body exceeds the limit of ${limit} bytes`], { connection: "close" });
}
export function readBody(req, limit) {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    return new Promise((resolve, reject) => {
        if (Number.isFinite(declared) && declared > limit + DRAIN_LIMIT) {
            // Not worth draining: answer now; the server closes the connection after the answer.
            req.pause();
            reject(tooLarge(limit));
            return;
        }
        const chunks = [];
        let size = 0;
        let over = Number.isFinite(declared) && declared > limit;
        req.on("data", (chunk) => {
            size += chunk.length;
            if (size > limit)
                over = true;
            if (over) {
                chunks.length = 0;
                if (size > limit + DRAIN_LIMIT) {
                    req.destroy();
                    reject(tooLarge(limit));
                }
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => (over ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks, size))));
        req.on("error", (e) => reject(new RestError(400, [`could not read the request body: ${e.message}`])));
        req.on("aborted", () => reject(new RestError(400, ["the request was aborted"])));
    });
}
/** Parses a JSON body; an empty body is `undefined`. */
export function parseJson(buffer) {
    if (buffer.length === 0)
        return undefined;
    const text = buffer.toString("utf8");
    if (text.trim() === "")
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new RestError(400, [`the request body is not valid JSON: ${e.message}`]);
    }
}
/** The media type of a request without its parameters, lower-cased ("" when absent). */
export function mediaType(req) {
    return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}
//# sourceMappingURL=body.js.map