import type { JobBundle } from "../messages.js";
export declare class BlobCache {
    private readonly dir;
    private readonly fetch;
    private readonly inflight;
    /** How many bundles were actually fetched (the rest came from the cache). */
    fetches: number;
    constructor(dir: string, fetch: (hash: string) => Promise<JobBundle>);
    /** The local path of the bundle, fetching it if this TaskExecutor doesn't have it yet. */
    path(hash: string): Promise<string>;
}
