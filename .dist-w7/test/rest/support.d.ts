import { MiniCluster } from "../../src/cluster/minicluster.js";
import { type RunningRestServer } from "../../src/rest/start-rest-server.js";
import { LogBuffer } from "../../src/util/logger.js";
export interface RestCluster {
    cluster: MiniCluster;
    rest: RunningRestServer;
    url: string;
    logs: LogBuffer;
    close(): Promise<void>;
}
export declare const FAST_METRICS: {
    "metrics.report-interval": string;
    "metrics.fetcher.update-interval": string;
};
export declare function startRestCluster(options?: {
    config?: Record<string, string>;
    taskManagers?: number;
    slots?: number;
    webDir?: string;
}): Promise<RestCluster>;
export interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** The parsed body when it is JSON, else undefined. */
    json: unknown;
}
export interface RequestOptions {
    body?: string | Buffer;
    headers?: Record<string, string>;
    /** Sent as JSON with Content-Type application/json. */
    json?: unknown;
    token?: string;
}
/** One HTTP request with nothing added (fetch would normalise paths and headers the tests want raw). */
export declare function call(base: string, method: string, path: string, options?: RequestOptions): Promise<Answer>;
/** GET that must answer 200 with JSON. */
export declare function getJson<T = Record<string, unknown>>(base: string, path: string, token?: string): Promise<T>;
/** A multipart/form-data body with one file field. */
export declare function multipart(field: string, fileName: string, content: Buffer | string): {
    body: Buffer;
    contentType: string;
};
export declare function errorsOf(a: Answer): string[];
