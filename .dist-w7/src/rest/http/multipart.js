/**
 * A minimal multipart/form-data parser (RFC 7578) for jar uploads: the body is already in memory
 * and bounded by `rest.upload.max-bytes`, so parsing is a search for the boundary. Part names and
 * file names are kept only as metadata; nothing here ever becomes a file system path.
 */
import { RestError } from "../route.js";
const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 8 * 1024;
export function boundaryOf(contentType) {
    const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? "");
    const boundary = m?.[1] ?? m?.[2];
    if (!boundary)
        throw new RestError(400, ["a multipart/form-data body needs a boundary parameter in its Content-Type"]);
    return boundary;
}
export function parseMultipart(body, boundary) {
    const delimiter = Buffer.from(`--${boundary}`);
    const parts = [];
    let pos = body.indexOf(delimiter);
    if (pos < 0)
        throw new RestError(400, ["the multipart body contains no part"]);
    for (;;) {
        pos += delimiter.length;
        // "--" after a delimiter ends the body.
        if (body[pos] === 0x2d && body[pos + 1] === 0x2d)
            break;
        if (body[pos] === 0x0d && body[pos + 1] === 0x0a)
            pos += 2;
        else
            throw new RestError(400, ["malformed multipart body: a boundary must be followed by CRLF"]);
        const headerEnd = body.indexOf("\r\n\r\n", pos);
        if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES)
            throw new RestError(400, ["malformed multipart body: part headers not terminated"]);
        const headers = parseHeaders(body.subarray(pos, headerEnd).toString("utf8"));
        const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd + 4);
        if (next < 0)
            throw new RestError(400, ["malformed multipart body: the last part has no closing boundary"]);
        const disposition = headers.get("content-disposition") ?? "";
        const name = param(disposition, "name");
        if (!/^form-data\b/i.test(disposition) || name === undefined)
            throw new RestError(400, ["malformed multipart body: a part has no form-data name"]);
        const filename = param(disposition, "filename");
        parts.push({ name, filename, contentType: headers.get("content-type"), data: body.subarray(headerEnd + 4, next) });
        if (parts.length > MAX_PARTS)
            throw new RestError(400, [`a multipart body may have at most ${MAX_PARTS} parts`]);
        pos = next + 2;
    }
    return parts;
}
function parseHeaders(text) {
    const out = new Map();
    for (const line of text.split("\r\n")) {
        const i = line.indexOf(":");
        if (i > 0)
            out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    return out;
}
function param(header, key) {
    const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]+)`, "i").exec(header);
    if (!m)
        return undefined;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}
//# sourceMappingURL=multipart.js.map