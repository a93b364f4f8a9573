/**
 * The server side shared by both transports: the endpoints a service serves, method lookup, fencing
 * checks, and answering in-flight calls when an endpoint closes. Keeping it in one place is what makes
 * the in-process and the TCP transport reject exactly the same calls with exactly the same errors.
 */
import { type ServeOptions, type ServedEndpoint } from "./interface.js";
export declare class EndpointTable {
    private readonly endpoints;
    private readonly describeOwner;
    /**
     * @param owner the serving service's address for error messages; a function when the address is
     *   known only later (a TCP service learns its port when it starts listening).
     */
    constructor(owner: string | (() => string));
    private get owner();
    has(name: string): boolean;
    serve(name: string, impl: object, options?: ServeOptions): ServedEndpoint;
    /**
     * Invokes `method` synchronously (so calls run in arrival order) and returns its eventual result.
     * Rejects with RpcEndpointNotFoundError, RpcMethodNotFoundError, FencingTokenMismatchError or
     * whatever the method throws.
     */
    invoke(name: string, method: string, args: unknown[], token: string | undefined): Promise<unknown>;
    closeAll(): void;
    private closeEndpoint;
}
