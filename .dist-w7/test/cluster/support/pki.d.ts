import type { RpcTlsOptions } from "../../../src/cluster/rpc/index.js";
export interface TestPki extends RpcTlsOptions {
    /** The PEM files, for security.ssl.internal.cert / .key / .ca. */
    files: {
        cert: string;
        key: string;
        ca: string;
    };
}
/** The certificate is good as TLS server and client (mutual TLS between cluster processes). */
export declare function makePki(dir: string): TestPki;
