/**
 * JSON over HTTP(S) to a Sluice (or Flink-compatible) REST endpoint: bearer token, a trusted CA for
 * TLS, timeouts, and Flink's error bodies turned into errors that carry the server's messages.
 * node:http rather than fetch, because fetch cannot be given a CA without a dispatcher package.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
export class RestRequestError extends Error {
    status;
    errors;
    name = "RestRequestError";
    constructor(status, errors, method, path) {
        super(`${method} ${path} failed with ${status}: ${errors.join("; ")}`);
        this.status = status;
        this.errors = errors;
    }
}
export class RestTransport {
    options;
    baseUrl;
    constructor(options) {
        this.options = options;
        let url;
        try {
            url = new URL(options.baseUrl);
        }
        catch {
            throw new Error(`not a REST address: "${options.baseUrl}" (expected http://host:port)`);
        }
        if (url.protocol !== "http:" && url.protocol !== "https:")
            throw new Error(`not a REST address: "${options.baseUrl}" (expected http:// or https://)`);
        this.baseUrl = url;
    }
    /** Sends a request with a JSON body (when given) and parses the JSON answer; non-2xx throws. */
    async json(method, path, body) {
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const headers = payload ? { "content-type": "application/json" } : {};
        const res = await this.raw(method, path, payload, headers);
        const text = res.body.toString("utf8");
        let parsed;
        try {
            parsed = text ? JSON.parse(text) : undefined;
        }
        catch {
            throw new RestRequestError(res.status, [`the server answered with something that is not JSON: ${text.slice(0, 200)}`], method, path);
        }
        if (res.status < 200 || res.status >= 300) {
            const errors = parsed?.errors;
            throw new RestRequestError(res.status, Array.isArray(errors) ? errors.map(String) : [text.slice(0, 500)], method, path);
        }
        return parsed;
    }
    raw(method, path, body, headers = {}) {
        const prefix = this.baseUrl.pathname.replace(/\/+$/, "");
        const url = new URL(prefix + path, this.baseUrl);
        const h = { accept: "application/json", ...headers };
        if (this.options.token)
            h.authorization = `Bearer ${this.options.token}`;
        if (body)
            h["content-length"] = body.length;
        const opts = { method, headers: h, timeout: this.options.timeoutMs ?? 30_000 };
        if (this.options.ca)
            opts.ca = this.options.ca;
        const send = url.protocol === "https:" ? httpsRequest : httpRequest;
        return new Promise((resolve, reject) => {
            const req = send(url, opts, (res) => {
                const chunks = [];
                res.on("data", (c) => chunks.push(c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
                res.on("error", reject);
            });
            req.on("timeout", () => req.destroy(new Error(`${method} ${url.href} timed out`)));
            req.on("error", (e) => {
                const hint = e.code === "ECONNREFUSED" ? ` (is a Sluice cluster running at ${this.baseUrl.origin}?)` : "";
                reject(new Error(`cannot reach ${this.baseUrl.origin}: ${e.message}${hint}`, { cause: e }));
            });
            req.end(body);
        });
    }
}
//# sourceMappingURL=rest-transport.js.map