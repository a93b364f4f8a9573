/**
 * The server side shared by both transports: the endpoints a service serves, method lookup, fencing
 * checks, and answering in-flight calls when an endpoint closes. Keeping it in one place is what makes
 * the in-process and the TCP transport reject exactly the same calls with exactly the same errors.
 */
import { FencingTokenMismatchError, RpcEndpointNotFoundError, RpcMethodNotFoundError, } from "./interface.js";
export class EndpointTable {
    endpoints = new Map();
    describeOwner;
    /**
     * @param owner the serving service's address for error messages; a function when the address is
     *   known only later (a TCP service learns its port when it starts listening).
     */
    constructor(owner) {
        this.describeOwner = typeof owner === "string" ? () => owner : owner;
    }
    get owner() {
        return this.describeOwner();
    }
    has(name) {
        return this.endpoints.has(name);
    }
    serve(name, impl, options = {}) {
        if (this.endpoints.has(name)) {
            throw new Error(`endpoint "${name}" is already served at ${this.owner}`);
        }
        const endpoint = { impl, fencingToken: options.fencingToken, inFlight: new Set() };
        this.endpoints.set(name, endpoint);
        return {
            name,
            close: () => this.closeEndpoint(name, endpoint),
        };
    }
    /**
     * Invokes `method` synchronously (so calls run in arrival order) and returns its eventual result.
     * Rejects with RpcEndpointNotFoundError, RpcMethodNotFoundError, FencingTokenMismatchError or
     * whatever the method throws.
     */
    invoke(name, method, args, token) {
        const endpoint = this.endpoints.get(name);
        if (!endpoint) {
            return Promise.reject(new RpcEndpointNotFoundError(`no endpoint "${name}" at ${this.owner}`));
        }
        const fn = lookupMethod(endpoint.impl, method);
        if (!fn) {
            return Promise.reject(new RpcMethodNotFoundError(`endpoint "${name}" at ${this.owner} has no method "${method}"`));
        }
        if (endpoint.fencingToken) {
            const expected = endpoint.fencingToken();
            if (expected === undefined || token !== expected) {
                return Promise.reject(new FencingTokenMismatchError(`fencing token mismatch calling ${name}.${method} at ${this.owner}: expected ` +
                    `${expected ?? "none (endpoint is not leading)"}, got ${token ?? "none"}`));
            }
        }
        return new Promise((resolve, reject) => {
            const settle = (error) => reject(error);
            endpoint.inFlight.add(settle);
            const done = () => void endpoint.inFlight.delete(settle);
            try {
                Promise.resolve(fn.apply(endpoint.impl, args)).then((value) => (done(), resolve(value)), (error) => (done(), reject(error)));
            }
            catch (error) {
                done();
                reject(error);
            }
        });
    }
    closeAll() {
        for (const [name, endpoint] of [...this.endpoints])
            this.closeEndpoint(name, endpoint);
    }
    closeEndpoint(name, endpoint) {
        if (this.endpoints.get(name) !== endpoint)
            return; // already closed (close() is idempotent)
        this.endpoints.delete(name);
        const error = new RpcEndpointNotFoundError(`endpoint "${name}" at ${this.owner} was closed`);
        for (const reject of endpoint.inFlight)
            reject(error);
        endpoint.inFlight.clear();
    }
}
/**
 * Only real methods of the implementation are callable: nothing inherited from Object.prototype
 * (constructor, toString, __proto__, …), so a remote peer cannot reach into the object's plumbing.
 */
function lookupMethod(impl, method) {
    if (method === "constructor" || Object.prototype.hasOwnProperty.call(Object.prototype, method)) {
        return undefined;
    }
    const candidate = impl[method];
    return typeof candidate === "function" ? candidate : undefined;
}
//# sourceMappingURL=endpoint-table.js.map